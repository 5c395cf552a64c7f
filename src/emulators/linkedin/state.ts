/** Ad account user roles LinkedIn documents; exactly one ACCOUNT_BILLING_ADMIN per account. */
const LINKEDIN_ROLES = ['ACCOUNT_BILLING_ADMIN', 'ACCOUNT_MANAGER', 'CAMPAIGN_MANAGER', 'CREATIVE_MANAGER', 'VIEWER'] as const;
export type LinkedinRole = (typeof LINKEDIN_ROLES)[number];
export const OWNER_ROLE: LinkedinRole = 'ACCOUNT_BILLING_ADMIN';

export function isLinkedinRole(value: string): value is LinkedinRole {
  return (LINKEDIN_ROLES as readonly string[]).includes(value);
}

/** LinkedIn ad accounts as they are before a test or the demo: account id (digits) -> member URN -> role. */
export interface LinkedinSeed {
  accounts: Record<string, Record<string, LinkedinRole>>;
}

export interface AccountUser {
  role: LinkedinRole;
  created: number;
  lastModified: number;
}

export interface LinkedinState {
  /** Account URN -> member URN -> user. */
  accounts: Map<string, Map<string, AccountUser>>;
}

export function accountUrnOf(id: string): string {
  return id.startsWith('urn:') ? id : `urn:li:sponsoredAccount:${id}`;
}

export function createState(seed: LinkedinSeed): LinkedinState {
  const now = Date.now();
  const accounts = new Map<string, Map<string, AccountUser>>();
  for (const [id, users] of Object.entries(seed.accounts)) {
    const entries = Object.entries(users).map(([user, role]) => [user, { role, created: now, lastModified: now }] as const);
    if (entries.filter(([, user]) => user.role === OWNER_ROLE).length > 1) throw new Error(`seed: account ${id} has more than one ${OWNER_ROLE}`);
    accounts.set(accountUrnOf(id), new Map(entries));
  }
  return { accounts };
}

/** Why a role change is refused: the billing admin stays, and stays alone. */
export function ownerConflict(users: Map<string, AccountUser>, user: string, role: LinkedinRole): string | undefined {
  const current = users.get(user);
  if (current?.role === OWNER_ROLE && role !== OWNER_ROLE) return `${user} is the account's billing admin; transfer billing in Campaign Manager first`;
  const owner = [...users].find(([, entry]) => entry.role === OWNER_ROLE)?.[0];
  if (role === OWNER_ROLE && owner !== undefined && owner !== user) return `the account already has a billing admin (${owner})`;
  return undefined;
}

/** The account's billing admin gives someone a role in their own account (for verify-mode tests and the demo). */
export function grantByClient(state: LinkedinState, account: string, user: string, role: LinkedinRole): void {
  const users = state.accounts.get(accountUrnOf(account));
  if (!users) throw new Error(`no ad account ${account} in the emulator`);
  const now = Date.now();
  users.set(user, { role, created: users.get(user)?.created ?? now, lastModified: now });
}

export function snapshotOf(state: LinkedinState): LinkedinSeed {
  const accounts = Object.fromEntries(
    [...state.accounts].map(([urn, users]) => [urn.split(':').pop() ?? urn, Object.fromEntries([...users].map(([user, entry]) => [user, entry.role]))]),
  );
  return { accounts };
}
