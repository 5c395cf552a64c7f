import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { META_TASKS, addInvitation, isExpired, isMetaTask, unpack, type MetaState, type MetaTask } from './state.js';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;

/** The Graph error envelope; Meta answers most errors with HTTP 400 and tells them apart by code. */
export function graphError(status: number, code: number, message: string, subcode?: number): EmulatorResponse {
  const error: Record<string, unknown> = { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGhIjK' };
  if (subcode !== undefined) error.error_subcode = subcode;
  return { status, body: { error } };
}

function unsupported(request: EmulatorRequest, node: string): EmulatorResponse {
  const verb = request.method.toLowerCase();
  return graphError(
    400,
    100,
    `Unsupported ${verb} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    33,
  );
}

function cursor(index: number): string {
  return Buffer.from(`cursor:${index}`).toString('base64url');
}

function offsetOf(value: string | null): number {
  if (!value) return 0;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match ? Number(match[1]) + 1 : -1;
}

/** One page the Graph way: `limit` and `after`, with `paging.cursors` and a `next` URL while more remain. */
export function page(request: EmulatorRequest, items: readonly unknown[]): EmulatorResponse {
  const asked = Number.parseInt(request.query.get('limit') ?? '', 10);
  const limit = Math.min(Number.isInteger(asked) && asked > 0 ? asked : DEFAULT_LIMIT, MAX_LIMIT);
  const start = offsetOf(request.query.get('after'));
  if (start < 0) return graphError(400, 100, 'Invalid parameter: after is not a valid cursor');
  const data = items.slice(start, start + limit);
  if (data.length === 0) return { status: 200, body: { data: [] } };
  const last = start + data.length - 1;
  const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(last) } };
  if (last + 1 < items.length) {
    const query = new URLSearchParams(request.query);
    query.set('after', cursor(last));
    query.set('limit', String(limit));
    paging.next = `${request.baseUrl}${request.path}?${query.toString()}`;
  }
  return { status: 200, body: { data, paging } };
}

function field(body: unknown, name: string): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as Record<string, unknown>)[name];
}

/** A parameter from the query or the body (Graph accepts both, JSON or form-encoded). */
function param(request: EmulatorRequest, name: string): unknown {
  return request.query.get(name) ?? field(request.body, name);
}

/**
 * `tasks` as Graph reads an array parameter: a JSON array, or in a form field or the query
 * a JSON-encoded array string (`tasks=["ANALYZE"]`); anything else is refused.
 */
function taskList(value: unknown): MetaTask[] | EmulatorResponse {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = undefined;
    }
  }
  if (!Array.isArray(list)) return graphError(400, 100, '(#100) param tasks must be an array.');
  const tasks: MetaTask[] = [];
  for (const [index, task] of list.entries()) {
    if (typeof task !== 'string' || !isMetaTask(task)) return graphError(400, 100, `(#100) param tasks[${index}] must be one of {${META_TASKS.join(', ')}}.`);
    tasks.push(task);
  }
  if (tasks.length === 0) return graphError(400, 2620, 'Invalid call to update account permissions: no task given');
  return tasks;
}

function record(state: MetaState, request: EmulatorRequest): void {
  const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  const params: Record<string, unknown> = { ...Object.fromEntries(request.query), ...body };
  state.writes.push({ method: request.method, path: request.path, contentType: String(request.headers['content-type'] ?? ''), params });
}

function checkBusiness(state: MetaState, request: EmulatorRequest): EmulatorResponse | undefined {
  const business = param(request, 'business');
  if (business === undefined || business === '') return graphError(400, 100, '(#100) The parameter business is required');
  if (String(business) !== state.businessId) return graphError(400, 100, `(#100) Param business must be a business that owns or has access to the ad account`);
  return undefined;
}

function addAccountRoutes(router: Router, state: MetaState, prefix: string): void {
  const path = `${prefix}/:node/assigned_users`;
  router.route('GET', path, (request) => {
    const users = state.accounts.get(request.params.node ?? '');
    if (!users) return unsupported(request, request.params.node ?? '');
    const refused = checkBusiness(state, request);
    if (refused) return refused;
    const items = [...users].map(([id, tasks]) => ({
      id,
      name: state.users.get(id)?.name ?? state.systemUsers.get(id) ?? id,
      tasks,
    }));
    return page(request, items);
  });

  router.route('POST', path, (request) => {
    // The reference documents `user` and `tasks` for this POST; `business` belongs to the read.
    record(state, request);
    const users = state.accounts.get(request.params.node ?? '');
    if (!users) return unsupported(request, request.params.node ?? '');
    const user = String(param(request, 'user') ?? '');
    if (!user) return graphError(400, 100, '(#100) The parameter user is required');
    if (!state.users.has(user) && !state.systemUsers.has(user)) {
      return graphError(400, 100, `(#100) Param user must be the id of a user of business ${state.businessId}`);
    }
    const tasks = taskList(param(request, 'tasks'));
    if (!Array.isArray(tasks)) return tasks;
    users.set(user, unpack(tasks));
    return { status: 200, body: { success: true } };
  });

  router.route('DELETE', path, (request) => {
    record(state, request);
    const users = state.accounts.get(request.params.node ?? '');
    if (!users) return unsupported(request, request.params.node ?? '');
    const user = String(param(request, 'user') ?? '');
    if (!user) return graphError(400, 100, '(#100) The parameter user is required');
    users.delete(user);
    return { status: 200, body: { success: true } };
  });
}

function addBusinessRoutes(router: Router, state: MetaState, prefix: string): void {
  const isBusiness = (request: EmulatorRequest) => request.params.node === state.businessId;

  router.route('GET', `${prefix}/:node/business_users`, (request) => {
    if (!isBusiness(request)) return unsupported(request, request.params.node ?? '');
    const users = [...state.users.values()].map((user) => ({ id: user.id, name: user.name, email: user.email, role: user.role }));
    return page(request, users);
  });

  router.route('GET', `${prefix}/:node/pending_users`, (request) => {
    if (!isBusiness(request)) return unsupported(request, request.params.node ?? '');
    const pending = [...state.invitations.values()].map((entry) => ({
      id: entry.id,
      email: entry.email,
      role: entry.role,
      status: isExpired(entry) ? 'EXPIRED' : 'PENDING',
      created_time: entry.createdTime,
      expiration_time: entry.expirationTime,
    }));
    return page(request, pending);
  });

  router.route('POST', `${prefix}/:node/business_users`, (request) => {
    if (!isBusiness(request)) return unsupported(request, request.params.node ?? '');
    const email = String(param(request, 'email') ?? '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return graphError(400, 100, '(#100) Param email must be a valid email address');
    const role = String(param(request, 'role') ?? 'EMPLOYEE');
    if (role !== 'EMPLOYEE' && role !== 'ADMIN') return graphError(400, 100, '(#100) Param role must be one of {ADMIN, EMPLOYEE}');
    if (state.userIdByEmail.has(email)) return graphError(400, 100, '(#100) This person is already a member of the business');
    const open = [...state.invitations.values()].find((entry) => entry.email === email && !isExpired(entry));
    if (open) return graphError(400, 100, '(#100) This person already has a pending invitation to the business');
    const created = addInvitation(state, { email, role });
    return { status: 200, body: { id: created.id } };
  });
}

/** The Graph API paths Latch uses, at the root and under the pinned version, like a proxy would serve them. */
export function addRoutes(router: Router, state: MetaState, version: string): void {
  for (const prefix of ['', `/${version}`]) {
    addAccountRoutes(router, state, prefix);
    addBusinessRoutes(router, state, prefix);
  }
}
