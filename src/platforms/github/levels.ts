import type { Level } from '../../model/kinds.js';

/**
 * GitHub speaks three vocabularies for repository access: the collaborator API
 * (`pull|triage|push|maintain|admin`, Latch's own levels), the invitation API
 * (`read|triage|write|maintain|admin`) and GraphQL's `roleName` on a permission source (the
 * invitation words, or the name of an organisation's custom role). Mixing them up is a silent bug, so
 * every translation lives here.
 */

export type RepoLevel = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';
export type InvitationPermission = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
export type TeamLevel = 'member' | 'maintainer';

const REPO_TO_INVITATION = {
  pull: 'read',
  triage: 'triage',
  push: 'write',
  maintain: 'maintain',
  admin: 'admin',
} as const satisfies Record<RepoLevel, InvitationPermission>;

const INVITATION_TO_REPO = {
  read: 'pull',
  triage: 'triage',
  write: 'push',
  maintain: 'maintain',
  admin: 'admin',
} as const satisfies Record<InvitationPermission, RepoLevel>;

export function isRepoLevel(value: string): value is RepoLevel {
  return Object.hasOwn(REPO_TO_INVITATION, value);
}

function isInvitationPermission(value: string): value is InvitationPermission {
  return Object.hasOwn(INVITATION_TO_REPO, value);
}

/** The invitation API's word for a Latch level (`push` -> `write`); throws on a non-repository level. */
export function toInvitationPermission(level: Level): InvitationPermission {
  if (!isRepoLevel(level)) throw new Error(`"${level}" is not a github-repo level`);
  return REPO_TO_INVITATION[level];
}

/** The collaborator API's word for a Latch level: the same word, checked. */
export function toCollaboratorPermission(level: Level): RepoLevel {
  if (!isRepoLevel(level)) throw new Error(`"${level}" is not a github-repo level`);
  return level;
}

/**
 * The Latch level of an invitation's `permissions`. GitHub answers in the invitation
 * vocabulary; the collaborator words are accepted too, because both name the same levels
 * and refusing them would only turn a harmless variation into an unreadable resource.
 */
export function levelFromInvitation(permission: string): RepoLevel | undefined {
  if (isInvitationPermission(permission)) return INVITATION_TO_REPO[permission];
  if (isRepoLevel(permission)) return permission;
  return undefined;
}

/** The Latch level of a built-in `role_name`; undefined for a custom role. */
export function levelFromRoleName(roleName: string): RepoLevel | undefined {
  return levelFromInvitation(roleName.toLowerCase());
}

/** A team role as Latch names it; GitHub uses the same words. */
export function teamLevel(role: string | null | undefined): TeamLevel {
  return role === 'maintainer' ? 'maintainer' : 'member';
}

export function isTeamLevel(value: string): value is TeamLevel {
  return value === 'member' || value === 'maintainer';
}
