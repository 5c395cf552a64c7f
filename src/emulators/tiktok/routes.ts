import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { ADVERTISER_ROLES, isAdvertiserRole, type AdvertiserRole, type TiktokState } from './state.js';

/**
 * Return codes of API for Business, every one with HTTP 200: 0 OK, 40001 no permission on
 * the object, 40002 a parameter error, 40100 too many requests, 40104 no token, 40105 a wrong
 * or revoked token.
 */
export const CODES = { ok: 0, noPermission: 40001, badParameter: 40002, tooMany: 40100, noToken: 40104, badToken: 40105 } as const;

let requestCounter = 0;

/** The envelope every answer has, errors included. */
export function answer(code: number, message: string, data?: unknown): EmulatorResponse {
  requestCounter += 1;
  const body: Record<string, unknown> = { code, message, request_id: `2026112311000${String(requestCounter).padStart(6, '0')}` };
  if (data !== undefined) body.data = data;
  return { status: 200, body };
}

const ok = (data: unknown = {}) => answer(CODES.ok, 'OK', data);
const bad = (message: string) => answer(CODES.badParameter, message);

interface Paging {
  page: number;
  pageSize: number;
}

/**
 * `page` (default 1) and `page_size` (default 10, at most `max`), refused like TikTok refuses
 * them; `cap` answers smaller pages than asked (tests and the demo), and page_info says so.
 */
function paging(request: EmulatorRequest, max: number, cap: number | undefined): Paging | EmulatorResponse {
  const page = Number(request.query.get('page') ?? '1');
  const pageSize = Number(request.query.get('page_size') ?? '10');
  if (!Number.isInteger(page) || page < 1) return bad('page: Must be greater than or equal to 1.');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) return bad(`page_size: Must be between 1 and ${max}.`);
  return { page, pageSize: cap === undefined ? pageSize : Math.min(pageSize, cap) };
}

function pageOf(items: readonly unknown[], { page, pageSize }: Paging): EmulatorResponse {
  const list = items.slice((page - 1) * pageSize, page * pageSize);
  return ok({ list, page_info: { page, page_size: pageSize, total_number: items.length, total_page: Math.ceil(items.length / pageSize) } });
}

/** `filtering`, a JSON object in the query string. */
function filtering(request: EmulatorRequest): Record<string, unknown> | EmulatorResponse {
  const raw = request.query.get('filtering');
  if (raw === null) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Answered below like any other malformed value.
  }
  return bad('filtering: Not a valid JSON object.');
}

function isAnswer(value: unknown): value is EmulatorResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

function checkBc(state: TiktokState, bcId: unknown): EmulatorResponse | undefined {
  if (bcId === undefined || bcId === null || bcId === '') return bad('bc_id: Missing data for required field.');
  if (String(bcId) !== state.bcId) return answer(CODES.noPermission, `No permission to operate Business Center ${String(bcId)}.`);
  return undefined;
}

function checkAssetType(value: unknown): EmulatorResponse | undefined {
  if (value === undefined || value === null || value === '') return bad('asset_type: Missing data for required field.');
  return value === 'ADVERTISER' ? undefined : bad(`asset_type: only ADVERTISER is served by this emulator, got ${String(value)}.`);
}

function membersRoute(state: TiktokState) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const refused = checkBc(state, request.query.get('bc_id'));
    if (refused) return refused;
    const pages = paging(request, 20, state.maxPageSize);
    if (isAnswer(pages)) return pages;
    const filter = filtering(request);
    if (isAnswer(filter)) return filter;
    const members = [...state.members.values()].map((member) => ({ user_id: member.id, user_name: member.email.split('@')[0], user_email: member.email, user_role: member.role, relation_status: 'BOUND' }));
    const invited = [...state.invitations.values()].map((entry) => ({ user_email: entry.email, user_role: entry.userRole, relation_status: entry.status }));
    const keyword = typeof filter.keyword === 'string' ? filter.keyword.toLowerCase() : undefined;
    const all = [...members, ...invited].filter((entry) =>
      (filter.relation_status === undefined || entry.relation_status === filter.relation_status) &&
      (filter.user_role === undefined || entry.user_role === filter.user_role) &&
      (keyword === undefined || entry.user_email.includes(keyword)));
    return pageOf(all, pages);
  };
}

function assetMembersRoute(state: TiktokState) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const refused = checkBc(state, request.query.get('bc_id')) ?? checkAssetType(request.query.get('asset_type'));
    if (refused) return refused;
    const assetId = request.query.get('asset_id') ?? '';
    if (!assetId) return bad('asset_id: Missing data for required field.');
    const account = state.accounts.get(assetId);
    if (!account) return answer(CODES.noPermission, `No permission to operate asset ${assetId}: it is not in Business Center ${state.bcId}.`);
    const pages = paging(request, 50, state.maxPageSize);
    if (isAnswer(pages)) return pages;
    const members = [...account.members].map(([id, role]) => {
      const member = state.members.get(id);
      return { user_id: id, user_name: member?.email.split('@')[0], user_email: member?.email, user_role: member?.role, relation_status: 'BOUND', advertiser_role: role };
    });
    const invited = [...state.invitations.values()]
      .filter((entry) => entry.assets.has(assetId))
      .map((entry) => ({ user_email: entry.email, user_role: entry.userRole, relation_status: entry.status, advertiser_role: entry.assets.get(assetId) }));
    return pageOf([...members, ...invited], pages);
  };
}

