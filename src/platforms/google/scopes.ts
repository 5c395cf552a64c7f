/**
 * The OAuth scope Latch asks for to make each Google call, in one table: the credentials
 * request exactly these, and a test holds the README and the workflows to the same lists.
 * Each scope is one the method's reference page lists under "Authorization scopes".
 */

const AUTH = 'https://www.googleapis.com/auth/';

/** Reading (plan, drift, import) asks only for read-only scopes. */
const READ_CALLS = {
  'drive.files.get': 'drive.readonly',
  'drive.files.list': 'drive.readonly',
  'drive.permissions.list': 'drive.readonly',
  'analyticsadmin.properties.get': 'analytics.readonly',
  'analyticsadmin.accountSummaries.list': 'analytics.readonly',
  'analyticsadmin.properties.accessBindings.list': 'analytics.manage.users.readonly',
  'analyticsadmin.accounts.accessBindings.list': 'analytics.manage.users.readonly',
  // `group.readonly` covers both the members of a group and the customer's groups (import).
  'admin.members.list': 'admin.directory.group.readonly',
  'admin.groups.list': 'admin.directory.group.readonly',
} as const;

/** Applying asks for the write scopes; the reads an apply makes on the way are covered by them. */
const WRITE_CALLS = {
  'drive.files.get': 'drive',
  'drive.permissions.list': 'drive',
  'drive.permissions.create': 'drive',
  'drive.permissions.update': 'drive',
  'drive.permissions.delete': 'drive',
  'analyticsadmin.properties.accessBindings.list': 'analytics.manage.users',
  'analyticsadmin.properties.accessBindings.get': 'analytics.manage.users',
  'analyticsadmin.properties.accessBindings.create': 'analytics.manage.users',
  'analyticsadmin.properties.accessBindings.patch': 'analytics.manage.users',
  'analyticsadmin.properties.accessBindings.delete': 'analytics.manage.users',
  'admin.members.get': 'admin.directory.group.member',
  'admin.members.insert': 'admin.directory.group.member',
  'admin.members.patch': 'admin.directory.group.member',
  'admin.members.delete': 'admin.directory.group.member',
} as const;

/** Which credential a call runs with: reading a resource, or changing it. */
export type Access = 'read' | 'write';

export const CALL_SCOPES: { readonly [access in Access]: Readonly<Record<string, string>> } = { read: READ_CALLS, write: WRITE_CALLS };

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Full scope URLs one credential asks for. */
export function scopesFor(access: Access): string[] {
  return unique(Object.values(CALL_SCOPES[access]).map((scope) => `${AUTH}${scope}`));
}

/**
 * What each command asks for. A token minted outside Latch (`LATCH_GOOGLE_ACCESS_TOKEN`) is
 * used for the whole run, so the one for `apply` and `drift`, which read before they write,
 * needs both.
 */
export const COMMAND_SCOPES = {
  plan: scopesFor('read'),
  import: scopesFor('read'),
  apply: unique([...scopesFor('read'), ...scopesFor('write')]),
  // The drift run revokes grants whose end date has passed (`revoke-expired`), so it writes too.
  drift: unique([...scopesFor('read'), ...scopesFor('write')]),
} as const;

/** Every scope any command asks for: what domain-wide delegation must allow, no more. */
export const DELEGATED_SCOPES: readonly string[] = COMMAND_SCOPES.apply;
