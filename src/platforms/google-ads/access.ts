import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { GoogleAdsError, PLATFORM, mutate, search, type GoogleAdsApi } from './client.js';
import { isGoogleAdsLevel, levelFromRole, roleForLevel, type AccessRole } from './levels.js';
import { AccessRow, InvitationRow, type CustomerUserAccess, type CustomerUserAccessInvitation } from './schema.js';

/** Google Ads lets an invitation wait 20 days after creation, then expires it. */
export const INVITATION_DAYS = 20;
const DAY_MS = 86_400_000;

const USERS_QUERY =
  'SELECT customer_user_access.resource_name, customer_user_access.user_id, customer_user_access.email_address, customer_user_access.access_role FROM customer_user_access';
const INVITATIONS_QUERY =
  'SELECT customer_user_access_invitation.resource_name, customer_user_access_invitation.invitation_id, customer_user_access_invitation.email_address, customer_user_access_invitation.access_role, customer_user_access_invitation.creation_date_time FROM customer_user_access_invitation WHERE customer_user_access_invitation.invitation_status = PENDING';

const USERS = 'customerUserAccesses';
const INVITATIONS = 'customerUserAccessInvitations';
/** What "it is already gone" sounds like when removing. */
const GONE = new Set(['RESOURCE_NOT_FOUND', 'INVALID_INVITATION_ID', 'INVALID_USER_ID']);

function mustLevel(role: string, who: string, customer: string) {
  const level = levelFromRole(role);
  if (!level) throw new PlatformError(PLATFORM, 'list', `customer ${customer}: ${who} has access role ${role}, which Latch does not know`);
  return level;
}

/** `creationDateTime` is `YYYY-MM-DD HH:MM:SS` in the account's time zone; read as UTC, a day never matters against 20. */
function createdAt(invitation: CustomerUserAccessInvitation): number | undefined {
  if (!invitation.creationDateTime) return undefined;
  const at = Date.parse(`${invitation.creationDateTime.trim().replace(' ', 'T')}Z`);
  return Number.isNaN(at) ? undefined : at;
}

function invitationGrant(api: GoogleAdsApi, invitation: CustomerUserAccessInvitation, customer: string): ActualGrant {
  const principal = invitation.emailAddress.trim().toLowerCase();
  const level = mustLevel(invitation.accessRole, principal, customer);
  const id = invitation.resourceName.split('/').pop() ?? invitation.resourceName;
  const created = createdAt(invitation);
  const expired = created !== undefined && created + INVITATION_DAYS * DAY_MS <= api.now();
  const pending = created === undefined ? { id, expired } : { id, expired, createdAt: new Date(created).toISOString() };
  return { principal, level, pending, handle: invitation.resourceName };
}

async function readAll(api: GoogleAdsApi, operation: string, customer: string): Promise<{ users: CustomerUserAccess[]; invitations: CustomerUserAccessInvitation[] }> {
  const [users, invitations] = await Promise.all([
    search(api, operation, customer, USERS_QUERY, AccessRow),
    search(api, operation, customer, INVITATIONS_QUERY, InvitationRow),
  ]);
  return { users: users.map((row) => row.customerUserAccess), invitations: invitations.map((row) => row.customerUserAccessInvitation) };
}

/**
 * Users and pending invitations of one customer: two GAQL searches, paged. Returns the
 * complete list or throws. A user who also has a pending invitation is listed as the user.
 */
export async function listCustomerGrants(api: GoogleAdsApi, customer: string): Promise<ActualGrant[]> {
  const { users, invitations } = await readAll(api, 'list', customer);
  const grants = new Map<string, ActualGrant>();
  for (const user of users) {
    const principal = user.emailAddress.trim().toLowerCase();
    grants.set(principal, { principal, level: mustLevel(user.accessRole, principal, customer), handle: user.resourceName });
  }
  for (const invitation of invitations) {
    const grant = invitationGrant(api, invitation, customer);
    const known = grants.get(grant.principal);
    if (known && !(known.pending?.expired && !grant.pending?.expired)) continue;
    grants.set(grant.principal, grant);
  }
  return [...grants.values()].sort((a, b) => a.principal.localeCompare(b.principal));
}

