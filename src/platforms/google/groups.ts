import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Level } from '../../model/kinds.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { googleCall, isStatus, type CallSpec } from './call.js';
import type { GoogleApi } from './client.js';
import { PLATFORM, groupLevel, groupRole } from './levels.js';
import { collectPages } from './paging.js';
import { Member, MemberList } from './schema.js';

const PAGE_SIZE = 200;

function membersPath(groupKey: string): string {
  return `admin/directory/v1/groups/${groupKey}/members`;
}

/** A group's address (or id) as the API takes it; anything with a slash is refused before a call. */
export function groupKeyOf(ref: string, operation: string): string {
  if (ref === '' || ref.includes('/')) throw new PlatformError(PLATFORM, operation, `google-group reference "${ref}" is not a group address`);
  return ref.toLowerCase();
}

/**
 * A member's identity: its e-mail, lower-cased. A `CUSTOMER` member (everyone in the
 * Workspace) has none and is `customer:<id>`, which no client file declares, so it is revoked.
 */
function grantOf(member: Member, what: string): ActualGrant {
  const email = member.email?.toLowerCase();
  const principal = email ?? (member.id ? `${(member.type ?? 'member').toLowerCase()}:${member.id}` : undefined);
  if (!principal) throw new PlatformError(PLATFORM, 'list', `${what}: a member has neither an e-mail nor an id`);
  const level = groupLevel(member.role ?? '');
  if (!level) throw new PlatformError(PLATFORM, 'list', `${what}: ${principal} has unknown role "${member.role ?? 'none'}"`);
  return member.id ? { principal, level, handle: member.id } : { principal, level };
}

/** Every member of one group, all pages. Returns the complete list or throws. */
export async function listGroupGrants(api: GoogleApi, ref: string): Promise<ActualGrant[]> {
  const groupKey = groupKeyOf(ref, 'list');
  const what = `GET ${membersPath(groupKey)}`;
  const members = await collectPages(api, {
    spec: { operation: 'list', what, method: 'GET' },
    page: MemberList,
    fetch: (pageToken) => api.directory.members.list({ groupKey, maxResults: PAGE_SIZE, pageToken }),
    items: (page) => page.members ?? [],
    next: (page) => page.nextPageToken,
  });
  return members.map((member) => grantOf(member, what)).sort((a, b) => a.principal.localeCompare(b.principal));
}

async function getMember(api: GoogleApi, groupKey: string, memberKey: string, operation: string): Promise<Member | undefined> {
  const spec: CallSpec = { operation, what: `GET ${membersPath(groupKey)}/${memberKey}`, method: 'GET' };
  try {
    return await googleCall(api, spec, Member, () => api.directory.members.get({ groupKey, memberKey }));
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Sets a member's role; resolves `false` when the member has left since the plan. */
async function patchRole(api: GoogleApi, groupKey: string, memberKey: string, level: Level, operation: string): Promise<boolean> {
  const spec: CallSpec = { operation, what: `PATCH ${membersPath(groupKey)}/${memberKey}`, method: 'PATCH' };
  try {
    await googleCall(api, spec, Member, () => api.directory.members.patch({ groupKey, memberKey, requestBody: { role: groupRole(level, operation) } }));
    return true;
  } catch (error) {
    if (isStatus(error, 404)) return false;
    throw error;
  }
}

async function insert(api: GoogleApi, groupKey: string, change: Change, level: Level): Promise<ApplyOutcome> {
  const spec: CallSpec = { operation: change.action, what: `POST ${membersPath(groupKey)}`, method: 'POST' };
  const requestBody = { email: change.principal, role: groupRole(level, change.action) };
  try {
    await googleCall(api, spec, Member, () => api.directory.members.insert({ groupKey, requestBody }));
    return { status: 'applied' };
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
  }
  // "Member already exists.": added since the plan was made; make sure the role is the planned one.
  const member = await getMember(api, groupKey, change.principal, change.action);
  if (member && groupLevel(member.role ?? '') === level) return { status: 'unchanged', detail: 'already a member' };
  await patchRole(api, groupKey, change.principal, level, change.action);
  return { status: 'applied', detail: 'already a member; role set' };
}

async function remove(api: GoogleApi, groupKey: string, change: Change): Promise<ApplyOutcome> {
  const memberKey = change.handle ?? change.principal;
  const spec: CallSpec = { operation: change.action, what: `DELETE ${membersPath(groupKey)}/${memberKey}`, method: 'DELETE' };
  try {
    await googleCall(api, spec, z.unknown(), () => api.directory.members.delete({ groupKey, memberKey }), false);
    return { status: 'applied' };
  } catch (error) {
    if (isStatus(error, 404)) return { status: 'unchanged', detail: 'not a member any more' };
    throw error;
  }
}

/** Carries out one change on a Google group; writes to one group run one at a time. */
export function applyGroupChange(api: GoogleApi, ref: string, change: Change): Promise<ApplyOutcome> {
  const groupKey = groupKeyOf(ref, change.action);
  return api.queue.run(`group:${groupKey}`, async () => {
    if (change.action === 'revoke') return remove(api, groupKey, change);
    if (change.action === 'grant') return insert(api, groupKey, change, change.to);
    const changed = await patchRole(api, groupKey, change.handle ?? change.principal, change.to, change.action);
    // Left the group since the plan was made: add them back at the planned role.
    return changed ? { status: 'applied' } : insert(api, groupKey, change, change.to);
  });
}
