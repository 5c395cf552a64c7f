import { z } from 'zod';
import { LEVELS, RESOURCE_KINDS, type ResourceKind } from '../model/kinds.js';
import { PLATFORM_TEXT_FORMATS, PlatformsFile } from '../platforms/configs.js';

/**
 * The one source of truth for the shapes of the repository's YAML. `schemas/*.schema.json`
 * are generated from these (npm run schemas) and a test fails when they are stale.
 */

/**
 * Text formats of the YAML, each with the words a person would use for it. Schema error
 * messages look the pattern up here, so the sentence lives next to the pattern it explains.
 */
export const TEXT_FORMATS = {
  key: { pattern: /^[a-z0-9][a-z0-9_-]*$/, says: 'a name of lower-case letters, digits, "-" and "_" (such as dana or eng-team)' },
  slug: { pattern: /^[a-z0-9][a-z0-9-]*$/, says: 'a name of lower-case letters, digits and "-" (such as client-admin)' },
  isoDate: { pattern: /^\d{4}-\d{2}-\d{2}$/, says: 'a date in the form YYYY-MM-DD (such as 2027-03-31)' },
  domain: { pattern: /^[a-z0-9.-]+\.[a-z]{2,}$/, says: 'a lower-case e-mail domain (such as example.com)' },
  githubLogin: { pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, says: 'a GitHub login (letters, digits and "-", at most 39)' },
  linkedinUrn: { pattern: /^urn:li:person:[A-Za-z0-9_-]+$/, says: 'a LinkedIn member URN (such as urn:li:person:9aBcD3fGh)' },
  ...PLATFORM_TEXT_FORMATS,
} as const satisfies Record<string, { pattern: RegExp; says: string }>;

function formatted(name: keyof typeof TEXT_FORMATS) {
  return z.string().regex(TEXT_FORMATS[name].pattern, TEXT_FORMATS[name].says);
}

const key = formatted('key');
const slug = formatted('slug');
const isoDate = formatted('isoDate');
const domain = formatted('domain');
const githubLogin = formatted('githubLogin');
const linkedinUrn = formatted('linkedinUrn');

/** One optional level per resource kind, each restricted to that kind's levels. */
function levelPerKind() {
  const shape = Object.fromEntries(
    RESOURCE_KINDS.map((kind) => [kind, z.enum(LEVELS[kind] as unknown as [string, ...string[]]).optional()]),
  ) as Record<ResourceKind, z.ZodOptional<z.ZodEnum<Record<string, string>>>>;
  return z.strictObject(shape);
}

export const Resource = z.strictObject({
  kind: z.enum(RESOURCE_KINDS as [ResourceKind, ...ResourceKind[]]).describe('What the resource is, and so which platform'),
  ref: z.string().min(1).describe("The platform's own reference: org/repo, a Drive folder id, a GA4 property id, a Slack channel id"),
  audience: z.enum(['agency', 'client', 'any']).optional().describe('Who may be given access: agency people only, client people only, or any (default)'),
  mode: z.enum(['manage', 'verify']).optional().describe('manage (default): Latch applies; verify: the client owns it, Latch checks and asks'),
});
export type Resource = z.infer<typeof Resource>;

export const Person = z.strictObject({
  email: z.email().describe('Work e-mail; the domain decides agency or client side'),
  github: githubLogin.optional().describe('GitHub login, needed for github-repo and github-team resources'),
  linkedin: linkedinUrn.optional().describe('LinkedIn member URN, needed for linkedin-ad-account resources (LinkedIn does not match people by e-mail)'),
  role: slug.optional().describe('A role of policies/roles.yaml'),
  until: isoDate.optional().describe('Last day of access (inclusive)'),
});
/** A person with every identity: as a client file writes them inline, or after policies/people.yaml is resolved. */
export type Person = z.infer<typeof Person>;

/** A person entry of a client file: the identities may instead come from policies/people.yaml, under the same key. */
export const PersonEntry = Person.extend({
  email: Person.shape.email
    .optional()
    .describe('Work e-mail; the domain decides agency or client side. Leave the identities out for an agency person of policies/people.yaml'),
});
export type PersonEntry = z.infer<typeof PersonEntry>;

/** One agency person of policies/people.yaml: every identity, once, for every client file that names them. */
export const AgencyPerson = Person.omit({ role: true }).extend({
  until: isoDate.optional().describe('Last day at the agency (inclusive): after it, their access ends in every client'),
});
export type AgencyPerson = z.infer<typeof AgencyPerson>;

export const PeopleFile = z.strictObject({
  people: z.record(key, AgencyPerson).describe("The agency's people, by the key client files name them with"),
});
export type PeopleFile = z.infer<typeof PeopleFile>;

export const Grant = z.strictObject({
  who: key.describe('A person of this file'),
  on: key.describe('A resource of this file'),
  level: z.string().min(1).describe("A level of the resource's kind"),
  until: isoDate.optional().describe('Last day of this grant (inclusive)'),
  why: z.string().min(1).describe('Why this exception exists, for reviewers and auditors'),
});
export type Grant = z.infer<typeof Grant>;