/** Runs a removal; `false` when the thing was already gone. */
async function remove(api: GoogleAdsApi, operation: string, customer: string, collection: string, name: string): Promise<boolean> {
  try {
    await mutate(api, operation, customer, collection, { remove: name });
    return true;
  } catch (error) {
    if (error instanceof GoogleAdsError && error.codes.some((code) => GONE.has(code))) return false;
    throw error;
  }
}

async function find(api: GoogleAdsApi, operation: string, customer: string, email: string) {
  const { users, invitations } = await readAll(api, operation, customer);
  const same = (address: string) => address.trim().toLowerCase() === email;
  return { user: users.find((user) => same(user.emailAddress)), invitation: invitations.find((entry) => same(entry.emailAddress)) };
}

async function setUserRole(api: GoogleAdsApi, operation: string, customer: string, user: CustomerUserAccess, role: AccessRole): Promise<ApplyOutcome> {
  if (user.accessRole === role) return { status: 'unchanged' };
  await mutate(api, operation, customer, USERS, { update: { resourceName: user.resourceName, accessRole: role }, updateMask: 'accessRole' });
  return { status: 'applied' };
}

/** Sets a user's role; `false` when the user is gone (removed since the plan was made). */
async function updateRole(api: GoogleAdsApi, customer: string, name: string, role: AccessRole): Promise<boolean> {
  try {
    await mutate(api, 'update', customer, USERS, { update: { resourceName: name, accessRole: role }, updateMask: 'accessRole' });
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
async function invite(api: GoogleAdsApi, operation: string, customer: string, email: string, role: AccessRole): Promise<ApplyOutcome> {
  try {
    await mutate(api, operation, customer, INVITATIONS, { create: { emailAddress: email, accessRole: role } });
    return { status: 'applied', detail: 'invitation sent' };
  } catch (error) {
    if (!(error instanceof GoogleAdsError)) throw error;
    const hasAccess = error.codes.includes('EMAIL_ADDRESS_ALREADY_HAS_ACCESS');
    const hasInvitation = error.codes.includes('EMAIL_ADDRESS_ALREADY_HAS_PENDING_INVITATION');
    if (!hasAccess && !hasInvitation) throw error;
    const found = await find(api, operation, customer, email);
    if (found.user) return setUserRole(api, operation, customer, found.user, role);
    if (!found.invitation) throw error;
    if (found.invitation.accessRole === role) return { status: 'unchanged', detail: 'invitation already pending' };
    await remove(api, operation, customer, INVITATIONS, found.invitation.resourceName);
    await mutate(api, operation, customer, INVITATIONS, { create: { emailAddress: email, accessRole: role } });
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
export async function applyCustomerChange(api: GoogleAdsApi, customer: string, change: Change): Promise<ApplyOutcome> {
  const email = change.principal.trim().toLowerCase();
  if (change.action === 'revoke') {
    if (change.pending) {
      const removed = await remove(api, 'revoke', customer, INVITATIONS, invitationName(customer, change));
      return removed ? { status: 'applied', detail: 'invitation cancelled' } : { status: 'unchanged' };
    }
    const name = change.handle ?? (await find(api, 'revoke', customer, email)).user?.resourceName;
    if (!name) return { status: 'unchanged' };
    return (await remove(api, 'revoke', customer, USERS, name)) ? { status: 'applied' } : { status: 'unchanged' };
  }

  if (!isGoogleAdsLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a google-ads-account level`);
  const role = roleForLevel(change.to);
  if (change.pending) {
    await remove(api, change.action, customer, INVITATIONS, invitationName(customer, change));
    const outcome = await invite(api, change.action, customer, email, role);
    if (outcome.detail !== 'invitation sent') return outcome;
    return { status: 'applied', detail: change.pending.expired ? 'expired invitation replaced by a new one' : 'invitation replaced by one with the new role' };
  }
  if (change.action === 'update') {
    const name = change.handle ?? (await find(api, 'update', customer, email)).user?.resourceName;
    if (name && (await updateRole(api, customer, name, role))) return { status: 'applied' };
  }
  return invite(api, change.action, customer, email, role);
}
