import type { ClientFile } from '../load/model.js';
import type { AccessRequest, Plan, RequestStatus, Unread } from '../model/plan.js';
import { compareText } from '../plan/order.js';
import { accountLabel } from '../verify/steps.js';

/** Someone the message names, from the client file. */
export interface Addressee {
  /** The person's key in the client file. */
  key: string;
  email: string;
}

/** One client's access request: what to ask, of whom, and what is already in place. */
export interface RequestMessage {
  client: string;
  /** The client's display name. */
  name: string;
  /** The client file, e.g. `clients/bloom.yaml`. */
  file: string;
  /** The client's delegates (client admins), who the message is for; empty when the file names none. */
  to: Addressee[];
  /** The agency owners accountable for the client, who sign it. */
  from: Addressee[];
  /** The day the accounts were read (YYYY-MM-DD). */
  date: string;
  /** Changes the client has to make: missing, wrong level, expired invitation, access to remove. */
  todo: AccessRequest[];
  /** Invitations the invitee still has to accept: nothing for the client to do. */
  waiting: AccessRequest[];
  verified: AccessRequest[];
  /** Client-owned accounts that could not be read: the message makes no claim about them. */
  unverified: Unread[];
}

function addressees(file: ClientFile, keys: readonly string[]): Addressee[] {
  return keys.flatMap((key) => {
    const person = file.people[key];
    return person ? [{ key, email: person.email }] : [];
  });
}

/** Within an account: access to give or fix first, then what to take away. */
const STATUS_ORDER = { missing: 0, 'wrong-level': 1, expired: 2, pending: 3, unexpected: 4, verified: 5 } as const satisfies Record<RequestStatus, number>;

function byAccount(a: AccessRequest, b: AccessRequest): number {
  return compareText(a.kind, b.kind) || compareText(a.resource, b.resource) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || compareText(a.principal, b.principal);
}

/**
 * Pure: the request for one client from a plan made for it. Only the plan's requests and
 * unread verify-mode resources of that client count; changes on managed resources are the
 * agency's own work and never appear in a message to the client.
 */
export function buildRequestMessage(file: { path: string; data: ClientFile }, plan: Plan, date: string): RequestMessage {
  const { data } = file;
  const mine = (plan.requests ?? []).filter((request) => request.client === data.client).sort(byAccount);
  const verifyRefs = new Set(Object.values(data.resources).filter((resource) => resource.mode === 'verify').map((resource) => `${resource.kind}\u0000${resource.ref}`));
  return {
    client: data.client,
    name: data.name,
    file: file.path,
    to: addressees(data, data.delegates),
    from: addressees(data, data.owners),
    date,
    todo: mine.filter((request) => request.status !== 'pending' && request.status !== 'verified'),
    waiting: mine.filter((request) => request.status === 'pending'),
    verified: mine.filter((request) => request.status === 'verified'),
    unverified: plan.unread.filter((entry) => entry.client === data.client && verifyRefs.has(`${entry.kind}\u0000${entry.resource}`)),
  };
}

/** Whether the client (or an invitee) still has something to do. */
export function asksSomething(message: RequestMessage): boolean {
  return message.todo.length > 0 || message.waiting.length > 0;
}

/** The sentence of a request, starting with a capital. */
export function sentence(request: AccessRequest): string {
  return request.ask.charAt(0).toUpperCase() + request.ask.slice(1);
}

/** "Google Ads account 123-456-7890" for an unread resource. */
export function unreadLabel(entry: Unread): string {
  return accountLabel(entry.kind, entry.resource);
}

/** "olivia" / "olivia and dana" / the client's team when the file names no delegate. */
export function greetingNames(message: RequestMessage): string {
  const names = message.to.map((person) => person.key);
  if (names.length === 0) return `${message.name} team`;
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
