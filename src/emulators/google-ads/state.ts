import { utcToZoned, zonedToUtc } from '../../zoned-time.js';

/** The AccessRole values Google Ads gives a user of an account (UNKNOWN and UNSPECIFIED are never given). */
const ACCESS_ROLES = ['ADMIN', 'STANDARD', 'READ_ONLY', 'EMAIL_ONLY'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export function isAccessRole(value: string): value is AccessRole {
  return (ACCESS_ROLES as readonly string[]).includes(value);
}

export type InvitationStatus = 'PENDING' | 'DECLINED' | 'EXPIRED';

/** An invitation in a seed. */
export interface GoogleAdsSeedInvitation {
  /** Assigned when absent. */
  id?: string;
  email: string;
  role: AccessRole;
  /** `YYYY-MM-DD HH:MM:SS` in the customer's time zone; default: now. */
  createdAt?: string;
  /** Default PENDING; a PENDING invitation reads as EXPIRED from 20 days after `createdAt`, as Google Ads expires it. */
  status?: InvitationStatus;
}

export interface GoogleAdsSeedCustomer {
  /** E-mail -> access role; user ids are given in e-mail order. */
  users: Record<string, AccessRole>;
  invitations?: GoogleAdsSeedInvitation[];
  /** A manager account: its last admin is LAST_ADMIN_USER_OF_MANAGER, otherwise of a serving customer. */
  manager?: boolean;
  /** A manager's directly linked clients (managers among them bring their own). */
  clients?: string[];
  /** IANA zone of the account, which `creation_date_time` is written in; default UTC. */
  timeZone?: string;
}

/** Google Ads customers as they are before a test or the demo, by 10-digit id (dashes allowed). */
export interface GoogleAdsSeed {
  customers: Record<string, GoogleAdsSeedCustomer>;
  /**
   * The customers the credential's user is a user of (what listAccessibleCustomers answers);
   * others are reached only with an accessible manager above them as `login-customer-id`.
   * Default: every customer.
   */
  accessible?: string[];
}

export interface UserState {
  id: string;
  email: string;
  role: AccessRole;
}

export interface InvitationState {
  id: string;
  email: string;
  role: AccessRole;
  createdAt: string;
  status: InvitationStatus;
}

export interface CustomerState {
  id: string;
  manager: boolean;
  clients: string[];
  timeZone: string;
  users: Map<string, UserState>;
  invitations: Map<string, InvitationState>;
}

export interface GoogleAdsState {
  customers: Map<string, CustomerState>;
  accessible: Set<string>;
  nextId: number;
  now: () => number;
}

const INVITATION_MS = 20 * 86_400_000;

/** Google Ads' date-time format for `creation_date_time`, in the account's zone (default UTC). */
export function adsDateTime(ms: number, timeZone = 'UTC'): string {
  return utcToZoned(ms, timeZone);
}

/** The status Google Ads shows: a pending invitation expires 20 days after it was created. */
export function statusOf(customer: CustomerState, entry: InvitationState, now: number): InvitationStatus {
  if (entry.status !== 'PENDING') return entry.status;
  const created = zonedToUtc(entry.createdAt, customer.timeZone);
  return created !== undefined && created + INVITATION_MS <= now ? 'EXPIRED' : 'PENDING';
}

/** Every customer under a manager, with its distance: 0 for the manager itself. */
export function clientsOf(state: GoogleAdsState, managerId: string): Map<string, number> {
  const found = new Map<string, number>();
  const manager = state.customers.get(managerId);
  if (!manager?.manager) return found;
  found.set(managerId, 0);
  let level = [managerId];
  for (let depth = 1; level.length > 0; depth += 1) {
    const next: string[] = [];
    for (const id of level) {
      for (const client of state.customers.get(id)?.clients ?? []) {
        if (found.has(client)) continue;
        found.set(client, depth);
        next.push(client);
      }
    }
    level = next;
  }
  return found;
}

function newId(state: GoogleAdsState): string {
  state.nextId += 1;
  return String(state.nextId);
}

export function userByEmail(customer: CustomerState, email: string): UserState | undefined {
  const key = email.toLowerCase();
  return [...customer.users.values()].find((user) => user.email.toLowerCase() === key);
}

export function pendingFor(state: GoogleAdsState, customer: CustomerState, email: string): InvitationState | undefined {
  const key = email.toLowerCase();
  const now = state.now();
  return [...customer.invitations.values()].find((entry) => statusOf(customer, entry, now) === 'PENDING' && entry.email.toLowerCase() === key);
}

export function addUser(state: GoogleAdsState, customer: CustomerState, email: string, role: AccessRole): UserState {
  const known = userByEmail(customer, email);
  if (known) {
    known.role = role;
    return known;
  }
  const user: UserState = { id: newId(state), email, role };
  customer.users.set(user.id, user);
  return user;
}

export function addInvitation(state: GoogleAdsState, customer: CustomerState, seed: GoogleAdsSeedInvitation): InvitationState {
  const entry: InvitationState = {
    id: seed.id ?? newId(state),
    email: seed.email,
    role: seed.role,
    createdAt: seed.createdAt ?? adsDateTime(state.now(), customer.timeZone),
    status: seed.status ?? 'PENDING',
  };
  customer.invitations.set(entry.id, entry);
  return entry;
}

const digits = (ref: string) => ref.replace(/-/g, '');

export function createState(seed: GoogleAdsSeed, now: () => number = Date.now): GoogleAdsState {
  const ids = Object.keys(seed.customers).map(digits);
  const state: GoogleAdsState = { customers: new Map(), accessible: new Set((seed.accessible ?? ids).map(digits)), nextId: 7_000_000, now };
  for (const [ref, customerSeed] of Object.entries(seed.customers)) {
    const id = digits(ref);
    const customer: CustomerState = {
      id,
      manager: customerSeed.manager ?? false,
      clients: (customerSeed.clients ?? []).map(digits),
      timeZone: customerSeed.timeZone ?? 'UTC',
      users: new Map(),
      invitations: new Map(),
    };
    for (const email of Object.keys(customerSeed.users).sort()) addUser(state, customer, email, customerSeed.users[email] as AccessRole);
    for (const invitation of customerSeed.invitations ?? []) addInvitation(state, customer, invitation);
    state.customers.set(id, customer);
  }
  return state;
}

/** The invitee accepts every pending invitation (of one customer, or all): each becomes a user. */
export function acceptInvitation(state: GoogleAdsState, email: string, customerId?: string): number {
  let accepted = 0;
  for (const customer of state.customers.values()) {
    if (customerId && customer.id !== customerId.replace(/-/g, '')) continue;
    const invitation = pendingFor(state, customer, email);
    if (!invitation) continue;
    customer.invitations.delete(invitation.id);
    addUser(state, customer, invitation.email, invitation.role);
    accepted += 1;
  }
  return accepted;
}

/** The client gives someone a role in their own account, without an invitation round. */
export function grantByClient(state: GoogleAdsState, customerId: string, email: string, role: AccessRole): void {
  const customer = state.customers.get(customerId.replace(/-/g, ''));
  if (!customer) throw new Error(`no customer ${customerId} in the emulator`);
  addUser(state, customer, email, role);
}

export function snapshotOf(state: GoogleAdsState): GoogleAdsSeed {
  const customers = Object.fromEntries(
    [...state.customers.values()].map((customer) => [
      customer.id,
      {
        users: Object.fromEntries([...customer.users.values()].map((user) => [user.email, user.role])),
        invitations: [...customer.invitations.values()].map((entry) => ({ ...entry, status: statusOf(customer, entry, state.now()) })),
        manager: customer.manager,
        clients: [...customer.clients],
        timeZone: customer.timeZone,
      },
    ]),
  );
  return { customers, accessible: [...state.accessible] };
}
