import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, call, getAll, type TiktokApi } from './client.js';
import type { DirectoryCache } from './directory.js';
import { isTiktokLevel, levelFromRole, roleForLevel } from './levels.js';
import { Asset, Member } from './schema.js';

/** Principal of a member whose e-mail the token cannot see. */
export const UNRESOLVED_PREFIX = 'tiktok-user:';
/** `bc/asset/get/` and `bc/asset/member/get/` pages: `bc/asset/get/` documents 1-50. */
const ASSET_PAGE_SIZE = 50;
/** Writes answer an empty `data`; the return code says whether they worked. */
const Written = z.unknown();

/** The advertiser id, digits only; anything else is refused before a call. */
export function advertiserId(ref: string, operation: string): string {
  const trimmed = ref.trim();
  if (/^\d{1,30}$/.test(trimmed)) return trimmed;
  throw new PlatformError(PLATFORM, operation, `tiktok-ad-account reference "${ref}" is not a TikTok advertiser id (digits)`);
}

/**
 * Every member with a permission on one ad account, as seen from the agency's Business
 * Center: one paged `bc/asset/member/get/` list. Invitees whose invitation names the account
 * are listed with `relation_status` PENDING (or REJECTED, once declined) and read as pending
 * grants. Returns the complete list or throws.
 */
export async function listAccountGrants(api: TiktokApi, advertiser: string): Promise<ActualGrant[]> {
  const path = '/bc/asset/member/get/';
  const params = { bc_id: api.settings.bcId, asset_type: 'ADVERTISER', asset_id: advertiser };
  const members = await getAll(api, 'list', path, params, Member, ASSET_PAGE_SIZE);
  const grants: ActualGrant[] = [];
  for (const member of members) {
    const level = levelFromRole(member.advertiser_role ?? '');
    const who = member.user_email ?? member.user_id ?? 'a member';
    if (!level) throw new PlatformError(PLATFORM, 'list', `GET ${path}: ${who} has no documented advertiser_role (${member.advertiser_role ?? 'none'})`);
    const email = member.user_email?.trim().toLowerCase();
    if (!email) {
      grants.push({ principal: `${UNRESOLVED_PREFIX}${member.user_id ?? 'unknown'}`, level, inheritedFrom: `Business Center ${api.settings.bcId}: a member whose e-mail the token cannot see` });
      continue;
    }
    const grant: ActualGrant = { principal: email, level };
    if (member.user_id) grant.handle = member.user_id;
    if (member.relation_status !== 'BOUND') grant.pending = { id: email, expired: member.relation_status === 'REJECTED' };
    grants.push(grant);
  }
  return grants.sort((a, b) => a.principal.localeCompare(b.principal));
}

function post(api: TiktokApi, operation: string, path: string, json: Record<string, unknown>): Promise<unknown> {
  return call(api, operation, { method: 'POST', url: `${api.settings.baseUrl}${path}`, json: { bc_id: api.settings.bcId, ...json } }, `POST ${path}`, Written);
}

/** Other ad accounts an open invitation names (`bc/asset/get/` filtered by the invitee's e-mail). */
async function otherInvitedAccounts(api: TiktokApi, email: string, advertiser: string, operation: string): Promise<string[]> {
  const params = { bc_id: api.settings.bcId, asset_type: 'ADVERTISER', filtering: { user_email: email } };
  const assets = await getAll(api, operation, '/bc/asset/get/', params, Asset, ASSET_PAGE_SIZE);
  return assets.map((asset) => asset.asset_id).filter((id) => id !== advertiser);
}

async function cancelInvitation(api: TiktokApi, email: string, advertiser: string, operation: string): Promise<ApplyOutcome> {
  const others = await otherInvitedAccounts(api, email, advertiser, operation);
  if (others.length > 0) {
    throw new PlatformError(PLATFORM, operation, `the invitation to ${email} also names ad accounts ${others.join(', ')}; cancelling it would take those too: remove this account from it in Business Center → Users`);
  }
  await post(api, operation, '/bc/member/delete/', { user_email: email });
  return { status: 'applied', detail: 'invitation to the Business Center cancelled' };
}

async function invite(api: TiktokApi, directory: DirectoryCache, email: string, advertiser: string, level: string, operation: string, renewed: boolean): Promise<ApplyOutcome> {
  if (renewed) await post(api, operation, '/bc/member/delete/', { user_email: email });
  await post(api, operation, '/bc/member/invite/', {
    emails: [email],
    user_role: 'STANDARD',
    asset_ids: [advertiser],
    advertiser_role: roleForLevel(level),
  });
  // Remembered for the rest of the run, so another account's grant does not invite twice.
  (await directory.get(operation)).invitations.set(email, { email, rejected: false });
  const detail = renewed ? 'invitation declined before; invited to the Business Center again with the account' : 'invited to the Business Center with the account; active once accepted';
  return { status: 'applied', detail };
}

/**
 * Carries out one change on an ad account. A member of the Business Center is assigned the
 * account with the level's role (assigning again replaces the role) or unassigned; someone
 * who is not a member is invited to the Business Center with the account and the role, once.
 */
export async function applyAccountChange(api: TiktokApi, directory: DirectoryCache, advertiser: string, change: Change): Promise<ApplyOutcome> {
  const people = await directory.get(change.action);
  const email = change.principal.toLowerCase();
  const userId = email.startsWith(UNRESOLVED_PREFIX) ? email.slice(UNRESOLVED_PREFIX.length) : people.members.get(email);
  const asset = { asset_type: 'ADVERTISER', asset_id: advertiser };

  if (change.action === 'revoke') {
    if (userId) {
      await post(api, 'revoke', '/bc/asset/unassign/', { user_id: userId, ...asset });
      return { status: 'applied' };
    }
    if (people.invitations.has(email)) return cancelInvitation(api, email, advertiser, 'revoke');
    return { status: 'unchanged', detail: 'not a member of the Business Center, so not on the ad account' };
  }

  if (!isTiktokLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a tiktok-ad-account level`);
  if (userId) {
    await post(api, change.action, '/bc/asset/assign/', { user_id: userId, ...asset, advertiser_role: roleForLevel(change.to) });
    return { status: 'applied' };
  }
  const invitation = people.invitations.get(email);
  if (invitation && !invitation.rejected) {
    return { status: 'unchanged', detail: 'invited to the Business Center; the account is assigned with this level once they accept' };
  }
  return invite(api, directory, email, advertiser, change.to, change.action, invitation !== undefined);
}
