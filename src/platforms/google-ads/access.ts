import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { GoogleAdsError, PLATFORM, mutate, search, type GoogleAdsApi, type Target } from './client.js';
import { isGoogleAdsLevel, levelFromRole, roleForLevel, type AccessRole } from './levels.js';
import { AccessRow, InvitationRow, type CustomerUserAccess, type CustomerUserAccessInvitation } from './schema.js';
import { isTimeZone, zonedToUtc } from '../../zoned-time.js';

/** Google Ads lets an invitation wait 20 days after creation, then expires it. */
export const INVITATION_DAYS = 20;
const DAY_MS = 86_400_000;

/*
 * How few calls one account's access takes, from Google Ads' documentation:
 * - There is no cross-account read. `customer_user_access` "represents the permission of a
 *   single user onto a single customer" and is read by `customers/{id}/googleAds:search` on
 *   that customer; the manager's `customer_client` resource lists its clients but carries no
 *   user access (https://developers.google.com/google-ads/api/fields/v26/customer_client), so
 *   one query from the manager cannot answer for many clients. Batch processing
 *   (BatchJobService) takes mutate operations, not searches: each account is read on its own.
 * - Users and invitations cannot come from one query: a GAQL query names exactly one
 *   resource in FROM ("Only one resource can be specified"), and neither is attributed to the other
 *   (https://developers.google.com/google-ads/api/docs/query/structure).
 * - Both list `customer` as their attributed resource
 *   (https://developers.google.com/google-ads/api/fields/v26/customer_user_access_invitation),
 *   so the invitations query brings the account's time zone along instead of a third query.
 * So: two searches per account, each one page (pages hold 10,000 rows), side by side.
 */
const USERS_QUERY =
  'SELECT customer_user_access.resource_name, customer_user_access.user_id, customer_user_access.email_address, customer_user_access.access_role FROM customer_user_access';
// Every status: EXPIRED ones are read so a request can say "expired, invite again"; DECLINED ones are left out below.
const INVITATIONS_QUERY =
  'SELECT customer_user_access_invitation.resource_name, customer_user_access_invitation.invitation_id, customer_user_access_invitation.email_address, customer_user_access_invitation.access_role, customer_user_access_invitation.creation_date_time, customer_user_access_invitation.invitation_status, customer.time_zone FROM customer_user_access_invitation';

const USERS = 'customerUserAccesses';
const INVITATIONS = 'customerUserAccessInvitations';
/** What "it is already gone" sounds like when removing. */
const GONE = new Set(['RESOURCE_NOT_FOUND', 'INVALID_INVITATION_ID', 'INVALID_USER_ID']);
/** Invitations that stand for a grant: waiting, or expired and to be sent again. */
const OPEN_STATUSES = new Set(['PENDING', 'EXPIRED']);

function mustLevel(role: string, who: string, customer: string) {
  const level = levelFromRole(role);
  if (!level) throw new PlatformError(PLATFORM, 'list', `customer ${customer}: ${who} has access role ${role}, which Latch does not know`);
  return level;
}

/** The account's time zone, which its invitations' `creation_date_time` is written in, as the invitation rows carry it. */
function timeZoneOf(rows: readonly InvitationRow[], customer: string): string {
  const zone = rows[0]?.customer.timeZone ?? 'UTC';
  if (!isTimeZone(zone) || rows.some((row) => row.customer.timeZone !== zone)) {
    throw new PlatformError(PLATFORM, 'list', `customer ${customer}: customer.time_zone came back as ${zone}, so invitation dates cannot be read`);
  }
  return zone;
}

function invitationGrant(api: GoogleAdsApi, invitation: CustomerUserAccessInvitation, customer: string, timeZone: string): ActualGrant {
  const principal = invitation.emailAddress.trim().toLowerCase();
  const level = mustLevel(invitation.accessRole, principal, customer);
  const id = invitation.resourceName.split('/').pop() ?? invitation.resourceName;
  const created = invitation.creationDateTime ? zonedToUtc(invitation.creationDateTime, timeZone) : undefined;
  // The status flips some time after the 20 days; the date decides as soon as they are up.
  const expired = invitation.invitationStatus === 'EXPIRED' || (created !== undefined && created + INVITATION_DAYS * DAY_MS <= api.now());
  const pending = created === undefined ? { id, expired } : { id, expired, createdAt: new Date(created).toISOString() };
  return { principal, level, pending, handle: invitation.resourceName };
}

async function readAll(api: GoogleAdsApi, operation: string, target: Target): Promise<{ users: CustomerUserAccess[]; invitations: CustomerUserAccessInvitation[]; timeZone: string }> {
  const [users, invitations] = await Promise.all([
    search(api, operation, target, USERS_QUERY, AccessRow),
    search(api, operation, target, INVITATIONS_QUERY, InvitationRow),
  ]);
  const open: CustomerUserAccessInvitation[] = [];
  for (const { customerUserAccessInvitation: invitation } of invitations) {
    if (OPEN_STATUSES.has(invitation.invitationStatus)) open.push(invitation);
    else if (invitation.invitationStatus !== 'DECLINED') {
      throw new PlatformError(PLATFORM, operation, `customer ${target.customer}: an invitation has status ${invitation.invitationStatus}, which Latch does not know`);
    }
  }
  return { users: users.map((row) => row.customerUserAccess), invitations: open, timeZone: timeZoneOf(invitations, target.customer) };
}

/**
 * Users and open invitations (pending or expired) of one customer: two GAQL searches, paged,
 * the invitations with the account's time zone to date them by. Returns the complete list
 * or throws. A user who also has an invitation is listed as the user.
 */