export const ClientFile = z.strictObject({
  client: slug.describe('Slug of the client; equals the file name'),
  name: z.string().min(1).describe('Display name'),
  domains: z.array(domain).default([]).describe("E-mail domains of the client's own people"),
  owners: z.array(key).default([]).describe('Agency people accountable for this client'),
  delegates: z.array(key).default([]).describe('Client admins allowed to edit this file'),
  resources: z.record(key, Resource).default({}).describe('The systems of this client Latch reconciles, by name'),
  people: z.record(key, PersonEntry).default({}).describe('Everyone with access to this client, by name'),
  grants: z.array(Grant).default([]).describe("Exceptions beyond a person's role"),
  reviewed: z
    .strictObject({
      on: isoDate.describe('Day of the last access review (not in the future)'),
      by: z.string().min(1).describe('Who attested it: an agency person of this file (key or e-mail) or an owner'),
    })
    .optional()
    .describe('The last access review of this client (latch review --attest writes it)'),
});
/** A client file as written: people of policies/people.yaml may be named by key only. */
export type ClientFileSource = z.infer<typeof ClientFile>;
/** A client file with policies/people.yaml resolved: every person has their identities. */
export type ClientFile = Omit<ClientFileSource, 'people'> & { people: Record<string, Person> };

export const Role = z.strictObject({
  description: z.string().min(1).describe('What the role is for, in one line'),
  side: z.enum(['client', 'agency', 'any']).describe('Who may have the role: client people, agency people, or any'),
  levels: levelPerKind().describe('The level the role gives on each resource kind it names'),
});
export type Role = z.infer<typeof Role>;

export const RolesFile = z.strictObject({ roles: z.record(slug, Role).describe('The role catalogue, by role name') });
export type RolesFile = z.infer<typeof RolesFile>;

export const GuardrailsFile = z.strictObject({
  agencyDomains: z.array(domain).min(1).describe('E-mail domains of agency people; everyone else is client-side'),
  personalDomains: z.array(domain).default([]).describe('Domains refused for agency people'),
  clientSide: z
    .strictObject({
      maxLevel: levelPerKind().default({}).describe('Highest level a client-side person may have, per resource kind'),
      maxDays: z.int().positive().optional().describe('Longest `until` from today for client-side people, in days'),
      requireUntil: z.boolean().default(false).describe('Whether client-side people must have an `until`'),
    })
    .default({ maxLevel: {}, requireUntil: false })
    .describe('Limits on the access of client-side people'),
  delegates: z
    .strictObject({ mayAssign: z.array(slug).default([]).describe("Roles a client's delegates may give") })
    .default({ mayAssign: [] }),
  massRevoke: z
    .strictObject({
      maxCount: z.int().nonnegative().describe('Most revocations one apply may make without --allow-mass-revoke'),
      maxShare: z.number().min(0).max(1).describe('Largest share of existing grants one apply may revoke without --allow-mass-revoke'),
    })
    .default({ maxCount: 25, maxShare: 0.2 }),
  neverTouch: z.array(z.string().min(1)).default([]).describe('Logins or e-mails Latch never changes'),
  review: z
    .strictObject({ maxDays: z.int().positive().describe('Longest time between two access reviews of a client, in days') })
    .optional()
    .describe('Access reviews: clients not reviewed within maxDays are flagged (validation warning, drift report, status)'),
  expiryWarningDays: z
    .int()
    .nonnegative()
    .default(14)
    .describe('Plans and drift reports warn about access ending within this many days, so it can be renewed in a pull request'),
  offboarding: z
    .strictObject({
      watchDays: z
        .int()
        .nonnegative()
        .default(30)
        .describe("Days after an offboarding was applied during which drift runs still read the client's resources; any grant found there is revoked"),
    })
    .default({ watchDays: 30 })
    .describe('Offboarded clients: how long their resources stay watched'),
});
export type GuardrailsFile = z.infer<typeof GuardrailsFile>;

export { PlatformsFile };
export type PlatformsFile = z.infer<typeof PlatformsFile>;
export type PlatformsConfig = PlatformsFile;

/** Each schema with the file it is written to and the files it describes. */
export const SCHEMAS = {
  client: { model: ClientFile, title: 'Latch client file (clients/<client>.yaml)' },
  roles: { model: RolesFile, title: 'Latch role catalogue (policies/roles.yaml)' },
  guardrails: { model: GuardrailsFile, title: 'Latch guardrails (policies/guardrails.yaml)' },
  platforms: { model: PlatformsFile, title: 'Latch platform connections (policies/platforms.yaml)' },
  people: { model: PeopleFile, title: "Latch agency people (policies/people.yaml)" },
} as const;
export type SchemaName = keyof typeof SCHEMAS;
