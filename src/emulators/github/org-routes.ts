import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { bodyField, paginate } from './http.js';
import { DOC, failure, notFound, orgInvitation, simpleUser, teamMembership, validationFailed } from './shapes.js';
import {
  cancelOrgInvitation,
  isMember,
  keyOf,
  removeCollaborator,
  removeTeamMembership,
  setTeamMembership,
  type GithubState,
  type OrgInvitationRecord,
  type TeamRecord,
  type UserRecord,
} from './state.js';
import type { TeamRole } from './seed.js';
import { deepMembers } from './access.js';

function isTeamRole(value: unknown): value is TeamRole {
  return value === 'member' || value === 'maintainer';
}

function byId(a: UserRecord, b: UserRecord): number {
  return a.id - b.id;
}

function usersOf(state: GithubState, keys: Iterable<string>): UserRecord[] {
  const users: UserRecord[] = [];
  for (const key of keys) {
    const user = state.users.get(key);
    if (user) users.push(user);
  }
  return users.sort(byId);
}

type Handler = (request: EmulatorRequest) => EmulatorResponse;

function withOrg(state: GithubState, documentation: string, handler: Handler): Handler {
  return (request) => (keyOf(request.params.org ?? '') === keyOf(state.org) ? handler(request) : notFound(documentation));
}

function withTeam(state: GithubState, documentation: string, handler: (request: EmulatorRequest, team: TeamRecord) => EmulatorResponse): Handler {
  return withOrg(state, documentation, (request) => {
    const team = state.teams.get(keyOf(request.params.slug ?? ''));
    return team ? handler(request, team) : notFound(documentation);
  });
}

function listMembers(state: GithubState, request: EmulatorRequest): EmulatorResponse {
  const role = request.query.get('role') ?? 'all';
  const all = new Set([...state.members, ...state.owners]);
  if (role === 'all') return paginate(request, usersOf(state, all), (user) => simpleUser(request.baseUrl, user));
  if (role === 'admin') return paginate(request, usersOf(state, state.owners), (user) => simpleUser(request.baseUrl, user));
  if (role === 'member') {
    const plain = [...all].filter((key) => !state.owners.has(key));
    return paginate(request, usersOf(state, plain), (user) => simpleUser(request.baseUrl, user));
  }
  return validationFailed('Organization', 'role', role, `${DOC.members}#list-organization-members`);
}

/** Outside collaborators: direct collaborators on some repository who are not members. */
function outsideCollaborators(state: GithubState): UserRecord[] {
  const keys = [...state.collaboratorRepos.keys()].filter((key) => !isMember(state, key));
  return usersOf(state, keys);
}

function removeOutsideCollaborator(state: GithubState, request: EmulatorRequest): EmulatorResponse {
  const documentation = `${DOC.outside}#remove-outside-collaborator-from-an-organization`;
  const key = keyOf(request.params.username ?? '');
  if (!state.users.has(key)) return notFound(documentation);
  if (isMember(state, key)) return failure(422, 'You cannot specify an organization member to remove as an outside collaborator.', documentation);
  for (const repoKey of [...(state.collaboratorRepos.get(key) ?? [])]) {
    const repo = state.repos.get(repoKey);
    if (repo) removeCollaborator(state, repo, key);
  }
  return { status: 204 };
}

/**
 * Documented: the list includes members of child teams; owners show as maintainers, as in
 * the membership answer.
 */
function listTeamMembers(state: GithubState, request: EmulatorRequest, team: TeamRecord): EmulatorResponse {
  const role = request.query.get('role') ?? 'all';
  if (role !== 'all' && !isTeamRole(role)) return validationFailed('Team', 'role', role, `${DOC.teams}#list-team-members`);
  const keys = [...deepMembers(state, team)]
    .filter(([key, memberRole]) => role === 'all' || (state.owners.has(key) ? 'maintainer' : memberRole) === role)
    .map(([key]) => key);
  return paginate(request, usersOf(state, keys), (user) => simpleUser(request.baseUrl, user));
}

function childTeams(state: GithubState, request: EmulatorRequest, team: TeamRecord): EmulatorResponse {
  const children = [...team.children].flatMap((slug) => state.teams.get(slug) ?? []).sort((a, b) => a.id - b.id);
  return paginate(request, children, (child) => ({
    id: child.id,
    node_id: `T_${child.id.toString(36)}`,
    slug: child.slug,
    name: child.slug,
    url: `${request.baseUrl}/orgs/${state.org}/teams/${child.slug}`,
    parent: { id: team.id, slug: team.slug, name: team.slug },
  }));
}

function invitationById(state: GithubState, request: EmulatorRequest): OrgInvitationRecord | undefined {
  const id = Number(request.params.id);
  return [...state.orgInvitations.values()].find((invitation) => invitation.id === id);
}

function getMembership(state: GithubState, request: EmulatorRequest, team: TeamRecord): EmulatorResponse {
  const key = keyOf(request.params.username ?? '');
  const user = state.users.get(key);
  const active = team.members.get(key);
  const pending = team.pending.get(key);
  if (!user || (!active && !pending)) return notFound(`${DOC.teams}#get-team-membership-for-a-user`);
  // GitHub documents that organisation owners always show as maintainers here.
  if (active) return { status: 200, body: teamMembership(request.baseUrl, state, team, user, state.owners.has(key) ? 'maintainer' : active, 'active') };
  return { status: 200, body: teamMembership(request.baseUrl, state, team, user, pending ?? 'member', 'pending') };
}