export async function listCustomerGrants(api: GoogleAdsApi, target: Target): Promise<ActualGrant[]> {
  const { customer } = target;
  const { users, invitations, timeZone } = await readAll(api, 'list', target);
  const grants = new Map<string, ActualGrant>();
  for (const user of users) {
    const principal = user.emailAddress.trim().toLowerCase();
    grants.set(principal, { principal, level: mustLevel(user.accessRole, principal, customer), handle: user.resourceName });
  }
  for (const invitation of invitations) {
    const grant = invitationGrant(api, invitation, customer, timeZone);
    const known = grants.get(grant.principal);
    if (known && !(known.pending?.expired && !grant.pending?.expired)) continue;
    grants.set(grant.principal, grant);
  }
  return [...grants.values()].sort((a, b) => a.principal.localeCompare(b.principal));
}

/** Runs a removal; `false` when the thing was already gone. */
async function remove(api: GoogleAdsApi, operation: string, target: Target, collection: string, name: string): Promise<boolean> {
  try {
    await mutate(api, operation, target, collection, { remove: name });
    return true;
  } catch (error) {
    if (error instanceof GoogleAdsError && error.codes.some((code) => GONE.has(code))) return false;
    throw error;
  }
}

async function find(api: GoogleAdsApi, operation: string, target: Target, email: string) {
  const { users, invitations } = await readAll(api, operation, target);
  const same = (address: string) => address.trim().toLowerCase() === email;
  const pending = invitations.filter((entry) => entry.invitationStatus === 'PENDING');
  return { user: users.find((user) => same(user.emailAddress)), invitation: pending.find((entry) => same(entry.emailAddress)) };
}

async function setUserRole(api: GoogleAdsApi, operation: string, target: Target, user: CustomerUserAccess, role: AccessRole): Promise<ApplyOutcome> {
  if (user.accessRole === role) return { status: 'unchanged' };
  await mutate(api, operation, target, USERS, { update: { resourceName: user.resourceName, accessRole: role }, updateMask: 'accessRole' });
  return { status: 'applied' };
}

/** Sets a user's role; `false` when the user is gone (removed since the plan was made). */
async function updateRole(api: GoogleAdsApi, target: Target, name: string, role: AccessRole): Promise<boolean> {
  try {
    await mutate(api, 'update', target, USERS, { update: { resourceName: name, accessRole: role }, updateMask: 'accessRole' });
    return true;
  } catch (error) {
    if (error instanceof GoogleAdsError && error.codes.some((code) => GONE.has(code))) return false;
    throw error;
  }
}

/**
 * Sends an invitation. One that meets an existing user or invitation (a re-run after a
 * crash, a plan made before someone acted by hand) ends in the state the change asks for.
 */
async function invite(api: GoogleAdsApi, operation: string, target: Target, email: string, role: AccessRole): Promise<ApplyOutcome> {
  try {
    await mutate(api, operation, target, INVITATIONS, { create: { emailAddress: email, accessRole: role } });
    return { status: 'applied', detail: 'invitation sent' };
  } catch (error) {
    if (!(error instanceof GoogleAdsError)) throw error;
    const hasAccess = error.codes.includes('EMAIL_ADDRESS_ALREADY_HAS_ACCESS');
    const hasInvitation = error.codes.includes('EMAIL_ADDRESS_ALREADY_HAS_PENDING_INVITATION');
    if (!hasAccess && !hasInvitation) throw error;
    const found = await find(api, operation, target, email);
    if (found.user) return setUserRole(api, operation, target, found.user, role);
    if (!found.invitation) throw error;
    if (found.invitation.accessRole === role) return { status: 'unchanged', detail: 'invitation already pending' };
    await remove(api, operation, target, INVITATIONS, found.invitation.resourceName);
    await mutate(api, operation, target, INVITATIONS, { create: { emailAddress: email, accessRole: role } });
    return { status: 'applied', detail: 'invitation replaced by one with the new role' };
  }
}

function invitationName(customer: string, change: Change): string {
  return change.handle ?? `customers/${customer}/${INVITATIONS}/${change.pending?.id ?? ''}`;
}

/**
 * Carries out one change on a customer. Invitations cannot change role: an update of a
 * pending one cancels it and invites again. Idempotent: removing what is gone is `unchanged`.
 */
export async function applyCustomerChange(api: GoogleAdsApi, target: Target, change: Change): Promise<ApplyOutcome> {
  const { customer } = target;
  const email = change.principal.trim().toLowerCase();
  if (change.action === 'revoke') {
    if (change.pending) {
      const removed = await remove(api, 'revoke', target, INVITATIONS, invitationName(customer, change));
      return removed ? { status: 'applied', detail: 'invitation cancelled' } : { status: 'unchanged' };
    }
    const name = change.handle ?? (await find(api, 'revoke', target, email)).user?.resourceName;
    if (!name) return { status: 'unchanged' };
    return (await remove(api, 'revoke', target, USERS, name)) ? { status: 'applied' } : { status: 'unchanged' };
  }

  if (!isGoogleAdsLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a google-ads-account level`);
  const role = roleForLevel(change.to);
  if (change.pending) {
    await remove(api, change.action, target, INVITATIONS, invitationName(customer, change));
    const outcome = await invite(api, change.action, target, email, role);
    if (outcome.detail !== 'invitation sent') return outcome;
    return { status: 'applied', detail: change.pending.expired ? 'expired invitation replaced by a new one' : 'invitation replaced by one with the new role' };
  }
  if (change.action === 'update') {
    const name = change.handle ?? (await find(api, 'update', target, email)).user?.resourceName;
    if (name && (await updateRole(api, target, name, role))) return { status: 'applied' };
  }
  return invite(api, change.action, target, email, role);
}
