/** Roles a Drive permission can carry, as the Drive API documents them. */
export type DriveRole = 'owner' | 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader';
/** Roles of a member of a Google group, as the Directory API documents them. */
export type GroupRole = 'OWNER' | 'MANAGER' | 'MEMBER';

/** One person's (or group's) access to a Drive item, as a seed or snapshot gives it. */
export interface SeedPermission {
  /** An e-mail; `anyone` or `domain:<domain>` stand for link sharing. */
  email: string;
  role: DriveRole;
  /** The parent folder or shared drive the access comes from; absent when set on the item itself. */
  inheritedFrom?: string;
  /** Default `user`. */
  type?: 'user' | 'group';
}

/** A GA4 binding: one user, one or more `predefinedRoles/...`. */
export interface SeedBinding {
  user: string;
  roles: string[];
}

/** The three Google APIs' state, before a test and in snapshots. */
export interface GoogleSeed {
  /** Drive permissions by file or folder id. */
  drive?: Record<string, SeedPermission[]>;
  /** The shared drive (its id) each item in one lives in; every other item is in someone's My Drive. */
  sharedDrives?: Record<string, string>;
  /** GA4 properties by numeric id, with the account they belong to and that account's bindings. */
  ga4?: Record<string, { account?: string; bindings: SeedBinding[]; accountBindings?: SeedBinding[] }>;
  /** Group members by group address. */
  groups?: Record<string, Array<{ email: string; role: GroupRole }>>;
  /**
   * Display names by Drive item id, GA4 property id or group address, as discovery lists
   * them; default the id (Drive), `Property <id>` (GA4) or the address's local part (groups).
   */
  names?: Record<string, string>;
}

export interface DrivePermission {
  id: string;
  type: 'user' | 'group' | 'domain' | 'anyone';
  /** E-mail for users and groups, the domain for `domain`, empty for `anyone`. */
  address: string;
  /** Role set on the item itself. */
  direct?: DriveRole;
  /** Roles inherited, by the id of the item they come from. */
  inherited: Map<string, DriveRole>;
}

export interface DriveFile {
  permissions: Map<string, DrivePermission>;
  /** The shared drive the item is in; undefined in My Drive. */
  driveId?: string;
}

export interface Binding {
  name: string;
  user: string;
  roles: string[];
}

/** A property or an account: bindings by name, and the binding of each user. */
export interface BindingHolder {
  bindings: Map<string, Binding>;
  byUser: Map<string, string>;
}

export interface Ga4Property extends BindingHolder {
  account?: string;
}

export interface GroupMember {
  id: string;
  email: string;
  role: GroupRole;
}

export interface Group {
  /** Members by id; `byEmail` finds the id of an address. */
  members: Map<string, GroupMember>;
  byEmail: Map<string, string>;
}

/** Everything the emulator holds, indexed so every request is a few map lookups. */
export interface GoogleState {
  files: Map<string, DriveFile>;
  properties: Map<string, Ga4Property>;
  accounts: Map<string, BindingHolder>;
  groups: Map<string, Group>;
  /** Drive gives one person the same permission id on every file. */
  permissionIds: Map<string, string>;
  /** Display names from the seed, by id or address. */
  names: Map<string, string>;
  counter: number;
}

/** Highest first: the role a permission shows is the highest of its parts. */
export const DRIVE_ROLE_ORDER: readonly DriveRole[] = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'];

export function nextId(state: GoogleState): number {
  state.counter += 1;
  return state.counter;
}

/** The stable permission id of a principal key (`user:a@b.c`, `domain:b.c`, `anyone`). */
export function permissionIdFor(state: GoogleState, type: DrivePermission['type'], address: string): string {
  if (type === 'anyone') return 'anyoneWithLink';
  const key = `${type}:${address}`;
  let id = state.permissionIds.get(key);
  if (!id) {
    id = String(nextId(state)).padStart(20, '0');
    state.permissionIds.set(key, id);
  }
  return id;
}

/** Reads `anyone` and `domain:<d>` as link sharing, anything else as an e-mail. */
export function parseAddress(email: string, type: 'user' | 'group' = 'user'): { type: DrivePermission['type']; address: string } {
  const lower = email.toLowerCase();
  if (lower === 'anyone') return { type: 'anyone', address: '' };
  if (lower.startsWith('domain:')) return { type: 'domain', address: lower.slice('domain:'.length) };
  return { type, address: lower };
}

export function driveFile(state: GoogleState, fileId: string): DriveFile {
  let file = state.files.get(fileId);
  if (!file) {
    file = { permissions: new Map() };
    state.files.set(fileId, file);
  }
  return file;
}

