import {
  acceptOrgInvitation,
  ensureUser,
  keyOf,
  setCollaborator,
  type GithubState,
} from './state.js';
import type { GithubSeed, RepoPermission, SeedInvitation, TeamRole } from './seed.js';

/**
 * What people do outside the API (in the GitHub UI, or by clicking a link in an e-mail),
 * and the state read back in the seed's shape for assertions.
 */

function loginOf(state: GithubState, key: string): string {
  return state.users.get(key)?.login ?? key;
}

function roles(state: GithubState, entries: Map<string, TeamRole>): Record<string, TeamRole> {
  return Object.fromEntries([...entries].map(([key, role]) => [loginOf(state, key), role]));
}

/** A fresh copy in the seed's shape: later requests never change it. */
export function snapshotOf(state: GithubState): GithubSeed {
  const repos: GithubSeed['repos'] = {};
  for (const repo of state.repos.values()) {
    const invitations: SeedInvitation[] = [...repo.invitations.values()]
      .sort((a, b) => a.id - b.id)
      .map((invitation) => ({
        id: invitation.id,
        invitee: invitation.invitee === undefined ? null : loginOf(state, invitation.invitee),
        ...(invitation.email ? { email: invitation.email } : {}),
        permissions: invitation.permission,
        created_at: invitation.createdAt,
        expired: invitation.expired,
      }));
    const collaborators = Object.fromEntries([...repo.collaborators].map(([key, level]) => [loginOf(state, key), level]));
    repos[repo.fullName] = { collaborators, invitations };
  }
  const teams: NonNullable<GithubSeed['teams']> = {};
  for (const team of state.teams.values()) {
    const repoAccess = [...state.repos.values()].flatMap((repo) => {
      const level = repo.teams.get(keyOf(team.slug));
      return level ? [[repo.fullName, level] as const] : [];
    });
    const parent = team.parent ? state.teams.get(team.parent)?.slug : undefined;
    teams[team.slug] = {
      members: roles(state, team.members),
      pending: roles(state, team.pending),
      ...(parent ? { parent } : {}),
      ...(repoAccess.length > 0 ? { repos: Object.fromEntries(repoAccess) } : {}),
    };
  }
  return {
    org: state.org,
    members: [...state.members].map((key) => loginOf(state, key)),
    ...(state.basePermission === 'none' ? {} : { basePermission: state.basePermission }),
    owners: [...state.owners].map((key) => loginOf(state, key)),
    users: [...state.users.values()].map((user) => user.login),
    repos,
    teams,
  };
}

/** An admin adds a person in the UI: no invitation, no API call, just access. */
export function addCollaboratorByHand(state: GithubState, fullName: string, login: string, permission: RepoPermission): void {
  const repo = state.repos.get(keyOf(fullName));
  if (!repo) throw new Error(`no repository ${fullName} in the emulated organisation ${state.org}`);
  setCollaborator(state, repo, keyOf(ensureUser(state, login).login), permission);
}

/** The person accepts every live repository invitation and their organisation (team) invitation. */
export function acceptInvitationsOf(state: GithubState, login: string): void {
  const key = keyOf(login);
  for (const repo of state.repos.values()) {
    for (const invitation of [...repo.invitations.values()]) {
      if (invitation.invitee !== key || invitation.expired) continue;
      repo.invitations.delete(invitation.id);
      setCollaborator(state, repo, key, invitation.permission);
    }
  }
  acceptOrgInvitation(state, key);
}

/** Seven days pass: every pending repository invitation expires. */
export function expireAllInvitations(state: GithubState): void {
  for (const repo of state.repos.values()) {
    for (const invitation of repo.invitations.values()) invitation.expired = true;
  }
}
