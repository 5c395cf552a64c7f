import type { BasePermission, GithubSeed, RepoPermission, TeamRole } from './seed.js';

export interface UserRecord {
  /** Login as first seen (GitHub keeps the owner's spelling). */
  login: string;
  /** Numeric user id. */
  id: number;
}

export interface RepoInvitationRecord {
  /** Invitation id, unique across the emulator. */
  id: number;
  /** Lower-case login, or undefined for an invitation by e-mail. */
  invitee?: string;
  /** Address of an invitation by e-mail. */
  email?: string;
  /** Level in the collaborator vocabulary. */
  permission: RepoPermission;
  /** ISO time of sending. */
  createdAt: string;
  /** Past seven days: listed, but cannot be accepted. */
  expired: boolean;
}

export interface RepoRecord {
  /** Numeric repository id. */
  id: number;
  /** `owner/name` as seeded. */
  fullName: string;
  /** Direct collaborators by lower-case login. */
  collaborators: Map<string, RepoPermission>;
  /** Pending invitations by id. */
  invitations: Map<number, RepoInvitationRecord>;
  /** Teams with access, by lower-case slug. */
  teams: Map<string, RepoPermission>;
}

export interface TeamRecord {
  /** Numeric team id. */
  id: number;
  /** Slug as seeded. */
  slug: string;
  /** Active members by lower-case login. */
  members: Map<string, TeamRole>;
  /** Pending memberships by lower-case login (or e-mail); each has an organisation invitation. */
  pending: Map<string, TeamRole>;
  /** Lower-case slug of the parent team. */
  parent?: string;
  /** Lower-case slugs of the child teams. */
  children: Set<string>;
}

/** An organisation invitation; GitHub keeps one per person, whatever the number of teams. */
export interface OrgInvitationRecord {
  /** Invitation id, unique across the emulator. */
  id: number;
  /** Lower-case login, or the address of an invitation by e-mail (it has an `@`). */
  invitee: string;
  /** ISO time of sending. */
  createdAt: string;
  /** Slugs of the teams the person joins on acceptance. */
  teams: Set<string>;
}

/**
 * Everything the emulator knows, indexed so that every request costs time in proportion to
 * its own resource, never to the size of the organisation. Logins, repository names and team
 * slugs are case-insensitive on GitHub: every map is keyed by the lower-case form.
 */
export interface GithubState {
  /** Organisation login. */
  org: string;
  /** Numeric organisation id. */
  orgId: number;
  /** Every known user. */
  users: Map<string, UserRecord>;
  /** Members (owners may or may not be listed here too). */
  members: Set<string>;
  /** Owners: members with role admin, admin of every repository. */
  owners: Set<string>;
  /** What every member has on every repository. */
  basePermission: BasePermission;
  /** Repositories by lower-case full name. */
  repos: Map<string, RepoRecord>;
  /** Teams by lower-case slug. */
  teams: Map<string, TeamRecord>;
  /** Pending organisation invitations by lower-case login. */
  orgInvitations: Map<string, OrgInvitationRecord>;
  /** Lower-case login -> keys of the repositories where the person is a direct collaborator. */
  collaboratorRepos: Map<string, Set<string>>;
  /** Next id for a user first met in a request or helper. */
  nextUserId: number;
  /** Next id for a repository or organisation invitation. */
  nextInvitationId: number;
}

export function keyOf(name: string): string {
  return name.toLowerCase();
}

/** GitHub prints times to the second. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function ensureUser(state: GithubState, login: string): UserRecord {
  const key = keyOf(login);
  const known = state.users.get(key);
  if (known) return known;
  const user = { login, id: state.nextUserId++ };
  state.users.set(key, user);
  return user;
}

export function isMember(state: GithubState, key: string): boolean {
  return state.members.has(key) || state.owners.has(key);
}

export function setCollaborator(state: GithubState, repo: RepoRecord, key: string, permission: RepoPermission): void {
  repo.collaborators.set(key, permission);
  const repos = state.collaboratorRepos.get(key) ?? new Set<string>();
  repos.add(keyOf(repo.fullName));
  state.collaboratorRepos.set(key, repos);
}

export function removeCollaborator(state: GithubState, repo: RepoRecord, key: string): void {
  repo.collaborators.delete(key);
  const repos = state.collaboratorRepos.get(key);
  repos?.delete(keyOf(repo.fullName));
  if (repos?.size === 0) state.collaboratorRepos.delete(key);
}

/**
 * Invites a person who is not in the organisation. A live invitation is updated in place (its
 * id stays, so a retried PUT never duplicates it); an expired one cannot be revived, so it is
 * replaced by a fresh invitation with a new id.
 */
export function inviteCollaborator(state: GithubState, repo: RepoRecord, key: string, permission: RepoPermission): RepoInvitationRecord {
  for (const invitation of repo.invitations.values()) {
    if (invitation.invitee !== key) continue;
    if (!invitation.expired) {
      invitation.permission = permission;
      return invitation;
    }
    repo.invitations.delete(invitation.id);
  }
  const invitation: RepoInvitationRecord = { id: state.nextInvitationId++, invitee: key, permission, createdAt: now(), expired: false };
  repo.invitations.set(invitation.id, invitation);
  return invitation;
}

