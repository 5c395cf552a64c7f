import type { PendingInvitation } from '../../model/grants.js';
import { readOnce, type ReadOnce } from '../read-once.js';
import { getAll, type MetaApi } from './client.js';
import { BusinessUser, PendingUser } from './schema.js';

/** A person of the business: assigned users are business-scoped ids, resolved to e-mails here. */
export interface MetaPerson {
  /** Business-scoped user id, as `assigned_users` names them. */
  id: string;
  /** Lower-cased. */
  email: string;
  /** Business role (ADMIN, EMPLOYEE, ...). */
  role?: string;
}

/** A business invitation not accepted yet; it names no ad account, only the business. */
export interface MetaInvitation extends PendingInvitation {
  /** Lower-cased. */
  email: string;
}

/** The business's people and pending invitations, read once per run. */
export interface Directory {
  byId: ReadonlyMap<string, MetaPerson>;
  byEmail: ReadonlyMap<string, MetaPerson>;
  /** Pending business invitations by e-mail; the newest one wins. */
  invitations: Map<string, MetaInvitation>;
}

/** The directory, read on first use; a failed read is not cached, so a later call tries again. */
export type DirectoryCache = ReadOnce<Directory>;

/** Meta writes `2026-01-05T10:00:00+0000`; reports want ISO 8601 in UTC. */
function isoTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function invitationOf(pending: PendingUser, now: number): MetaInvitation {
  const expiresAt = pending.expiration_time ? Date.parse(pending.expiration_time) : Number.NaN;
  const expired = pending.status?.toUpperCase() === 'EXPIRED' || (!Number.isNaN(expiresAt) && expiresAt <= now);
  const createdAt = isoTime(pending.created_time);
  const invitation: MetaInvitation = { id: pending.id, email: pending.email.trim().toLowerCase(), expired };
  return createdAt ? { ...invitation, createdAt } : invitation;
}

async function readDirectory(api: MetaApi, operation: string): Promise<Directory> {
  const business = api.settings.businessId;
  const [users, pending] = await Promise.all([
    getAll(api, operation, `/${business}/business_users`, { fields: 'id,email,role' }, BusinessUser),
    getAll(api, operation, `/${business}/pending_users`, { fields: 'id,email,role,status,created_time,expiration_time' }, PendingUser),
  ]);
  const byId = new Map<string, MetaPerson>();
  const byEmail = new Map<string, MetaPerson>();
  for (const user of users) {
    // A business user without an e-mail (not visible to the token) cannot be matched to anyone.
    if (!user.email) continue;
    const person: MetaPerson = { id: user.id, email: user.email.trim().toLowerCase(), role: user.role };
    byId.set(person.id, person);
    byEmail.set(person.email, person);
  }
  const invitations = new Map<string, MetaInvitation>();
  for (const entry of pending) {
    const invitation = invitationOf(entry, api.now());
    const known = invitations.get(invitation.email);
    if (!known || (known.expired && !invitation.expired)) invitations.set(invitation.email, invitation);
  }
  return { byId, byEmail, invitations };
}

export function createDirectoryCache(api: MetaApi): DirectoryCache {
  return readOnce((operation) => readDirectory(api, operation));
}
