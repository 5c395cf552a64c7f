import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { bodyField, paginate } from './http.js';
import { collaborator, DOC, failure, INVITATION_WORD, isInvitationPermission, notFound, permissionOfWord, repoInvitation, validationFailed } from './shapes.js';
import {
  inviteCollaborator,
  isMember,
  keyOf,
  removeCollaborator,
  setCollaborator,
  type GithubState,
  type RepoRecord,
  type UserRecord,
} from './state.js';
import { isRepoPermission, type RepoPermission } from './seed.js';
import { accessSources, baseLevel, effectiveLevel, everyoneWithAccess, rankOf } from './access.js';

const AFFILIATIONS = ['all', 'direct', 'outside'] as const;
type Affiliation = (typeof AFFILIATIONS)[number];

function isAffiliation(value: string): value is Affiliation {
  return (AFFILIATIONS as readonly string[]).includes(value);
}

interface Listed {
  user: UserRecord;
  level: RepoPermission;
}

/**
 * `role_name` and `permissions` are the highest level from every source (direct, teams, base
 * role, ownership), whatever the affiliation filter: `direct` only narrows who is listed.
 */
function listCollaborators(state: GithubState, repo: RepoRecord, affiliation: Affiliation): Listed[] {
  const keys = affiliation === 'all' ? everyoneWithAccess(state, repo) : repo.collaborators.keys();
  const listed: Listed[] = [];
  for (const key of keys) {
    const user = state.users.get(key);
    const level = effectiveLevel(accessSources(state, repo, key));
    if (!user || !level) continue;
    if (affiliation === 'outside' && isMember(state, key)) continue;
    listed.push({ user, level });
  }
  return listed.sort((a, b) => a.user.id - b.user.id);
}

type RepoHandler = (request: EmulatorRequest, repo: RepoRecord) => EmulatorResponse;

/** Resolves `:owner/:repo` or answers GitHub's 404 before the handler runs. */
function withRepo(state: GithubState, documentation: string, handler: RepoHandler): (request: EmulatorRequest) => EmulatorResponse {
  return (request) => {
    const repo = state.repos.get(keyOf(`${request.params.owner ?? ''}/${request.params.repo ?? ''}`));
    return repo ? handler(request, repo) : notFound(documentation);
  };
}

function putCollaborator(state: GithubState, request: EmulatorRequest, repo: RepoRecord): EmulatorResponse {
  const key = keyOf(request.params.username ?? '');
  const user = state.users.get(key);
  if (!user) return notFound(`${DOC.collaborators}#add-a-repository-collaborator`);
  const permission = bodyField(request.body, 'permission') ?? 'push';
  if (!isRepoPermission(permission)) return validationFailed('Repository', 'permission', permission, `${DOC.collaborators}#add-a-repository-collaborator`);
  const base = baseLevel(state);
  if (base && isMember(state, key) && rankOf(permission) < rankOf(base)) {
    // Documented: a member cannot be given less than the organisation's base role.
    return failure(422, `Cannot assign ${user.login} permission of ${INVITATION_WORD[permission]}`, `${DOC.collaborators}#add-a-repository-collaborator`);
  }
  // An existing collaborator changes level, a member is added at once: 204 either way, nothing to show.
  if (repo.collaborators.has(key) || isMember(state, key)) {
    setCollaborator(state, repo, key, permission);
    return { status: 204 };
  }
  const invitation = inviteCollaborator(state, repo, key, permission);
  return { status: 201, body: repoInvitation(request.baseUrl, state, repo, invitation) };
}

function deleteCollaborator(state: GithubState, request: EmulatorRequest, repo: RepoRecord): EmulatorResponse {
  const key = keyOf(request.params.username ?? '');
  if (!state.users.has(key)) return notFound(`${DOC.collaborators}#remove-a-repository-collaborator`);
  // Removing a collaborator leaves an invitation sent to that person in place, as on GitHub.
  removeCollaborator(state, repo, key);
  return { status: 204 };
}

function invitationOf(request: EmulatorRequest, repo: RepoRecord) {
  return repo.invitations.get(Number(request.params.id));
}

function patchInvitation(state: GithubState, request: EmulatorRequest, repo: RepoRecord): EmulatorResponse {
  const documentation = `${DOC.invitations}#update-a-repository-invitation`;
  const invitation = invitationOf(request, repo);
  if (!invitation) return notFound(documentation);
  const permissions = bodyField(request.body, 'permissions');
  if (permissions !== undefined) {
    // The collaborator words (`push`, `pull`) are refused here, as GitHub refuses them.
    if (!isInvitationPermission(permissions)) return validationFailed('RepositoryInvitation', 'permissions', permissions, documentation);
    invitation.permission = permissionOfWord(permissions);
  }
  return { status: 200, body: repoInvitation(request.baseUrl, state, repo, invitation) };
}

/** Repository collaborators and repository invitations. */
export function addRepoRoutes(router: Router, state: GithubState): void {
  router.route(
    'GET',
    '/repos/:owner/:repo/collaborators',
    withRepo(state, `${DOC.collaborators}#list-repository-collaborators`, (request, repo) => {
      const affiliation = request.query.get('affiliation') ?? 'all';
      if (!isAffiliation(affiliation)) {
        return validationFailed('Repository', 'affiliation', affiliation, `${DOC.collaborators}#list-repository-collaborators`);
      }
      return paginate(request, listCollaborators(state, repo, affiliation), (item) => collaborator(request.baseUrl, item.user, item.level));
    }),
  );
  router.route(
    'PUT',
    '/repos/:owner/:repo/collaborators/:username',
    withRepo(state, `${DOC.collaborators}#add-a-repository-collaborator`, (request, repo) => putCollaborator(state, request, repo)),
  );
  router.route(
    'DELETE',
    '/repos/:owner/:repo/collaborators/:username',
    withRepo(state, `${DOC.collaborators}#remove-a-repository-collaborator`, (request, repo) => deleteCollaborator(state, request, repo)),
  );
  router.route(
    'GET',
    '/repos/:owner/:repo/invitations',
    withRepo(state, `${DOC.invitations}#list-repository-invitations`, (request, repo) => {
      const invitations = [...repo.invitations.values()].sort((a, b) => a.id - b.id);
      return paginate(request, invitations, (invitation) => repoInvitation(request.baseUrl, state, repo, invitation));
    }),
  );
  router.route(
    'PATCH',
    '/repos/:owner/:repo/invitations/:id',
    withRepo(state, `${DOC.invitations}#update-a-repository-invitation`, (request, repo) => patchInvitation(state, request, repo)),
  );
  router.route(
    'DELETE',
    '/repos/:owner/:repo/invitations/:id',
    withRepo(state, `${DOC.invitations}#delete-a-repository-invitation`, (request, repo) => {
      const invitation = invitationOf(request, repo);
      if (!invitation) return notFound(`${DOC.invitations}#delete-a-repository-invitation`);
      repo.invitations.delete(invitation.id);
      return { status: 204 };
    }),
  );
}