function ensureOrgInvitation(state: GithubState, key: string, slug: string, createdAt = now()): void {
  const existing = state.orgInvitations.get(key);
  if (existing) {
    existing.teams.add(slug);
    return;
  }
  state.orgInvitations.set(key, { id: state.nextInvitationId++, invitee: key, createdAt, teams: new Set([slug]) });
}

/** Adds or changes a team membership; a person outside the organisation gets a pending one. */
export function setTeamMembership(state: GithubState, team: TeamRecord, key: string, role: TeamRole): 'active' | 'pending' {
  if (team.members.has(key) || isMember(state, key)) {
    team.pending.delete(key);
    team.members.set(key, role);
    return 'active';
  }
  team.pending.set(key, role);
  ensureOrgInvitation(state, key, keyOf(team.slug));
  return 'pending';
}

/**
 * Removes an active or pending membership; false when there was none. The organisation
 * invitation of a pending member stays: GitHub does not withdraw it with the team.
 */
export function removeTeamMembership(state: GithubState, team: TeamRecord, key: string): boolean {
  if (team.members.delete(key)) return true;
  if (!team.pending.delete(key)) return false;
  state.orgInvitations.get(key)?.teams.delete(keyOf(team.slug));
  return true;
}

/** Accepting an organisation invitation makes the person a member of every team it names. */
export function acceptOrgInvitation(state: GithubState, key: string): void {
  const invitation = state.orgInvitations.get(key);
  if (!invitation) return;
  state.orgInvitations.delete(key);
  state.members.add(key);
  for (const slug of invitation.teams) {
    const team = state.teams.get(slug);
    const role = team?.pending.get(key);
    if (!team || !role) continue;
    team.pending.delete(key);
    team.members.set(key, role);
  }
}

function seedIds(seed: GithubSeed): number[] {
  return Object.values(seed.repos).flatMap((repo) => (repo.invitations ?? []).flatMap((invitation) => (invitation.id === undefined ? [] : [invitation.id])));
}

/** Builds the indexed state; the seed is only read. */
export function createState(seed: GithubSeed): GithubState {
  const state: GithubState = {
    org: seed.org,
    orgId: 9_000_001,
    users: new Map(),
    members: new Set(),
    owners: new Set(),
    basePermission: seed.basePermission ?? 'none',
    repos: new Map(),
    teams: new Map(),
    orgInvitations: new Map(),
    collaboratorRepos: new Map(),
    nextUserId: 1_000_001,
    nextInvitationId: Math.max(0, ...seedIds(seed)) + 1,
  };
  const startedAt = now();
  for (const login of [...(seed.owners ?? []), ...seed.members, ...(seed.users ?? [])]) ensureUser(state, login);
  for (const login of seed.members) state.members.add(keyOf(login));
  for (const login of seed.owners ?? []) state.owners.add(keyOf(login));
  let repoId = 500_000_001;
  for (const [fullName, spec] of Object.entries(seed.repos)) {
    const repo: RepoRecord = { id: repoId++, fullName, collaborators: new Map(), invitations: new Map(), teams: new Map() };
    state.repos.set(keyOf(fullName), repo);
    for (const [login, permission] of Object.entries(spec.collaborators ?? {})) {
      setCollaborator(state, repo, keyOf(ensureUser(state, login).login), permission);
    }
    for (const seeded of spec.invitations ?? []) {
      const invitee = seeded.invitee ? keyOf(ensureUser(state, seeded.invitee).login) : undefined;
      const invitation: RepoInvitationRecord = {
        id: seeded.id ?? state.nextInvitationId++,
        invitee,
        email: seeded.email,
        permission: seeded.permissions,
        createdAt: seeded.created_at ?? startedAt,
        expired: seeded.expired ?? false,
      };
      repo.invitations.set(invitation.id, invitation);
    }
  }
  let teamId = 7_000_001;
  for (const [slug, spec] of Object.entries(seed.teams ?? {})) {
    const team: TeamRecord = { id: teamId++, slug, members: new Map(), pending: new Map(), children: new Set() };
    if (spec.parent) team.parent = keyOf(spec.parent);
    state.teams.set(keyOf(slug), team);
    for (const [fullName, permission] of Object.entries(spec.repos ?? {})) state.repos.get(keyOf(fullName))?.teams.set(keyOf(slug), permission);
    for (const [login, role] of Object.entries(spec.members ?? {})) team.members.set(keyOf(ensureUser(state, login).login), role);
    for (const [login, role] of Object.entries(spec.pending ?? {})) {
      const key = login.includes('@') ? keyOf(login) : keyOf(ensureUser(state, login).login);
      team.pending.set(key, role);
      ensureOrgInvitation(state, key, keyOf(slug), startedAt);
    }
  }
  for (const team of state.teams.values()) if (team.parent) state.teams.get(team.parent)?.children.add(keyOf(team.slug));
  return state;
}

/** Cancelling an organisation invitation withdraws every pending team membership it carries. */
export function cancelOrgInvitation(state: GithubState, id: number): boolean {
  for (const [key, invitation] of state.orgInvitations) {
    if (invitation.id !== id) continue;
    state.orgInvitations.delete(key);
    for (const slug of invitation.teams) state.teams.get(slug)?.pending.delete(key);
    return true;
  }
  return false;
}
