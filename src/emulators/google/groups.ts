import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { googleError, invalid, isAnswer, pageOf } from './errors.js';
import { addMember, type Group, type GroupMember, type GoogleState, type GroupRole } from './state.js';

const ROLES = ['OWNER', 'MANAGER', 'MEMBER'] as const satisfies readonly GroupRole[];
const BASE = '/admin/directory/v1/groups/:group/members';

function roleOf(value: unknown): GroupRole | undefined {
  return ROLES.find((role) => role === value);
}

function render(member: GroupMember): Record<string, unknown> {
  return { kind: 'admin#directory#member', etag: `"${member.id}/${member.role}"`, id: member.id, email: member.email, role: member.role, type: 'USER', status: 'ACTIVE' };
}

function groupOf(state: GoogleState, request: EmulatorRequest): Group | undefined {
  return state.groups.get((request.params.group ?? '').toLowerCase());
}

const groupNotFound = (): EmulatorResponse => googleError(404, 'notFound', 'Resource Not Found: groupKey');
const memberNotFound = (): EmulatorResponse => googleError(404, 'notFound', 'Resource Not Found: memberKey');

/** A member by id or by e-mail, as the API's `memberKey` accepts either. */
function memberOf(group: Group, key: string): GroupMember | undefined {
  const id = group.byEmail.get(key.toLowerCase()) ?? key;
  return group.members.get(id);
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
}

function insert(state: GoogleState, request: EmulatorRequest): EmulatorResponse {
  const group = groupOf(state, request);
  if (!group) return groupNotFound();
  const email = field(request.body, 'email');
  if (typeof email !== 'string' || !email.includes('@')) return googleError(400, 'required', 'Missing required field: memberKey');
  const rawRole = field(request.body, 'role') ?? 'MEMBER';
  const role = roleOf(rawRole);
  if (!role) return invalid(`Invalid role: ${String(rawRole)}`);
  if (group.byEmail.has(email.toLowerCase())) return googleError(409, 'duplicate', 'Member already exists.');
  return { status: 200, body: render(addMember(state, group, email, role)) };
}

/** Admin SDK Directory: members of groups. */
export function addGroupRoutes(router: Router, state: GoogleState, maxPageSize: number): void {
  router.route('GET', BASE, (request) => {
    const group = groupOf(state, request);
    if (!group) return groupNotFound();
    const page = pageOf([...group.members.values()], request, 'maxResults', { size: 200, max: Math.min(200, maxPageSize) });
    if (isAnswer(page)) return page;
    // Directory leaves `members` out altogether when a page has none.
    const body = { kind: 'admin#directory#members', etag: '"members"', ...(page.items.length > 0 ? { members: page.items.map(render) } : {}) };
    return { status: 200, body: page.nextPageToken ? { ...body, nextPageToken: page.nextPageToken } : body };
  });
  router.route('POST', BASE, (request) => insert(state, request));
  router.route('GET', `${BASE}/:member`, (request) => {
    const group = groupOf(state, request);
    if (!group) return groupNotFound();
    const member = memberOf(group, request.params.member ?? '');
    return member ? { status: 200, body: render(member) } : memberNotFound();
  });
  router.route('PATCH', `${BASE}/:member`, (request) => {
    const group = groupOf(state, request);
    if (!group) return groupNotFound();
    const member = memberOf(group, request.params.member ?? '');
    if (!member) return memberNotFound();
    const rawRole = field(request.body, 'role');
    const role = rawRole === undefined ? member.role : roleOf(rawRole);
    if (!role) return invalid(`Invalid role: ${String(rawRole)}`);
    member.role = role;
    return { status: 200, body: render(member) };
  });
  router.route('DELETE', `${BASE}/:member`, (request) => {
    const group = groupOf(state, request);
    if (!group) return groupNotFound();
    const member = memberOf(group, request.params.member ?? '');
    if (!member) return memberNotFound();
    group.members.delete(member.id);
    group.byEmail.delete(member.email);
    return { status: 204 };
  });
}
