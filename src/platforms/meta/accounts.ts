import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, call, getAll, type MetaApi } from './client.js';
import type { DirectoryCache, MetaInvitation } from './directory.js';
import { isMetaLevel, levelFromTasks, tasksForLevel } from './levels.js';
import { AssignedUser, Created, Success } from './schema.js';

/** Principal of an assigned user who is not a person of the business (a system user, a partner's user). */
export const UNRESOLVED_PREFIX = 'meta-user:';

/** `act_123` from `act_123` or `123`; anything else is refused before a call. */
export function accountId(ref: string, operation: string): string {
  const trimmed = ref.trim();
  if (/^act_\d+$/.test(trimmed)) return trimmed;
  if (/^\d+$/.test(trimmed)) return `act_${trimmed}`;
  throw new PlatformError(PLATFORM, operation, `meta-ad-account reference "${ref}" is not an ad account id (act_<digits>)`);
}

/**
 * Everyone assigned to one ad account, as e-mails of the business's people: one paged list
 * plus the directory read once per run. Returns the complete list or throws. A business
 * invitation names no ad account, so pending invitees are not listed here: granting to one
 * reports the pending invitation instead of inviting twice.
 */
export async function listAccountGrants(api: MetaApi, directory: DirectoryCache, account: string): Promise<ActualGrant[]> {
  const path = `/${account}/assigned_users`;
  const [assigned, people] = await Promise.all([
    getAll(api, 'list', path, { business: api.settings.businessId, fields: 'id,tasks' }, AssignedUser),
    directory.get('list'),
  ]);
  const grants: ActualGrant[] = [];
  for (const user of assigned) {
    const level = levelFromTasks(user.tasks);
    if (!level) throw new PlatformError(PLATFORM, 'list', `GET ${path}: user ${user.id} has none of the documented ad account tasks (${user.tasks.join(', ') || 'none'})`);
    const person = people.byId.get(user.id);
    if (person) {
      grants.push({ principal: person.email, level, handle: user.id });
      continue;
    }
    // Latch's own system user is one of these: such grants are reported, never revoked.
    grants.push({
      principal: `${UNRESOLVED_PREFIX}${user.id}`,
      level,
      handle: user.id,
      inheritedFrom: `business ${api.settings.businessId}: not one of its people (a system user or a partner's user)`,
    });
  }
  return grants.sort((a, b) => a.principal.localeCompare(b.principal));
}

function day(invitation: MetaInvitation): string {
  return invitation.createdAt ? ` on ${invitation.createdAt.slice(0, 10)}` : '';
}

async function invite(api: MetaApi, directory: DirectoryCache, email: string, operation: string, renewed: boolean): Promise<ApplyOutcome> {
  const business = api.settings.businessId;
  const what = `POST /${business}/business_users`;
  const created = await call(api, operation, { method: 'POST', url: `${api.settings.baseUrl}/${business}/business_users`, json: { email, role: 'EMPLOYEE' } }, what, Created);
  // Remembered for the rest of the run, so another account's grant does not invite twice.
  (await directory.get(operation)).invitations.set(email, { id: created.id, email, expired: false, createdAt: new Date(api.now()).toISOString() });
  const detail = renewed ? 'business invitation expired; invited to the business again; grant after acceptance' : 'invited to the business; grant after acceptance';
  return { status: 'applied', detail };
}

/**
 * Carries out one change on an ad account. Grants and updates set the tasks of a person of
 * the business (a re-POST replaces them); someone who is not a person of the business yet
 * is invited to it instead, once, and granted on a run after they accept.
 */
export async function applyAccountChange(api: MetaApi, directory: DirectoryCache, account: string, change: Change): Promise<ApplyOutcome> {
  const people = await directory.get(change.action);
  const path = `/${account}/assigned_users`;
  const userId = change.principal.startsWith(UNRESOLVED_PREFIX)
    ? change.principal.slice(UNRESOLVED_PREFIX.length)
    : people.byEmail.get(change.principal.toLowerCase())?.id;

  if (change.action === 'revoke') {
    if (!userId) return { status: 'unchanged', detail: 'not a person of the business, so not on the ad account' };
    const query = new URLSearchParams({ user: userId });
    const answer = await call(api, 'revoke', { method: 'DELETE', url: `${api.settings.baseUrl}${path}?${query.toString()}` }, `DELETE ${path}`, Success);
    if (!answer.success) throw new PlatformError(PLATFORM, 'revoke', `DELETE ${path}: Meta answered success: false`);
    return { status: 'applied' };
  }

  if (!isMetaLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a meta-ad-account level`);
  if (!userId) {
    const email = change.principal.toLowerCase();
    const invitation = people.invitations.get(email);
    if (invitation && !invitation.expired) {
      return { status: 'unchanged', detail: `invited to the business${day(invitation)}; grant after acceptance` };
    }
    return invite(api, directory, email, change.action, invitation !== undefined);
  }
  // The reference's parameters, form-encoded as its examples send them: `tasks` a JSON array string.
  const form = { user: userId, tasks: JSON.stringify(tasksForLevel(change.to)) };
  const answer = await call(api, change.action, { method: 'POST', url: `${api.settings.baseUrl}${path}`, form }, `POST ${path}`, Success);
  if (!answer.success) throw new PlatformError(PLATFORM, change.action, `POST ${path}: Meta answered success: false`);
  return { status: 'applied' };
}
