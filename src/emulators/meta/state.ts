/** Ad account tasks Meta documents for `assigned_users`, in the order Meta lists them. */
export const META_TASKS = ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'AA_ANALYZE'] as const;
export type MetaTask = (typeof META_TASKS)[number];

export function isMetaTask(value: string): value is MetaTask {
  return (META_TASKS as readonly string[]).includes(value);
}

/** Business roles a person can have; Latch invites as EMPLOYEE. */
export type MetaBusinessRole = 'ADMIN' | 'EMPLOYEE';

/** A business invitation in a seed; times are ISO 8601. */
export interface MetaSeedInvitation {
  /** Assigned when absent. */
  id?: string;
  email: string;
  role?: MetaBusinessRole;
  /** Default: now. */
  createdTime?: string;
  /** Default: 30 days after `createdTime`. */
  expirationTime?: string;
}

/** A Meta Business Manager as it is before a test or the demo. */
export interface MetaSeed {
  /** Numeric id of the business. */
  businessId: string;
  /** People who accepted: e-mail -> business role. Ids are given in e-mail order. */
  people: Record<string, MetaBusinessRole>;
  /** System users: id -> name. */
  systemUsers?: Record<string, string>;
  /** Pending business invitations. */
  invitations?: MetaSeedInvitation[];
  /**
   * Ad accounts (`act_<digits>`): a person's e-mail or a system user's id -> their task (a
   * role's task, unpacked as Meta does) or the exact tasks they hold.
   */
  adAccounts: Record<string, Record<string, MetaTask | readonly MetaTask[]>>;
}

export interface MetaUser {
  id: string;
  email: string;
  role: MetaBusinessRole;
  name: string;
}

export interface MetaInvitationState {
  id: string;
  email: string;
  role: MetaBusinessRole;
  createdTime: string;
  expirationTime: string;
}

export interface MetaState {
  businessId: string;
  users: Map<string, MetaUser>;
  userIdByEmail: Map<string, string>;
  systemUsers: Map<string, string>;
  invitations: Map<string, MetaInvitationState>;
  /** act id -> user id -> unpacked tasks, in Meta's order. */
  accounts: Map<string, Map<string, MetaTask[]>>;
  nextId: number;
  /** Every write to an `assigned_users` edge as it arrived, for tests of what Latch sends. */
  writes: MetaWrite[];
}

/** One write as the emulator received it. */
export interface MetaWrite {
  method: string;
  path: string;
  /** The request's `content-type`, '' without a body. */
  contentType: string;
  /** Query and body parameters, each as it was sent (form values are strings). */
  params: Record<string, unknown>;
}

const INVITATION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Meta's time format: seconds precision and a `+0000` offset. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function newId(state: MetaState): string {
  state.nextId += 1;
  return String(state.nextId);
}

export function addUser(state: MetaState, email: string, role: MetaBusinessRole): MetaUser {
  const key = email.toLowerCase();
  const known = state.userIdByEmail.get(key);
  if (known) return state.users.get(known) as MetaUser;
  const user: MetaUser = { id: newId(state), email: key, role, name: key.split('@')[0] ?? key };
  state.users.set(user.id, user);
  state.userIdByEmail.set(key, user.id);
  return user;
}

export function addInvitation(state: MetaState, invitation: MetaSeedInvitation): MetaInvitationState {
  const created = invitation.createdTime ? Date.parse(invitation.createdTime) : Date.now();
  const expires = invitation.expirationTime ? Date.parse(invitation.expirationTime) : created + INVITATION_DAYS * DAY_MS;
  const entry: MetaInvitationState = {
    id: invitation.id ?? newId(state),
    email: invitation.email.toLowerCase(),
    role: invitation.role ?? 'EMPLOYEE',
    createdTime: graphTime(created),
    expirationTime: graphTime(expires),
  };
  state.invitations.set(entry.id, entry);
  return entry;
}

