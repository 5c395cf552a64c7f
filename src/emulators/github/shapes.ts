import type { EmulatorResponse } from '../harness.js';
import {
  keyOf,
  type GithubState,
  type OrgInvitationRecord,
  type RepoInvitationRecord,
  type RepoRecord,
  type TeamRecord,
  type UserRecord,
} from './state.js';
import { REPO_PERMISSIONS, type RepoPermission, type TeamRole } from './seed.js';

/**
 * GitHub's JSON, built from the emulator's records. The shapes follow the REST API's
 * OpenAPI description (simple-user, collaborator, repository-invitation,
 * organization-invitation, team-membership), so a client that parses them here parses them
 * on api.github.com.
 */

export type InvitationPermission = 'read' | 'triage' | 'write' | 'maintain' | 'admin';

/** Invitations speak a different vocabulary from the collaborator API: the classic trap. */
export const INVITATION_WORD = {
  pull: 'read',
  triage: 'triage',
  push: 'write',
  maintain: 'maintain',
  admin: 'admin',
} as const satisfies Record<RepoPermission, InvitationPermission>;

const PERMISSION_OF_WORD = {
  read: 'pull',
  triage: 'triage',
  write: 'push',
  maintain: 'maintain',
  admin: 'admin',
} as const satisfies Record<InvitationPermission, RepoPermission>;

export function isInvitationPermission(value: unknown): value is InvitationPermission {
  return typeof value === 'string' && Object.hasOwn(PERMISSION_OF_WORD, value);
}

export function permissionOfWord(word: InvitationPermission): RepoPermission {
  return PERMISSION_OF_WORD[word];
}

/** `role_name` of a collaborator uses the invitation words for the built-in roles. */
const ROLE_NAME = INVITATION_WORD;

const WEB = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';

export const DOC = {
  collaborators: `${DOCS}/collaborators/collaborators`,
  invitations: `${DOCS}/collaborators/invitations`,
  members: `${DOCS}/orgs/members`,
  outside: `${DOCS}/orgs/outside-collaborators`,
  teams: `${DOCS}/teams/members`,
  teamsList: `${DOCS}/teams/teams`,
  rateLimit: `${DOCS}/rate-limit/rate-limit`,
} as const;

export function simpleUser(base: string, user: UserRecord, type: 'User' | 'Organization' = 'User'): Record<string, unknown> {
  const url = `${base}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: `${type === 'User' ? 'U' : 'O'}_${user.id.toString(36)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** A collaborator: the cumulative permission booleans plus `role_name`, both for one level. */
export function collaborator(base: string, user: UserRecord, level: RepoPermission): Record<string, unknown> {
  const rank = REPO_PERMISSIONS.indexOf(level);
  return {
    ...simpleUser(base, user),
    permissions: {
      pull: rank >= 0,
      triage: rank >= 1,
      push: rank >= 2,
      maintain: rank >= 3,
      admin: rank >= 4,
    },
    role_name: ROLE_NAME[level],
  };
}

function organisation(state: GithubState): UserRecord {
  return { login: state.org, id: state.orgId };
}

/** The first owner (or member) sends every invitation, as the token's user would. */
function inviter(state: GithubState): UserRecord {
  const [key] = state.owners.size > 0 ? state.owners : state.members;
  const user = key === undefined ? undefined : state.users.get(key);
  return user ?? organisation(state);
}

function minimalRepository(base: string, state: GithubState, repo: RepoRecord): Record<string, unknown> {
  const [, name = repo.fullName] = repo.fullName.split('/');
  return {
    id: repo.id,
    node_id: `R_${repo.id.toString(36)}`,
    name,
    full_name: repo.fullName,
    owner: simpleUser(base, organisation(state), 'Organization'),
    private: true,
    html_url: `${WEB}/${repo.fullName}`,
    description: null,
    fork: false,
    url: `${base}/repos/${repo.fullName}`,
  };
}

export function repoInvitation(base: string, state: GithubState, repo: RepoRecord, invitation: RepoInvitationRecord): Record<string, unknown> {
  const invitee = invitation.invitee === undefined ? undefined : state.users.get(invitation.invitee);
  return {
    id: invitation.id,
    node_id: `RI_${invitation.id.toString(36)}`,
    repository: minimalRepository(base, state, repo),
    invitee: invitee ? simpleUser(base, invitee) : null,
    inviter: simpleUser(base, inviter(state)),
    permissions: INVITATION_WORD[invitation.permission],
    created_at: invitation.createdAt,
    expired: invitation.expired,
    url: `${base}/user/repository_invitations/${invitation.id}`,
    html_url: `${WEB}/${repo.fullName}/invitations`,
    // An invitation sent to an address has no invitee, only this.
    email: invitation.email ?? null,
  };
}

/** A pending organisation membership; only a team invitation creates one here, hence `direct_member`. */
export function orgInvitation(base: string, state: GithubState, invitation: OrgInvitationRecord): Record<string, unknown> {
  const byEmail = invitation.invitee.includes('@');
  const invitee = state.users.get(invitation.invitee);
  return {
    id: invitation.id,
    node_id: `OI_${invitation.id.toString(36)}`,
    // Documented: the login is null when the invitee is not a GitHub user (an invitation by e-mail).
    login: byEmail ? null : (invitee?.login ?? invitation.invitee),
    email: byEmail ? invitation.invitee : null,
    role: 'direct_member',
    created_at: invitation.createdAt,
    failed_at: null,
    failed_reason: null,
    inviter: simpleUser(base, inviter(state)),
    team_count: invitation.teams.size,
    invitation_teams_url: `${base}/organizations/${state.orgId}/invitations/${invitation.id}/teams`,
    invitation_source: 'member',
  };
}

export function teamMembership(base: string, state: GithubState, team: TeamRecord, user: UserRecord, role: TeamRole, status: 'active' | 'pending'): Record<string, unknown> {
  return {
    url: `${base}/organizations/${state.orgId}/team/${team.id}/memberships/${keyOf(user.login)}`,
    role,
    state: status,
  };
}

/** GitHub's error body: message, documentation link and the status as a string. */
export function failure(status: number, message: string, documentation: string = DOCS, extra: Record<string, unknown> = {}): EmulatorResponse {
  return { status, body: { message, documentation_url: documentation, status: String(status), ...extra } };
}

export function notFound(documentation: string = DOCS): EmulatorResponse {
  return failure(404, 'Not Found', documentation);
}

/** A 422 naming the offending field, as GitHub's validation errors do. */
export function validationFailed(resource: string, field: string, value: unknown, documentation: string): EmulatorResponse {
  return failure(422, 'Validation Failed', documentation, {
    errors: [{ resource, field, code: 'invalid', value, message: `${field} is not a valid value` }],
  });
}
