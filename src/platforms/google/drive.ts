import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import { levelRank, type Level } from '../../model/kinds.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { googleCall, isStatus, type CallSpec } from './call.js';
import type { GoogleApi } from './client.js';
import { PLATFORM, driveLevel, driveLevelRefusal, driveRole, type DriveLocation } from './levels.js';
import { collectPages } from './paging.js';
import { DriveItem, Permission, PermissionList } from './schema.js';

/** How permissions are listed, one by one or in a batch: the largest page, and only the fields read. */
export const PERMISSIONS_PAGE_SIZE = 100;
export const PERMISSION_FIELDS = 'nextPageToken,permissions(id,type,role,emailAddress,domain,permissionDetails,deleted)';
/** How `files.get` is asked where an item lives. */
export const LOCATION_FIELDS = 'id,driveId';
/** What Latch reads of a permission it created or changed; built once, as zod compiles a schema on its first use. */
const Written = Permission.pick({ id: true });

export function permissionsPath(fileId: string): string {
  return `drive/v3/files/${fileId}/permissions`;
}

/**
 * Every permission of one file or folder, all pages from `startToken` on (the first page
 * without one). Returns the complete list or throws.
 */
export async function listPermissions(api: GoogleApi, fileId: string, operation: string, startToken?: string): Promise<Permission[]> {
  return collectPages(api, {
    spec: { operation, what: `GET ${permissionsPath(fileId)}`, method: 'GET' },
    page: PermissionList,
    fetch: (pageToken) => api.drive.permissions.list({ fileId, supportsAllDrives: true, pageSize: PERMISSIONS_PAGE_SIZE, pageToken, fields: PERMISSION_FIELDS }),
    items: (page) => page.permissions,
    next: (page) => page.nextPageToken,
    startToken,
  });
}

/**
 * The identity of a permission. Users and groups are their e-mail (lower-cased); a
 * deleted account without one is `<type>:<id>`. Link sharing is `domain:<domain>` or
 * `anyone`: no client file can declare those, so Latch revokes them on managed folders.
 */
function principalOf(permission: Permission, what: string): string {
  switch (permission.type) {
    case 'user':
    case 'group':
      return permission.emailAddress ? permission.emailAddress.toLowerCase() : `${permission.type}:${permission.id}`;
    case 'domain':
      if (!permission.domain) throw new PlatformError(PLATFORM, 'list', `${what}: domain permission ${permission.id} names no domain`);
      return `domain:${permission.domain.toLowerCase()}`;
    case 'anyone':
      return 'anyone';
    default:
      throw new PlatformError(PLATFORM, 'list', `${what}: permission ${permission.id} has unknown type "${permission.type}"`);
  }
}

function levelOf(role: string, permission: Permission, what: string): Level {
  const level = driveLevel(role);
  if (!level) throw new PlatformError(PLATFORM, 'list', `${what}: permission ${permission.id} has unknown role "${role}"`);
  return level;
}

function higher(a: Level | undefined, b: Level): Level {
  return a === undefined || levelRank('drive-folder', b) > levelRank('drive-folder', a) ? b : a;
}

/**
 * One permission as grants: the owner (never changed), the part set on this item
 * (changeable through the permission id), and each part inherited from a parent, which
 * can only be changed where it comes from.
 */
export function grantsOfPermission(permission: Permission, what: string): ActualGrant[] {
  const principal = principalOf(permission, what);
  if (permission.role === 'owner') return [{ principal, level: levelOf('owner', permission, what), owner: true, handle: permission.id }];
  const details = permission.permissionDetails ?? [];
  if (details.length === 0) return [{ principal, level: levelOf(permission.role, permission, what), handle: permission.id }];

  let direct: Level | undefined;
  const inherited = new Map<string, Level>();
  for (const detail of details) {
    const level = levelOf(detail.role ?? permission.role, permission, what);
    if (!detail.inherited) {
      direct = higher(direct, level);
      continue;
    }
    const from = detail.inheritedFrom ?? 'a parent folder';
    inherited.set(from, higher(inherited.get(from), level));
  }
  const grants: ActualGrant[] = [];
  if (direct !== undefined) grants.push({ principal, level: direct, handle: permission.id });
  for (const [from, level] of inherited) grants.push({ principal, level, inheritedFrom: from });
  return grants;
}

/**
 * Whether an item is in a shared drive (`driveId` set) or a My Drive, read once per run:
 * the roles Drive accepts differ.
 */
async function locate(api: GoogleApi, fileId: string, operation: string): Promise<DriveLocation> {
  const known = api.drives.get(fileId);
  if (known) return known;
  const spec: CallSpec = { operation, what: `GET drive/v3/files/${fileId}`, method: 'GET' };
  const item = await googleCall(api, spec, DriveItem, () => api.drive.files.get({ fileId, supportsAllDrives: true, fields: LOCATION_FIELDS }));
  return remember(api, fileId, item);
}

/** Keeps where an item lives for the rest of the run. */
export function remember(api: GoogleApi, fileId: string, item: DriveItem): DriveLocation {
  const location: DriveLocation = item.driveId ? 'shared-drive' : 'my-drive';
  api.drives.set(fileId, location);
  return location;
}

