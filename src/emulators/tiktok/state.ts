/**
 * The Business Center as TikTok keeps it: members who joined (with a user id), invitations
 * by e-mail (pending or rejected) that may name ad accounts with a role, and ad accounts with
 * each member's `advertiser_role`. Constants are the emulator's own, from TikTok's
 * documentation, never the adapter's.
 */

export const ADVERTISER_ROLES = ['ADMIN', 'OPERATOR', 'ANALYST'] as const;
export type AdvertiserRole = (typeof ADVERTISER_ROLES)[number];
export type UserRole = 'ADMIN' | 'STANDARD';

export function isAdvertiserRole(value: unknown): value is AdvertiserRole {
  return typeof value === 'string' && (ADVERTISER_ROLES as readonly string[]).includes(value);
}

/** One ad account in the seed: its members by e-mail with their role, and whose it is. */
export interface TiktokSeedAccount {
  name?: string;
  /** OWNER_BC: the agency's own; OWNER_PARTNER: a client's, shared with the agency's Business Center. */
  relation?: 'OWNER_BC' | 'OWNER_PARTNER';
  members: Record<string, AdvertiserRole>;
}

export interface TiktokSeedInvitation {
  email: string;
  status?: 'PENDING' | 'REJECTED';
  /** Ad accounts the invitation names, with the role the invitee gets on accepting. */
  assets?: Record<string, AdvertiserRole>;
}

export interface TiktokSeed {
  bcId: string;
  /** Members who joined, by e-mail: their Business Center role (default STANDARD). */
  members: Record<string, UserRole>;
  invitations?: TiktokSeedInvitation[];
  accounts: Record<string, TiktokSeedAccount>;
}

export interface MemberState {
  id: string;
  email: string;
  role: UserRole;
}

export interface InvitationState {
  email: string;
  status: 'PENDING' | 'REJECTED';
  userRole: UserRole;
  assets: Map<string, AdvertiserRole>;
}

export interface AccountState {
  id: string;
  name: string;
  relation: 'OWNER_BC' | 'OWNER_PARTNER';
  /** user id -> role. */
  members: Map<string, AdvertiserRole>;
}

/** One write as it arrived, for tests that check what was sent. */
export interface TiktokWrite {
  path: string;
  contentType: string;
  body: unknown;
}

export interface TiktokState {
  bcId: string;
  members: Map<string, MemberState>;
  idByEmail: Map<string, string>;
  invitations: Map<string, InvitationState>;
  accounts: Map<string, AccountState>;
  writes: TiktokWrite[];
  nextId: number;
  /** Most items per page whatever `page_size` asks; only tests and the demo set it. */
  maxPageSize?: number;
}

export function addMember(state: TiktokState, email: string, role: UserRole): MemberState {
  const member = { id: String(7_100_000_000_000_000_000n + BigInt(state.nextId)), email: email.toLowerCase(), role };
  state.nextId += 1;
  state.members.set(member.id, member);
  state.idByEmail.set(member.email, member.id);
  return member;
}

export function createState(seed: TiktokSeed, maxPageSize?: number): TiktokState {
  const state: TiktokState = { bcId: seed.bcId, members: new Map(), idByEmail: new Map(), invitations: new Map(), accounts: new Map(), writes: [], nextId: 1, maxPageSize };
  for (const [email, role] of Object.entries(seed.members)) addMember(state, email, role);
  for (const [id, account] of Object.entries(seed.accounts)) {
    const members = new Map<string, AdvertiserRole>();
    for (const [email, role] of Object.entries(account.members)) {
      const userId = state.idByEmail.get(email.toLowerCase()) ?? addMember(state, email, 'STANDARD').id;
      members.set(userId, role);
    }
    state.accounts.set(id, { id, name: account.name ?? `Ad account ${id}`, relation: account.relation ?? 'OWNER_BC', members });
  }
  for (const invitation of seed.invitations ?? []) {
    const email = invitation.email.toLowerCase();
    state.invitations.set(email, { email, status: invitation.status ?? 'PENDING', userRole: 'STANDARD', assets: new Map(Object.entries(invitation.assets ?? {})) });
  }
  return state;
}

/** The invitee accepts: they become a member with the accounts the invitation named. False when none is pending. */
export function acceptInvitation(state: TiktokState, email: string): boolean {
  const invitation = state.invitations.get(email.toLowerCase());
  if (!invitation || invitation.status !== 'PENDING') return false;
  state.invitations.delete(invitation.email);
  const member = addMember(state, invitation.email, invitation.userRole);
  for (const [asset, role] of invitation.assets) state.accounts.get(asset)?.members.set(member.id, role);
  return true;
}

/** The invitee declines: the invitation stays listed as REJECTED. */
export function rejectInvitation(state: TiktokState, email: string): boolean {
  const invitation = state.invitations.get(email.toLowerCase());
  if (!invitation || invitation.status !== 'PENDING') return false;
  invitation.status = 'REJECTED';
  return true;
}

/** Someone outside the API (the client, for a shared account) gives a member a role on an account. */
export function grantByHand(state: TiktokState, account: string, email: string, role: AdvertiserRole): void {
  const target = state.accounts.get(account);
  if (!target) throw new Error(`no ad account ${account} in the emulator`);
  const userId = state.idByEmail.get(email.toLowerCase()) ?? addMember(state, email, 'STANDARD').id;
  target.members.set(userId, role);
}

/** Current state in the seed's shape. */
export function snapshotOf(state: TiktokState): TiktokSeed {
  const emailOf = (id: string) => state.members.get(id)?.email ?? id;
  const accounts: Record<string, TiktokSeedAccount> = {};
  for (const account of state.accounts.values()) {
    accounts[account.id] = { name: account.name, relation: account.relation, members: Object.fromEntries([...account.members].map(([id, role]) => [emailOf(id), role])) };
  }
  return {
    bcId: state.bcId,
    members: Object.fromEntries([...state.members.values()].map((member) => [member.email, member.role])),
    invitations: [...state.invitations.values()].map((entry) => ({ email: entry.email, status: entry.status, assets: Object.fromEntries(entry.assets) })),
    accounts,
  };
}