export function isExpired(invitation: MetaInvitationState): boolean {
  return Date.parse(invitation.expirationTime) <= Date.now();
}

export function createState(seed: MetaSeed): MetaState {
  const state: MetaState = {
    businessId: seed.businessId,
    users: new Map(),
    userIdByEmail: new Map(),
    systemUsers: new Map(Object.entries(seed.systemUsers ?? {})),
    invitations: new Map(),
    accounts: new Map(),
    nextId: 100_000_000_000_000,
    writes: [],
  };
  for (const email of Object.keys(seed.people).sort()) addUser(state, email, seed.people[email] as MetaBusinessRole);
  for (const invitation of seed.invitations ?? []) addInvitation(state, invitation);
  for (const [account, assigned] of Object.entries(seed.adAccounts)) {
    const users = new Map<string, MetaTask[]>();
    for (const [who, tasks] of Object.entries(assigned)) {
      const id = state.systemUsers.has(who) ? who : state.userIdByEmail.get(who.toLowerCase());
      if (!id) throw new Error(`seed: ${who} is assigned to ${account} but is neither a person nor a system user of the business`);
      users.set(id, unpack(typeof tasks === 'string' ? [tasks] : tasks));
    }
    state.accounts.set(account, users);
  }
  return state;
}

/** Tasks as Meta reports them: a role's task unpacked into the tasks it includes. */
const UNPACKED = {
  MANAGE: ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'],
  ADVERTISE: ['ADVERTISE', 'ANALYZE', 'DRAFT'],
  ANALYZE: ['ANALYZE'],
  DRAFT: ['DRAFT'],
  AA_ANALYZE: ['AA_ANALYZE'],
} as const satisfies Record<MetaTask, readonly MetaTask[]>;

/** The tasks a list of assigned tasks amounts to, unpacked, in Meta's order. */
export function unpack(tasks: readonly MetaTask[]): MetaTask[] {
  const all = new Set(tasks.flatMap((task) => UNPACKED[task]));
  return META_TASKS.filter((task) => all.has(task));
}

/** A seed's value for these tasks: the task they unpack from when there is one, else the list. */
function seedValue(tasks: readonly MetaTask[]): MetaTask | MetaTask[] {
  const single = META_TASKS.find((task) => UNPACKED[task].length === tasks.length && UNPACKED[task].every((entry) => tasks.includes(entry)));
  return single ?? [...tasks];
}

/** The invitee accepts: they become a person of the business (expired invitations cannot be accepted). */
export function acceptInvitation(state: MetaState, email: string): boolean {
  const key = email.toLowerCase();
  const invitation = [...state.invitations.values()].find((entry) => entry.email === key && !isExpired(entry));
  if (!invitation) return false;
  state.invitations.delete(invitation.id);
  addUser(state, key, invitation.role);
  return true;
}

/** The client, in their own ad account, gives someone a task (the person joins the business if needed). */
export function grantByClient(state: MetaState, account: string, email: string, task: MetaTask): void {
  const user = addUser(state, email, 'EMPLOYEE');
  const users = state.accounts.get(account) ?? new Map<string, MetaTask[]>();
  users.set(user.id, unpack([task]));
  state.accounts.set(account, users);
}

export function snapshotOf(state: MetaState): MetaSeed {
  const people = Object.fromEntries([...state.users.values()].map((user) => [user.email, user.role]));
  const invitations = [...state.invitations.values()].map((entry) => ({
    id: entry.id,
    email: entry.email,
    role: entry.role,
    createdTime: entry.createdTime,
    expirationTime: entry.expirationTime,
  }));
  const adAccounts = Object.fromEntries(
    [...state.accounts].map(([account, users]) => [
      account,
      Object.fromEntries([...users].map(([id, tasks]) => [state.users.get(id)?.email ?? id, seedValue(tasks)])),
    ]),
  );
  return { businessId: state.businessId, people, systemUsers: Object.fromEntries(state.systemUsers), invitations, adAccounts };
}
