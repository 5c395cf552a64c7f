export type RepoPermission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';
export type TeamRole = 'member' | 'maintainer';
/** An organisation's base role: what every member has on every repository. */
export type BasePermission = 'none' | 'read' | 'write' | 'admin';

/** A pending repository invitation as a seed or a snapshot states it. */
export interface SeedInvitation {
  /** Invitation id; assigned when missing. */
  id?: number;
  /** Invited login; null (or missing) with `email` for an invitation by e-mail. */
  invitee?: string | null;
  /** E-mail of an invitation sent to an address. */
  email?: string;
  /** Level in the collaborator vocabulary; the API shows it in the invitation vocabulary. */
  permissions: RepoPermission;
  /** ISO time; the start time when missing. */
  created_at?: string;
  /** Older than seven days: still listed, no longer acceptable. */
  expired?: boolean;
}

/** The state of one emulated GitHub organisation. */
export interface GithubSeed {
  /** Organisation login. */
  org: string;
  /** Org members (logins); members are added directly, not invited. */
  members: string[];
  /** Org owners (subset of members semantics: they are members with role admin). */
  owners?: string[];
  /** Base role of every member on every repository; `none` when missing. */
  basePermission?: BasePermission;
  /** Every user that exists on "GitHub" (logins); PUT for an unknown login answers 404. Members,
   *  owners, collaborators and invitees are known automatically. */
  users?: string[];
  /** Repositories by full name ("org/name"). */
  repos: Record<string, {
    /** Direct collaborators and their level. */
    collaborators?: Record<string, RepoPermission>;
    /** Pending invitations. */
    invitations?: SeedInvitation[];
  }>;
  /** Public profile e-mails by login (`GET /users/{username}`); everyone else shows none. */
  emails?: Record<string, string>;
  /** Teams by slug. */
  teams?: Record<string, {
    /** Active members and their role. */
    members?: Record<string, TeamRole>;
    /** Pending team memberships (users invited to the org through the team); a key with `@` is an invitation by e-mail. */
    pending?: Record<string, TeamRole>;
    /** Slug of the parent team: this team's members are listed as the parent's members too. */
    parent?: string;
    /** Repositories (full names) the team has access to, and the level. */
    repos?: Record<string, RepoPermission>;
  }>;
}

export const REPO_PERMISSIONS: readonly RepoPermission[] = ['pull', 'triage', 'push', 'maintain', 'admin'];

export function isRepoPermission(value: unknown): value is RepoPermission {
  return typeof value === 'string' && (REPO_PERMISSIONS as readonly string[]).includes(value);
}