/** Adds one seeded or hand-made permission part to a file. */
export function addPermission(state: GoogleState, fileId: string, entry: SeedPermission): DrivePermission {
  const { type, address } = parseAddress(entry.email, entry.type);
  const id = permissionIdFor(state, type, address);
  const file = driveFile(state, fileId);
  let permission = file.permissions.get(id);
  if (!permission) {
    permission = { id, type, address, inherited: new Map() };
    file.permissions.set(id, permission);
  }
  if (entry.inheritedFrom) permission.inherited.set(entry.inheritedFrom, entry.role);
  else permission.direct = entry.role;
  return permission;
}

export function addBinding(state: GoogleState, holder: BindingHolder, parent: string, binding: SeedBinding): Binding {
  const user = binding.user.toLowerCase();
  const name = `${parent}/accessBindings/b${nextId(state)}`;
  const created = { name, user, roles: [...binding.roles] };
  holder.bindings.set(name, created);
  holder.byUser.set(user, name);
  return created;
}

export function addMember(state: GoogleState, group: Group, email: string, role: GroupRole): GroupMember {
  const member = { id: `1${String(nextId(state)).padStart(20, '0')}`, email: email.toLowerCase(), role };
  group.members.set(member.id, member);
  group.byEmail.set(member.email, member.id);
  return member;
}

export function createState(seed: GoogleSeed): GoogleState {
  const state: GoogleState = { files: new Map(), properties: new Map(), accounts: new Map(), groups: new Map(), permissionIds: new Map(), names: new Map(Object.entries(seed.names ?? {})), counter: 0 };
  for (const [fileId, entries] of Object.entries(seed.drive ?? {})) {
    const file = driveFile(state, fileId);
    const driveId = seed.sharedDrives?.[fileId];
    if (driveId) file.driveId = driveId;
    for (const entry of entries) addPermission(state, fileId, entry);
  }
  for (const [id, property] of Object.entries(seed.ga4 ?? {})) {
    const holder: Ga4Property = { account: property.account, bindings: new Map(), byUser: new Map() };
    state.properties.set(id, holder);
    for (const binding of property.bindings) addBinding(state, holder, `properties/${id}`, binding);
    if (!property.account) continue;
    let account = state.accounts.get(property.account);
    if (!account) {
      account = { bindings: new Map(), byUser: new Map() };
      state.accounts.set(property.account, account);
    }
    // Properties of one account may each repeat its bindings (snapshots do): the first one counts.
    for (const binding of property.accountBindings ?? []) {
      if (!account.byUser.has(binding.user.toLowerCase())) addBinding(state, account, `accounts/${property.account}`, binding);
    }
  }
  for (const [address, members] of Object.entries(seed.groups ?? {})) {
    const group: Group = { members: new Map(), byEmail: new Map() };
    state.groups.set(address.toLowerCase(), group);
    for (const member of members) addMember(state, group, member.email, member.role);
  }
  return state;
}

function seedAddress(permission: DrivePermission): string {
  if (permission.type === 'anyone') return 'anyone';
  if (permission.type === 'domain') return `domain:${permission.address}`;
  return permission.address;
}

/** The state in the seed's shape, deep-copied. */
export function snapshotOf(state: GoogleState): GoogleSeed {
  const drive: NonNullable<GoogleSeed['drive']> = {};
  for (const [fileId, file] of state.files) {
    drive[fileId] = [...file.permissions.values()].flatMap((permission) => {
      const base = { email: seedAddress(permission), ...(permission.type === 'group' ? { type: 'group' as const } : {}) };
      const parts: SeedPermission[] = permission.direct ? [{ ...base, role: permission.direct }] : [];
      for (const [from, role] of permission.inherited) parts.push({ ...base, role, inheritedFrom: from });
      return parts;
    });
  }
  const copy = (holder: BindingHolder): SeedBinding[] => [...holder.bindings.values()].map((binding) => ({ user: binding.user, roles: [...binding.roles] }));
  const ga4: NonNullable<GoogleSeed['ga4']> = {};
  for (const [id, property] of state.properties) {
    const account = property.account ? state.accounts.get(property.account) : undefined;
    ga4[id] = { ...(property.account ? { account: property.account } : {}), bindings: copy(property), ...(account ? { accountBindings: copy(account) } : {}) };
  }
  const groups: NonNullable<GoogleSeed['groups']> = {};
  for (const [address, group] of state.groups) groups[address] = [...group.members.values()].map((member) => ({ email: member.email, role: member.role }));
  const sharedDrives = Object.fromEntries([...state.files].flatMap(([fileId, file]) => (file.driveId ? [[fileId, file.driveId]] : [])));
  return { drive, ...(Object.keys(sharedDrives).length > 0 ? { sharedDrives } : {}), ga4, groups, ...(state.names.size > 0 ? { names: Object.fromEntries(state.names) } : {}) };
}
