import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { paginate } from './http.js';
import { notFound, simpleUser, validationFailed } from './shapes.js';
import { keyOf, type GithubState, type RepoRecord, type TeamRecord } from './state.js';

const REPOS_DOC = 'https://docs.github.com/rest/repos/repos#list-organization-repositories';
const TEAMS_DOC = 'https://docs.github.com/rest/teams/teams#list-teams';
const USER_DOC = 'https://docs.github.com/rest/users/users#get-a-user';
const REPO_TYPES = new Set(['all', 'public', 'private', 'forks', 'sources', 'member']);

function orgRepo(request: EmulatorRequest, state: GithubState, repo: RepoRecord): Record<string, unknown> {
  const [, name = repo.fullName] = repo.fullName.split('/');
  return {
    id: repo.id,
    node_id: `R_${repo.id.toString(36)}`,
    name,
    full_name: repo.fullName,
    private: true,
    owner: simpleUser(request.baseUrl, { login: state.org, id: state.orgId }, 'Organization'),
    html_url: `https://github.com/${repo.fullName}`,
    url: `${request.baseUrl}/repos/${repo.fullName}`,
    fork: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    default_branch: 'main',
  };
}

function orgTeam(request: EmulatorRequest, state: GithubState, team: TeamRecord): Record<string, unknown> {
  return {
    id: team.id,
    node_id: `T_${team.id.toString(36)}`,
    name: team.slug,
    slug: team.slug,
    description: null,
    privacy: 'closed',
    permission: 'pull',
    url: `${request.baseUrl}/orgs/${state.org}/teams/${team.slug}`,
    parent: null,
  };
}

function userProfile(request: EmulatorRequest, state: GithubState, emails: ReadonlyMap<string, string>): EmulatorResponse {
  const key = keyOf(request.params.username ?? '');
  const user = state.users.get(key);
  if (!user) return notFound(USER_DOC);
  return { status: 200, body: { ...simpleUser(request.baseUrl, user), name: null, company: null, email: emails.get(key) ?? null } };
}

/**
 * What `latch import` discovers with: the organisation's repositories and teams, and a
 * user's public profile (whose `email` is null unless the person made it public).
 */
export function addDiscoveryRoutes(router: Router, state: GithubState, emails: Readonly<Record<string, string>> = {}): void {
  const publicEmails = new Map(Object.entries(emails).map(([login, email]) => [keyOf(login), email]));
  const sameOrg = (request: EmulatorRequest) => keyOf(request.params.org ?? '') === keyOf(state.org);
  router.route('GET', '/orgs/:org/repos', (request) => {
    if (!sameOrg(request)) return notFound(REPOS_DOC);
    const type = request.query.get('type') ?? 'all';
    if (!REPO_TYPES.has(type)) return validationFailed('Repository', 'type', type, REPOS_DOC);
    const repos = type === 'public' || type === 'forks' ? [] : [...state.repos.values()].sort((a, b) => a.id - b.id);
    return paginate(request, repos, (repo) => orgRepo(request, state, repo));
  });
  router.route('GET', '/orgs/:org/teams', (request) => {
    if (!sameOrg(request)) return notFound(TEAMS_DOC);
    const teams = [...state.teams.values()].sort((a, b) => a.id - b.id);
    return paginate(request, teams, (team) => orgTeam(request, state, team));
  });
  router.route('GET', '/users/:username', (request) => userProfile(request, state, publicEmails));
}
