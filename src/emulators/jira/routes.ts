import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import type { JiraSeedUser, JiraState, RoleActors } from './state.js';

/** What the calling account may do, beyond being a user of the site. */
export interface Permissions {
  /** Project keys it has Administer Projects on; undefined: every project (Administer Jira). */
  administers?: readonly string[];
  /** The Browse users and groups global permission: without it user search finds nobody. */
  browseUsers: boolean;
  /** Most items per page whatever `maxResults` asks; tests lower it to see paging. */
  maxPageSize?: number;
}

const API = '/rest/api/3';

/** Jira's `ErrorCollection`. */
export function jiraError(status: number, ...errorMessages: string[]): EmulatorResponse {
  return { status, body: { errorMessages, errors: {} } };
}

function noProject(key: string): EmulatorResponse {
  return jiraError(404, `No project could be found with key '${key}'.`);
}

function userOut(request: EmulatorRequest, accountId: string, user: JiraSeedUser) {
  return {
    self: `${request.baseUrl}${API}/user?accountId=${accountId}`,
    accountId,
    accountType: user.accountType ?? 'atlassian',
    ...(user.hideEmail ? {} : { emailAddress: user.email }),
    displayName: user.displayName ?? user.email.split('@')[0],
    active: user.active ?? true,
  };
}

function paging(request: EmulatorRequest, defaultSize: number, permissions: Permissions, maximum = Infinity): { startAt: number; size: number } | EmulatorResponse {
  const startAt = Number(request.query.get('startAt') ?? '0');
  const asked = Number(request.query.get('maxResults') ?? String(defaultSize));
  if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(asked) || asked < 0) return jiraError(400, 'startAt and maxResults must be non-negative integers.');
  return { startAt, size: Math.min(asked, maximum, permissions.maxPageSize ?? Infinity) };
}

/** The project as the calling account sees it: an unknown project and one it does not administer both answer 404. */
function administered(state: JiraState, permissions: Permissions, key: string) {
  const project = state.projects.get(key);
  if (!project || (permissions.administers !== undefined && !permissions.administers.includes(key))) return undefined;
  return project;
}

function roleOf(state: JiraState, permissions: Permissions, request: EmulatorRequest): { actors: RoleActors; id: number; name: string } | EmulatorResponse {
  const key = request.params.key ?? '';
  const project = administered(state, permissions, key);
  if (!project) return noProject(key);
  const id = Number(request.params.id);
  const name = [...state.roles].find(([, roleId]) => roleId === id)?.[0];
  const actors = project.actors.get(id);
  if (name === undefined || !actors) return jiraError(404, `Can not retrieve a role actor for a null project role.`);
  return { actors, id, name };
}