function putMembership(state: GithubState, request: EmulatorRequest, team: TeamRecord): EmulatorResponse {
  const documentation = `${DOC.teams}#add-or-update-team-membership-for-a-user`;
  const user = state.users.get(keyOf(request.params.username ?? ''));
  if (!user) return notFound(documentation);
  const role = bodyField(request.body, 'role') ?? 'member';
  if (!isTeamRole(role)) return validationFailed('Team', 'role', role, documentation);
  const status = setTeamMembership(state, team, keyOf(user.login), role);
  return { status: 200, body: teamMembership(request.baseUrl, state, team, user, role, status) };
}

/**
 * GitHub documents only 204 for this call; the emulator answers 404 when the person has
 * neither an active nor a pending membership, so a client must treat 404 as "already gone".
 */
function deleteMembership(state: GithubState, request: EmulatorRequest, team: TeamRecord): EmulatorResponse {
  const removed = removeTeamMembership(state, team, keyOf(request.params.username ?? ''));
  return removed ? { status: 204 } : notFound(`${DOC.teams}#remove-team-membership-for-a-user`);
}

function listOrgInvitations(state: GithubState, request: EmulatorRequest, invitations: OrgInvitationRecord[]): EmulatorResponse {
  const sorted = invitations.sort((a, b) => a.id - b.id);
  return paginate(request, sorted, (invitation) => orgInvitation(request.baseUrl, state, invitation));
}

function teamInvitations(state: GithubState, team: TeamRecord): OrgInvitationRecord[] {
  const invitations: OrgInvitationRecord[] = [];
  for (const key of team.pending.keys()) {
    const invitation = state.orgInvitations.get(key);
    if (invitation) invitations.push(invitation);
  }
  return invitations;
}

/** Organisation members, outside collaborators, invitations and team memberships. */
export function addOrgRoutes(router: Router, state: GithubState): void {
  router.route('GET', '/orgs/:org/members', withOrg(state, `${DOC.members}#list-organization-members`, (request) => listMembers(state, request)));
  router.route(
    'GET',
    '/orgs/:org/outside_collaborators',
    withOrg(state, `${DOC.outside}#list-outside-collaborators-for-an-organization`, (request) =>
      paginate(request, outsideCollaborators(state), (user) => simpleUser(request.baseUrl, user)),
    ),
  );
  router.route(
    'DELETE',
    '/orgs/:org/outside_collaborators/:username',
    withOrg(state, `${DOC.outside}#remove-outside-collaborator-from-an-organization`, (request) => removeOutsideCollaborator(state, request)),
  );
  router.route(
    'GET',
    '/orgs/:org/invitations',
    withOrg(state, `${DOC.members}#list-pending-organization-invitations`, (request) => {
      const role = request.query.get('role') ?? 'all';
      const invitations = role === 'all' || role === 'direct_member' ? [...state.orgInvitations.values()] : [];
      return listOrgInvitations(state, request, invitations);
    }),
  );
  router.route(
    'DELETE',
    '/orgs/:org/invitations/:id',
    withOrg(state, `${DOC.members}#cancel-an-organization-invitation`, (request) =>
      cancelOrgInvitation(state, Number(request.params.id)) ? { status: 204 } : notFound(`${DOC.members}#cancel-an-organization-invitation`),
    ),
  );
  router.route(
    'GET',
    '/orgs/:org/invitations/:id/teams',
    withOrg(state, `${DOC.members}#list-organization-invitation-teams`, (request) => {
      const invitation = invitationById(state, request);
      if (!invitation) return notFound(`${DOC.members}#list-organization-invitation-teams`);
      const teams = [...invitation.teams].flatMap((slug) => state.teams.get(slug) ?? []);
      return paginate(request, teams, (team) => ({ id: team.id, slug: team.slug, name: team.slug }));
    }),
  );
  router.route('GET', '/orgs/:org/teams/:slug/teams', withTeam(state, `${DOC.teamsList}#list-child-teams`, (request, team) => childTeams(state, request, team)));
  router.route('GET', '/orgs/:org/teams/:slug/members', withTeam(state, `${DOC.teams}#list-team-members`, (request, team) => listTeamMembers(state, request, team)));
  router.route(
    'GET',
    '/orgs/:org/teams/:slug/memberships/:username',
    withTeam(state, `${DOC.teams}#get-team-membership-for-a-user`, (request, team) => getMembership(state, request, team)),
  );
  router.route(
    'PUT',
    '/orgs/:org/teams/:slug/memberships/:username',
    withTeam(state, `${DOC.teams}#add-or-update-team-membership-for-a-user`, (request, team) => putMembership(state, request, team)),
  );
  router.route(
    'DELETE',
    '/orgs/:org/teams/:slug/memberships/:username',
    withTeam(state, `${DOC.teams}#remove-team-membership-for-a-user`, (request, team) => deleteMembership(state, request, team)),
  );
  router.route(
    'GET',
    '/orgs/:org/teams/:slug/invitations',
    withTeam(state, `${DOC.teams}#list-pending-team-invitations`, (request, team) => listOrgInvitations(state, request, teamInvitations(state, team))),
  );
}