/** The Drive role of `level`; only a level some drives lack needs to know where the item is. */
async function roleFor(api: GoogleApi, fileId: string, level: Level, operation: string): Promise<string> {
  const location = driveLevelRefusal(level, 'my-drive') ? await locate(api, fileId, operation) : 'my-drive';
  return driveRole(level, location, operation);
}

/** Where a listed item lives, as far as this run has read it: the plan refuses levels it cannot have. */
export function knownLocation(api: GoogleApi, fileId: string): DriveLocation | undefined {
  return api.drives.get(fileId);
}

/** The grants of one item's complete permission list, by principal. */
export function grantsOfPermissions(fileId: string, permissions: readonly Permission[]): ActualGrant[] {
  const what = `GET ${permissionsPath(fileId)}`;
  return permissions.flatMap((permission) => grantsOfPermission(permission, what)).sort((a, b) => a.principal.localeCompare(b.principal));
}

/** Every grant on one Drive file or folder, one call at a time. Returns the complete list or throws. */
export async function listDriveGrants(api: GoogleApi, fileId: string): Promise<ActualGrant[]> {
  const permissions = await listPermissions(api, fileId, 'list');
  await locate(api, fileId, 'list');
  return grantsOfPermissions(fileId, permissions);
}

/** The id of the permission set on this item for a principal, looked up when a change carries none. */
async function findPermissionId(api: GoogleApi, fileId: string, principal: string, operation: string): Promise<string | undefined> {
  const what = `GET ${permissionsPath(fileId)}`;
  for (const permission of await listPermissions(api, fileId, operation)) {
    if (permission.role === 'owner') continue;
    const direct = grantsOfPermission(permission, what).some((grant) => grant.handle !== undefined && grant.principal === principal);
    if (direct) return permission.id;
  }
  return undefined;
}

/** Runs a call on a permission that may have gone since the plan; a 404 resolves `false`. */
async function unlessGone(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (isStatus(error, 404)) return false;
    throw error;
  }
}

function emailOf(change: Change): string {
  if (!change.principal.includes('@') || change.principal.includes(':')) {
    throw new PlatformError(PLATFORM, change.action, `Drive shares with people by e-mail; "${change.principal}" is not one`);
  }
  return change.principal;
}

async function share(api: GoogleApi, fileId: string, change: Change, level: Level): Promise<ApplyOutcome> {
  const spec: CallSpec = { operation: change.action, what: `POST ${permissionsPath(fileId)}`, method: 'POST' };
  const requestBody = { type: 'user', role: await roleFor(api, fileId, level, change.action), emailAddress: emailOf(change) };
  await googleCall(api, spec, Written, () =>
    api.drive.permissions.create({ fileId, supportsAllDrives: true, sendNotificationEmail: api.notify, fields: 'id,type,role', requestBody }),
  );
  return { status: 'applied', detail: api.notify ? 'shared; Drive e-mailed the person' : 'shared without a notification e-mail' };
}

async function changeRole(api: GoogleApi, fileId: string, change: Change & { to: Level }): Promise<ApplyOutcome> {
  const role = await roleFor(api, fileId, change.to, change.action);
  const permissionId = change.handle ?? (await findPermissionId(api, fileId, change.principal, change.action));
  if (permissionId === undefined) return share(api, fileId, change, change.to);
  const spec: CallSpec = { operation: change.action, what: `PATCH ${permissionsPath(fileId)}/${permissionId}`, method: 'PATCH' };
  const changed = await unlessGone(() =>
    googleCall(api, spec, Written, () =>
      api.drive.permissions.update({ fileId, permissionId, supportsAllDrives: true, fields: 'id,role', requestBody: { role } }),
    ),
  );
  // Unshared by hand since the plan was made: share again at the planned level.
  return changed ? { status: 'applied' } : share(api, fileId, change, change.to);
}

async function unshare(api: GoogleApi, fileId: string, change: Change): Promise<ApplyOutcome> {
  const permissionId = change.handle ?? (await findPermissionId(api, fileId, change.principal, change.action));
  if (permissionId === undefined) return { status: 'unchanged', detail: 'not shared with them any more' };
  const spec: CallSpec = { operation: change.action, what: `DELETE ${permissionsPath(fileId)}/${permissionId}`, method: 'DELETE' };
  const removed = await unlessGone(() =>
    googleCall(api, spec, z.unknown(), () => api.drive.permissions.delete({ fileId, permissionId, supportsAllDrives: true }), false),
  );
  return removed ? { status: 'applied' } : { status: 'unchanged', detail: 'not shared with them any more' };
}

/** Carries out one change on a Drive file or folder; writes to one file run one at a time. */
export function applyDriveChange(api: GoogleApi, fileId: string, change: Change): Promise<ApplyOutcome> {
  return api.queue.run(`drive:${fileId}`, () => {
    if (change.action === 'revoke') return unshare(api, fileId, change);
    if (change.action === 'grant') return share(api, fileId, change, change.to);
    return changeRole(api, fileId, change);
  });
}
