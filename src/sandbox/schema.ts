import { z } from 'zod';
import type { AwsSeed } from '../emulators/aws/index.js';
import type { GithubSeed } from '../emulators/github/index.js';
import type { GoogleAdsSeed } from '../emulators/google-ads/index.js';
import type { GoogleSeed } from '../emulators/google/index.js';
import type { JiraSeed } from '../emulators/jira/index.js';
import type { LinkedinSeed } from '../emulators/linkedin/index.js';
import type { MetaSeed } from '../emulators/meta/index.js';
import type { SlackSeed } from '../emulators/slack/index.js';
import type { TiktokSeed } from '../emulators/tiktok/index.js';
import type { SandboxState as SandboxStateShape } from './state.js';

/*
 * The state file, one schema per platform. Each is checked against the emulator's own seed
 * type (`satisfies`), so the file format and the emulators cannot drift apart. Objects are
 * strict: a misspelt key is an error with its position, not a silently empty platform.
 */

const text = z.string().min(1);
const names = z.array(text);
const repoPermission = z.enum(['pull', 'triage', 'push', 'maintain', 'admin']);
const teamRole = z.enum(['member', 'maintainer']);

export const GithubState = z.strictObject({
  org: text,
  members: names,
  owners: names.optional(),
  basePermission: z.enum(['none', 'read', 'write', 'admin']).optional(),
  users: names.optional(),
  repos: z.record(text, z.strictObject({
    collaborators: z.record(text, repoPermission).optional(),
    invitations: z.array(z.strictObject({
      id: z.number().int().optional(),
      invitee: text.nullable().optional(),
      email: text.optional(),
      permissions: repoPermission,
      created_at: text.optional(),
      expired: z.boolean().optional(),
    })).optional(),
  })),
  emails: z.record(text, text).optional(),
  teams: z.record(text, z.strictObject({
    members: z.record(text, teamRole).optional(),
    pending: z.record(text, teamRole).optional(),
    parent: text.optional(),
    repos: z.record(text, repoPermission).optional(),
  })).optional(),
}) satisfies z.ZodType<GithubSeed>;

const binding = z.strictObject({ user: text, roles: names });
export const GoogleState = z.strictObject({
  drive: z.record(text, z.array(z.strictObject({
    email: text,
    role: z.enum(['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader']),
    inheritedFrom: text.optional(),
    type: z.enum(['user', 'group']).optional(),
  }))).optional(),
  sharedDrives: z.record(text, text).optional(),
  ga4: z.record(text, z.strictObject({ account: text.optional(), bindings: z.array(binding), accountBindings: z.array(binding).optional() })).optional(),
  groups: z.record(text, z.array(z.strictObject({ email: text, role: z.enum(['OWNER', 'MANAGER', 'MEMBER']) }))).optional(),
  names: z.record(text, text).optional(),
}) satisfies z.ZodType<GoogleSeed>;

export const SlackState = z.strictObject({
  team: text,
  botUserId: text.optional(),
  users: z.array(z.strictObject({ id: text, email: z.string(), name: text.optional(), isBot: z.boolean().optional(), deleted: z.boolean().optional() })),
  channels: z.record(text, z.strictObject({
    name: text.optional(),
    members: names,
    archived: z.boolean().optional(),
    withoutApp: z.boolean().optional(),
    general: z.boolean().optional(),
  })),
}) satisfies z.ZodType<SlackSeed>;

const metaTask = z.enum(['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'AA_ANALYZE']);
const metaRole = z.enum(['ADMIN', 'EMPLOYEE']);
export const MetaState = z.strictObject({
  businessId: text,
  people: z.record(text, metaRole),
  systemUsers: z.record(text, text).optional(),
  invitations: z.array(z.strictObject({ id: text.optional(), email: text, role: metaRole.optional(), createdTime: text.optional(), expirationTime: text.optional() })).optional(),
  adAccounts: z.record(text, z.record(text, z.union([metaTask, z.array(metaTask)]))),
}) satisfies z.ZodType<MetaSeed>;

const adsRole = z.enum(['ADMIN', 'STANDARD', 'READ_ONLY', 'EMAIL_ONLY']);
export const GoogleAdsState = z.strictObject({
  customers: z.record(text, z.strictObject({
    users: z.record(text, adsRole),
    invitations: z.array(z.strictObject({ id: text.optional(), email: text, role: adsRole, createdAt: text.optional(), status: z.enum(['PENDING', 'DECLINED', 'EXPIRED']).optional() })).optional(),
    manager: z.boolean().optional(),
    clients: names.optional(),
    timeZone: text.optional(),
  })),
  accessible: names.optional(),
}) satisfies z.ZodType<GoogleAdsSeed>;

export const LinkedinState = z.strictObject({
  accounts: z.record(text, z.record(text, z.enum(['ACCOUNT_BILLING_ADMIN', 'ACCOUNT_MANAGER', 'CAMPAIGN_MANAGER', 'CREATIVE_MANAGER', 'VIEWER']))),
}) satisfies z.ZodType<LinkedinSeed>;

const advertiserRole = z.enum(['ADMIN', 'OPERATOR', 'ANALYST']);
export const TiktokState = z.strictObject({
  bcId: text,
  members: z.record(text, z.enum(['ADMIN', 'STANDARD'])),
  invitations: z.array(z.strictObject({ email: text, status: z.enum(['PENDING', 'REJECTED']).optional(), assets: z.record(text, advertiserRole).optional() })).optional(),
  accounts: z.record(text, z.strictObject({ name: text.optional(), relation: z.enum(['OWNER_BC', 'OWNER_PARTNER']).optional(), members: z.record(text, advertiserRole) })),
}) satisfies z.ZodType<TiktokSeed>;

export const AwsState = z.strictObject({
  instanceArn: text,
  identityStoreId: text,
  permissionSets: z.array(z.strictObject({ arn: text, name: text })),
  accounts: z.array(z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits')),
  users: z.array(z.strictObject({ id: text, userName: text, email: text.optional(), displayName: text.optional() })),
  groups: z.array(z.strictObject({ id: text, displayName: text, members: names })),
  assignments: z.array(z.strictObject({ account: text, permissionSetArn: text, principalType: z.enum(['USER', 'GROUP']), principalId: text })),
}) satisfies z.ZodType<AwsSeed>;

export const JiraState = z.strictObject({
  roles: z.record(text, z.number().int()),
  users: z.record(text, z.strictObject({
    email: text,
    displayName: text.optional(),
    hideEmail: z.boolean().optional(),
    accountType: z.enum(['atlassian', 'app', 'customer']).optional(),
    active: z.boolean().optional(),
  })),
  groups: z.record(text, names).optional(),
  projects: z.record(text, z.strictObject({ name: text, roles: z.record(text, z.strictObject({ users: names.optional(), groups: names.optional() })) })),
}) satisfies z.ZodType<JiraSeed>;

export const SandboxState = z.strictObject({
  version: z.literal(1),
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'the access repository is owner/name'),
  github: GithubState,
  google: GoogleState,
  slack: SlackState,
  meta: MetaState,
  googleAds: GoogleAdsState,
  linkedin: LinkedinState,
  tiktok: TiktokState,
  aws: AwsState,
  jira: JiraState,
}) satisfies z.ZodType<SandboxStateShape>;