function assetsRoute(state: TiktokState) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const refused = checkBc(state, request.query.get('bc_id')) ?? checkAssetType(request.query.get('asset_type'));
    if (refused) return refused;
    const pages = paging(request, 50, state.maxPageSize);
    if (isAnswer(pages)) return pages;
    const filter = filtering(request);
    if (isAnswer(filter)) return filter;
    if (filter.user_id !== undefined && filter.user_email !== undefined) return bad('filtering: user_id and user_email cannot be passed at the same time.');
    const asset = (id: string, role?: string) => {
      const account = state.accounts.get(id);
      return { asset_id: id, asset_name: account?.name, asset_type: 'ADVERTISER', relation_type: account?.relation, relation_status: 'BOUND', advertiser_role: role };
    };
    if (typeof filter.user_email === 'string') {
      const invitation = state.invitations.get(filter.user_email.toLowerCase());
      if (!invitation || invitation.status !== 'PENDING') return pageOf([], pages);
      return pageOf([...invitation.assets].map(([id, role]) => asset(id, role)), pages);
    }
    if (filter.user_id !== undefined) {
      const userId = String(filter.user_id);
      return pageOf([...state.accounts.values()].filter((account) => account.members.has(userId)).map((account) => asset(account.id, account.members.get(userId))), pages);
    }
    return pageOf([...state.accounts.keys()].sort().map((id) => asset(id)), pages);
  };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** Writes take a JSON body; the answer is decided on it. */
type WriteHandler = (state: TiktokState, body: unknown) => EmulatorResponse;

function assign(state: TiktokState, body: unknown, unassign: boolean): EmulatorResponse {
  const refused = checkBc(state, field(body, 'bc_id')) ?? checkAssetType(field(body, 'asset_type'));
  if (refused) return refused;
  const userId = String(field(body, 'user_id') ?? '');
  if (!state.members.has(userId)) return bad(`user_id: ${userId || '(missing)'} is not a member of Business Center ${state.bcId}.`);
  const account = state.accounts.get(String(field(body, 'asset_id') ?? ''));
  if (!account) return answer(CODES.noPermission, `No permission to operate asset ${String(field(body, 'asset_id'))}.`);
  if (unassign) {
    account.members.delete(userId);
    return ok();
  }
  const role = field(body, 'advertiser_role');
  if (!isAdvertiserRole(role)) return bad(`advertiser_role: Must be one of: ${ADVERTISER_ROLES.join(', ')}.`);
  account.members.set(userId, role);
  return ok();
}

const invite: WriteHandler = (state, body) => {
  const refused = checkBc(state, field(body, 'bc_id'));
  if (refused) return refused;
  const emails = field(body, 'emails');
  if (!Array.isArray(emails) || emails.length === 0 || emails.length > 50) return bad('emails: Length must be between 1 and 50.');
  const userRole = field(body, 'user_role') ?? 'STANDARD';
  if (userRole !== 'ADMIN' && userRole !== 'STANDARD') return bad('user_role: Must be one of: ADMIN, STANDARD.');
  const assetIds = field(body, 'asset_ids') ?? [];
  if (!Array.isArray(assetIds) || assetIds.length > 50) return bad('asset_ids: Length must be between 0 and 50.');
  const role = field(body, 'advertiser_role');
  if (assetIds.length > 0 && !isAdvertiserRole(role)) return bad(`advertiser_role: Must be one of: ${ADVERTISER_ROLES.join(', ')}.`);
  for (const id of assetIds) if (!state.accounts.has(String(id))) return answer(CODES.noPermission, `No permission to operate asset ${String(id)}.`);
  for (const raw of emails) {
    const email = String(raw).trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return bad(`emails: ${email} is not a valid email address.`);
    // The reference: e-mails invited before (and members) are ignored.
    if (state.idByEmail.has(email) || state.invitations.has(email)) continue;
    const assets = new Map(assetIds.map((id) => [String(id), role as AdvertiserRole]));
    state.invitations.set(email, { email, status: 'PENDING', userRole, assets });
  }
  return ok();
};

const remove: WriteHandler = (state, body) => {
  const refused = checkBc(state, field(body, 'bc_id'));
  if (refused) return refused;
  const userId = field(body, 'user_id');
  const email = field(body, 'user_email');
  if (userId !== undefined) {
    const member = state.members.get(String(userId));
    if (!member) return bad(`user_id: ${String(userId)} is not a member of Business Center ${state.bcId}.`);
    state.members.delete(member.id);
    state.idByEmail.delete(member.email);
    for (const account of state.accounts.values()) account.members.delete(member.id);
    return ok();
  }
  if (typeof email !== 'string') return bad('user_id or user_email: Missing data for required field.');
  if (!state.invitations.delete(email.toLowerCase())) return bad(`user_email: no invitation to ${email} in Business Center ${state.bcId}.`);
  return ok();
};

const WRITES: Record<string, WriteHandler> = {
  '/bc/asset/assign/': (state, body) => assign(state, body, false),
  '/bc/asset/unassign/': (state, body) => assign(state, body, true),
  '/bc/member/invite/': invite,
  '/bc/member/delete/': remove,
};

/** The Business Center paths Latch uses, at the root and under /open_api/v1.3 like the real host serves them. */
export function addRoutes(router: Router, state: TiktokState): void {
  for (const prefix of ['', '/open_api/v1.3']) {
    router.route('GET', `${prefix}/bc/member/get/`, membersRoute(state));
    router.route('GET', `${prefix}/bc/asset/member/get/`, assetMembersRoute(state));
    router.route('GET', `${prefix}/bc/asset/get/`, assetsRoute(state));
    for (const [path, handler] of Object.entries(WRITES)) {
      router.route('POST', `${prefix}${path}`, (request) => {
        const contentType = String(request.headers['content-type'] ?? '');
        state.writes.push({ path, contentType, body: request.body });
        if (!contentType.includes('application/json') || typeof request.body !== 'object') return bad('The request body must be JSON.');
        return handler(state, request.body);
      });
    }
  }
}
