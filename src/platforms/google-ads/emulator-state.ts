import { isGoogleAdsLevel, roleForLevel, type AccessRole } from './levels.js';

export type InvitationStatus = 'PENDING' | 'DECLINED' | 'EXPIRED';

/** An invitation in a seed. */
export interface GoogleAdsSeedInvitation {
  /** Assigned when absent. */
  id?: string;
  email: string;
  role: AccessRole;
  /** `YYYY-MM-DD HH:MM:SS`; default: now. */
  createdAt?: string;
  /** Default PENDING. The emulator never expires invitations by itself: seed EXPIRED or an old date. */
  status?: InvitationStatus;
}

export interface GoogleAdsSeedCustomer {
  /** E-mail -> access role; user ids are given in e-mail order. */
  users: Record<string, AccessRole>;
  invitations?: GoogleAdsSeedInvitation[];
  /** A manager account: its last admin is LAST_ADMIN_USER_OF_MANAGER, otherwise of a serving customer. */
  manager?: boolean;
}

/** Google Ads customers as they are before a test or the demo, by 10-digit id (dashes allowed). */
export interface GoogleAdsSeed {
  customers: Record<string, GoogleAdsSeedCustomer>;
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
  users: Map<string, UserState>;
  invitations: Map<string, InvitationState>;
}

export interface GoogleAdsState {
  customers: Map<string, CustomerState>;
  nextId: number;
}

/** Google Ads' date-time format for `creation_date_time`. */
export function adsDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function newId(state: GoogleAdsState): string {
  state.nextId += 1;
  return String(state.nextId);
}

export function userByEmail(customer: CustomerState, email: string): UserState | undefined {
  const key = email.toLowerCase();
  return [...customer.users.values()].find((user) => user.email.toLowerCase() === key);
}

export function pendingFor(customer: CustomerState, email: string): InvitationState | undefined {
  const key = email.toLowerCase();
  return [...customer.invitations.values()].find((entry) => entry.status === 'PENDING' && entry.email.toLowerCase() === key);
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
    createdAt: seed.createdAt ?? adsDateTime(Date.now()),
    status: seed.status ?? 'PENDING',
  };
  customer.invitations.set(entry.id, entry);
  return entry;
}

export function createState(seed: GoogleAdsSeed): GoogleAdsState {
  const state: GoogleAdsState = { customers: new Map(), nextId: 7_000_000 };
  for (const [ref, customerSeed] of Object.entries(seed.customers)) {
    const id = ref.replace(/-/g, '');
    const customer: CustomerState = { id, manager: customerSeed.manager ?? false, users: new Map(), invitations: new Map() };
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
    const invitation = pendingFor(customer, email);
    if (!invitation) continue;
    customer.invitations.delete(invitation.id);
    addUser(state, customer, invitation.email, invitation.role);
    accepted += 1;
  }
  return accepted;
}

/** The client gives someone a level in their own account, without an invitation round. */
export function grantByClient(state: GoogleAdsState, customerId: string, email: string, level: string): void {
  if (!isGoogleAdsLevel(level)) throw new Error(`"${level}" is not a google-ads-account level`);
  const customer = state.customers.get(customerId.replace(/-/g, ''));
  if (!customer) throw new Error(`no customer ${customerId} in the emulator`);
  addUser(state, customer, email, roleForLevel(level));
}

export function snapshotOf(state: GoogleAdsState): GoogleAdsSeed {
  const customers = Object.fromEntries(
    [...state.customers.values()].map((customer) => [
      customer.id,
      {
        users: Object.fromEntries([...customer.users.values()].map((user) => [user.email, user.role])),
        invitations: [...customer.invitations.values()].map((entry) => ({ ...entry })),
        manager: customer.manager,
      },
    ]),
  );
  return { customers };
}
