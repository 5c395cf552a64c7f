import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { OWNER_ROLE, isLinkedinRole, ownerConflict, type LinkedinState } from './state.js';

const MAX_COUNT = 1000;
/** Rest.li refuses a finder that would return more than this without paging parameters. */
const UNPAGED_LIMIT = 100;

export function linkedinError(status: number, code: string, message: string, serviceErrorCode?: number): EmulatorResponse {
  return { status, body: serviceErrorCode === undefined ? { status, code, message } : { status, serviceErrorCode, code, message } };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** `(account:urn:li:sponsoredAccount:1,user:urn:li:person:x)`, already percent-decoded by the router. */
function parseKey(key: string): { account: string; user: string } | undefined {
  const match = /^\(account:(urn:li:sponsoredAccount:\d+),user:(urn:li:person:[A-Za-z0-9_-]+)\)$/.exec(key);
  return match ? { account: match[1] as string, user: match[2] as string } : undefined;
}

function list(state: LinkedinState, request: EmulatorRequest): EmulatorResponse {
  if (request.query.get('q') !== 'accounts') return linkedinError(400, 'ILLEGAL_ARGUMENT', `Unsupported finder: ${request.query.get('q') ?? '(none)'}`);
  const account = request.query.get('accounts') ?? '';
  const users = state.accounts.get(account);
  if (!users) return linkedinError(403, 'ACCESS_DENIED', 'Not enough permissions to access: adAccountUsers.FINDER-accounts.20240101', 100);
  const startText = request.query.get('start');
  const countText = request.query.get('count');
  const start = startText === null ? 0 : Number(startText);
  const count = countText === null ? 10 : Number(countText);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    return linkedinError(400, 'ILLEGAL_ARGUMENT', `start and count must be non-negative integers, count at most ${MAX_COUNT}`);
  }
  if (countText === null && users.size > UNPAGED_LIMIT) return linkedinError(400, 'ILLEGAL_ARGUMENT', 'Too many results; use start and count to page');
  const all = [...users].map(([user, entry]) => ({
    account,
    user,
    role: entry.role,
    changeAuditStamps: { created: { time: entry.created }, lastModified: { time: entry.lastModified } },
  }));
  const elements = all.slice(start, start + count);
  const links: unknown[] = [];
  if (start + count < all.length) {
    const query = new URLSearchParams(request.query);
    query.set('start', String(start + count));
    links.push({ rel: 'next', type: 'application/json', href: `${request.path}?${query.toString()}` });
  }
  return { status: 200, body: { elements, paging: { start, count, total: all.length, links } } };
}

function withUser(state: LinkedinState, request: EmulatorRequest, run: (key: { account: string; user: string }) => EmulatorResponse): EmulatorResponse {
  const key = parseKey(request.params.key ?? '');
  if (!key) return linkedinError(400, 'ILLEGAL_ARGUMENT', `Invalid key: ${request.params.key ?? ''}`);
  if (!state.accounts.has(key.account)) return linkedinError(403, 'ACCESS_DENIED', 'Not enough permissions to access: adAccountUsers', 100);
  return run(key);
}

function put(state: LinkedinState, request: EmulatorRequest): EmulatorResponse {
  return withUser(state, request, ({ account, user }) => {
    const users = state.accounts.get(account);
    if (!users) return linkedinError(404, 'NOT_FOUND', 'Not Found');
    const role = field(request.body, 'role');
    if (field(request.body, 'account') !== account || field(request.body, 'user') !== user) return linkedinError(400, 'ILLEGAL_ARGUMENT', 'account and user in the body must match the key');
    if (typeof role !== 'string' || !isLinkedinRole(role)) return linkedinError(400, 'ILLEGAL_ARGUMENT', `Invalid role: ${String(role)}`);
    const conflict = ownerConflict(users, user, role);
    if (conflict) return linkedinError(400, 'ILLEGAL_ARGUMENT', conflict);
    const now = Date.now();
    const known = users.get(user);
    users.set(user, { role, created: known?.created ?? now, lastModified: now });
    return { status: known ? 204 : 201 };
  });
}

function partialUpdate(state: LinkedinState, request: EmulatorRequest): EmulatorResponse {
  if (String(request.headers['x-restli-method'] ?? '').toUpperCase() !== 'PARTIAL_UPDATE') {
    return linkedinError(400, 'ILLEGAL_ARGUMENT', 'POST on an entity needs X-RestLi-Method: PARTIAL_UPDATE');
  }
  return withUser(state, request, ({ account, user }) => {
    const users = state.accounts.get(account);
    const entry = users?.get(user);
    if (!users || !entry) return linkedinError(404, 'NOT_FOUND', 'Not Found');
    const role = field(field(field(request.body, 'patch'), '$set'), 'role');
    if (typeof role !== 'string' || !isLinkedinRole(role)) return linkedinError(400, 'ILLEGAL_ARGUMENT', `Invalid role: ${String(role)}`);
    const conflict = ownerConflict(users, user, role);
    if (conflict) return linkedinError(400, 'ILLEGAL_ARGUMENT', conflict);
    entry.role = role;
    entry.lastModified = Date.now();
    return { status: 204 };
  });
}

function remove(state: LinkedinState, request: EmulatorRequest): EmulatorResponse {
  return withUser(state, request, ({ account, user }) => {
    const users = state.accounts.get(account);
    const entry = users?.get(user);
    if (!users || !entry) return linkedinError(404, 'NOT_FOUND', 'Not Found');
    if (entry.role === OWNER_ROLE) return linkedinError(400, 'ILLEGAL_ARGUMENT', `${user} is the account's billing admin and cannot be removed`);
    users.delete(user);
    return { status: 204 };
  });
}

/** The Rest.li paths Latch uses, at the root and under /rest. */
export function addRoutes(router: Router, state: LinkedinState): void {
  for (const prefix of ['', '/rest']) {
    router.route('GET', `${prefix}/adAccountUsers`, (request) => list(state, request));
    router.route('PUT', `${prefix}/adAccountUsers/:key`, (request) => put(state, request));
    router.route('POST', `${prefix}/adAccountUsers/:key`, (request) => partialUpdate(state, request));
    router.route('DELETE', `${prefix}/adAccountUsers/:key`, (request) => remove(state, request));
  }
}