function roleBody(state: JiraState, request: EmulatorRequest, role: { actors: RoleActors; id: number; name: string }) {
  const key = request.params.key ?? '';
  const excludeInactive = request.query.get('excludeInactiveUsers') === 'true';
  let next = 10_000;
  const users = [...role.actors.users]
    .filter((id) => !excludeInactive || state.users.get(id)?.active !== false)
    .map((id) => ({ id: (next += 1), displayName: state.users.get(id)?.displayName ?? id, type: 'atlassian-user-role-actor', actorUser: { accountId: id } }));
  const groups = [...role.actors.groups].map((group) => ({
    id: (next += 1),
    displayName: group,
    type: 'atlassian-group-role-actor',
    name: group,
    actorGroup: { name: group, displayName: group, groupId: `group-${group}` },
  }));
  // The reference: "The list of actors is sorted by display name."
  const actors = [...users, ...groups].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { self: `${request.baseUrl}${API}/project/${key}/role/${role.id}`, name: role.name, id: role.id, description: `${role.name} of ${key}`, actors };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function addActors(state: JiraState, permissions: Permissions, request: EmulatorRequest): EmulatorResponse {
  const role = roleOf(state, permissions, request);
  if ('status' in role) return role;
  const users = field(request.body, 'user') ?? [];
  const groups = field(request.body, 'group');
  if (groups !== undefined && field(request.body, 'groupId') !== undefined) return jiraError(400, 'You can only specify one of group or groupId.');
  if (!Array.isArray(users) || !users.every((user): user is string => typeof user === 'string')) return jiraError(400, 'user must be a list of account ids.');
  for (const user of users) {
    const known = state.users.get(user);
    if (!known || known.active === false) return jiraError(404, `The user with account ID '${user}' does not exist or is not active.`);
    if (role.actors.users.has(user)) return jiraError(400, `'${known.displayName ?? user}' is already a member of the project role.`);
  }
  for (const user of users) role.actors.users.add(user);
  return { status: 200, body: roleBody(state, request, role) };
}

function deleteActor(state: JiraState, permissions: Permissions, request: EmulatorRequest): EmulatorResponse {
  const role = roleOf(state, permissions, request);
  if ('status' in role) return role;
  const user = request.query.get('user');
  const group = request.query.get('group') ?? request.query.get('groupId')?.replace(/^group-/, '');
  if (user && role.actors.users.delete(user)) return { status: 204 };
  if (!user && group && role.actors.groups.delete(group)) return { status: 204 };
  return jiraError(404, `The actor is not a member of the project role.`);
}

function bulkUsers(state: JiraState, permissions: Permissions, request: EmulatorRequest): EmulatorResponse {
  const page = paging(request, 10, permissions);
  if ('status' in page) return page;
  const ids = request.query.getAll('accountId');
  if (ids.length === 0) return jiraError(400, 'accountId is required.');
  const all = ids.flatMap((id) => {
    const user = state.users.get(id);
    return user ? [userOut(request, id, user)] : [];
  });
  const values = all.slice(page.startAt, page.startAt + page.size);
  return { status: 200, body: { self: `${request.baseUrl}${request.path}`, maxResults: page.size, startAt: page.startAt, total: all.length, isLast: page.startAt + page.size >= all.length, values } };
}

function searchUsers(state: JiraState, permissions: Permissions, request: EmulatorRequest): EmulatorResponse {
  const page = paging(request, 50, permissions);
  if ('status' in page) return page;
  const query = request.query.get('query');
  if (!query && !request.query.get('accountId')) return jiraError(400, 'One of accountId, query or property must be provided.');
  // "Calls by users without the required permission return empty search results."
  if (!permissions.browseUsers) return { status: 200, body: [] };
  const wanted = (query ?? '').toLowerCase();
  const all = [...state.users]
    .filter(([id, user]) => (query ? (user.displayName ?? '').toLowerCase().startsWith(wanted) || (!user.hideEmail && user.email.toLowerCase().startsWith(wanted)) : id === request.query.get('accountId')))
    .slice(0, 1000)
    .map(([id, user]) => userOut(request, id, user));
  return { status: 200, body: all.slice(page.startAt, page.startAt + page.size) };
}

function searchProjects(state: JiraState, permissions: Permissions, request: EmulatorRequest): EmulatorResponse {
  const page = paging(request, 50, permissions, 100);
  if ('status' in page) return page;
  const action = request.query.get('action') ?? 'view';
  const all = [...state.projects]
    .filter(([key]) => action !== 'edit' || administered(state, permissions, key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, project], index) => ({ self: `${request.baseUrl}${API}/project/${key}`, id: String(10_000 + index), key, name: project.name }));
  const values = all.slice(page.startAt, page.startAt + page.size);
  const isLast = page.startAt + page.size >= all.length;
  const nextPage = isLast ? {} : { nextPage: `${request.baseUrl}${request.path}?startAt=${page.startAt + page.size}&maxResults=${page.size}` };
  return { status: 200, body: { self: `${request.baseUrl}${request.path}`, ...nextPage, maxResults: page.size, startAt: page.startAt, total: all.length, isLast, values } };
}

/** The REST v3 paths Latch uses. */
export function addRoutes(router: Router, state: JiraState, permissions: Permissions): void {
  router.route('GET', `${API}/project/search`, (request) => searchProjects(state, permissions, request));
  router.route('GET', `${API}/project/:key/role`, (request) => {
    const key = request.params.key ?? '';
    if (!administered(state, permissions, key)) return noProject(key);
    return { status: 200, body: Object.fromEntries([...state.roles].map(([name, id]) => [name, `${request.baseUrl}${API}/project/${key}/role/${id}`])) };
  });
  router.route('GET', `${API}/project/:key/role/:id`, (request) => {
    const role = roleOf(state, permissions, request);
    return 'status' in role ? role : { status: 200, body: roleBody(state, request, role) };
  });
  router.route('POST', `${API}/project/:key/role/:id`, (request) => addActors(state, permissions, request));
  router.route('DELETE', `${API}/project/:key/role/:id`, (request) => deleteActor(state, permissions, request));
  router.route('GET', `${API}/user/bulk`, (request) => bulkUsers(state, permissions, request));
  router.route('GET', `${API}/user/search`, (request) => searchUsers(state, permissions, request));
}
