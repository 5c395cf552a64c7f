import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { googleError, invalid, isAnswer, pageOf } from './errors.js';
import { DRIVE_ROLE_ORDER, addPermission, type DriveFile, type DrivePermission, type DriveRole, type GoogleState } from './state.js';

/** Roles `permissions.create` and `update` accept without an ownership transfer. */
const GRANTABLE = ['organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'] as const satisfies readonly DriveRole[];

function grantable(role: unknown): DriveRole | undefined {
  return GRANTABLE.find((candidate) => candidate === role);
}
const BASE = '/drive/v3/files/:fileId/permissions';

function effectiveRole(permission: DrivePermission): DriveRole {
  const roles = [...permission.inherited.values(), ...(permission.direct ? [permission.direct] : [])];
  return DRIVE_ROLE_ORDER.find((role) => roles.includes(role)) ?? 'reader';
}

/** Shared drives report where each part of a permission comes from; My Drive items do not. */
function inSharedDrive(file: DriveFile): boolean {
  return file.driveId !== undefined;
}

/** Roles that exist only on shared drive items (Drive's roles reference). */
const SHARED_DRIVE_ROLES: ReadonlySet<DriveRole> = new Set(['organizer', 'fileOrganizer']);

function roleRefused(file: DriveFile, role: DriveRole): EmulatorResponse | undefined {
  if (inSharedDrive(file) || !SHARED_DRIVE_ROLES.has(role)) return undefined;
  return googleError(400, 'invalidSharingRequest', `Bad Request. User message: "The role ${role} is only supported for items in shared drives."`);
}

/**
 * `files.get`: the item's id, name and `driveId` (absent in My Drive). Without
 * `supportsAllDrives=true` Drive does not find shared drive items at all.
 */
function getFile(state: GoogleState, request: EmulatorRequest): EmulatorResponse {
  const fileId = request.params.fileId ?? '';
  const file = state.files.get(fileId);
  if (!file || (file.driveId && request.query.get('supportsAllDrives') !== 'true')) return fileNotFound(fileId);
  const body = { kind: 'drive#file', id: fileId, name: state.names.get(fileId) ?? fileId, mimeType: 'application/vnd.google-apps.folder' };
  return { status: 200, body: file.driveId ? { ...body, driveId: file.driveId } : body };
}

/**
 * A permission as Drive v3 shows it. Without a `fields` parameter Drive answers only
 * `kind,id,type,role`, which is how a client that forgets to ask for e-mails is caught.
 */
function render(permission: DrivePermission, sharedDrive: boolean, request: EmulatorRequest): Record<string, unknown> {
  const role = effectiveRole(permission);
  const base = { kind: 'drive#permission', id: permission.id, type: permission.type, role };
  if (!request.query.get('fields')) return base;
  const details = [
    ...(permission.direct ? [{ permissionType: 'file', role: permission.direct, inherited: false }] : []),
    ...[...permission.inherited].map(([from, inheritedRole]) => ({ permissionType: 'file', role: inheritedRole, inherited: true, inheritedFrom: from })),
  ];
  return {
    ...base,
    ...(permission.type === 'user' || permission.type === 'group' ? { emailAddress: permission.address, displayName: permission.address.split('@')[0] } : {}),
    ...(permission.type === 'domain' ? { domain: permission.address, displayName: permission.address } : {}),
    deleted: false,
    ...(sharedDrive && role !== 'owner' ? { permissionDetails: details } : {}),
  };
}

function fileNotFound(fileId: string): EmulatorResponse {
  return googleError(404, 'notFound', `File not found: ${fileId}.`);
}

function permissionNotFound(permissionId: string): EmulatorResponse {
  return googleError(404, 'notFound', `Permission not found: ${permissionId}.`);
}

interface PermissionBody {
  type?: unknown;
  role?: unknown;
  emailAddress?: unknown;
  domain?: unknown;
}

function bodyOf(request: EmulatorRequest): PermissionBody {
  return typeof request.body === 'object' && request.body !== null ? request.body : {};
}

function create(state: GoogleState, request: EmulatorRequest): EmulatorResponse {
  const fileId = request.params.fileId ?? '';
  const file = state.files.get(fileId);
  if (!file) return fileNotFound(fileId);
  const { type, role: rawRole, emailAddress, domain } = bodyOf(request);
  if (typeof rawRole !== 'string') return googleError(400, 'required', 'The permission role field is required.');
  if (rawRole === 'owner') return googleError(403, 'forbidden', 'The transferOwnership parameter must be enabled when the permission role is owner.');
  const role = grantable(rawRole);
  if (!role) return invalid(`The value of the field permission.role is invalid: ${rawRole}`);
  const refused = roleRefused(file, role);
  if (refused) return refused;
  let address: string;
  if (type === 'user' || type === 'group') {
    if (typeof emailAddress !== 'string' || !emailAddress.includes('@')) return googleError(400, 'invalidSharingRequest', 'Bad Request. User message: "A valid e-mail address is required."');
    address = emailAddress;
  } else if (type === 'domain') {
    if (typeof domain !== 'string') return googleError(400, 'required', 'The permission domain field is required.');
    address = `domain:${domain}`;
  } else if (type === 'anyone') {
    address = 'anyone';
  } else {
    return invalid(`The value of the field permission.type is invalid: ${String(type)}`);
  }
  // Sharing again with someone who already has direct access changes their role (an upsert).
  const permission = addPermission(state, fileId, { email: address, role, ...(type === 'group' ? { type } : {}) });
  return { status: 200, body: render(permission, inSharedDrive(file), request) };
}

function update(state: GoogleState, request: EmulatorRequest): EmulatorResponse {
  const { fileId = '', permissionId = '' } = request.params;
  const file = state.files.get(fileId);
  if (!file) return fileNotFound(fileId);
  const permission = file.permissions.get(permissionId);
  if (!permission) return permissionNotFound(permissionId);
  const role = grantable(bodyOf(request).role);
  if (!role) return invalid(`The value of the field permission.role is invalid: ${String(bodyOf(request).role)}`);
  if (permission.direct === 'owner') return googleError(403, 'invalidOwnershipTransfer', 'The owner of a file cannot be changed without transferOwnership.');
  if (!permission.direct) return googleError(403, 'cannotModifyInheritedPermission', 'An inherited permission can only be changed on the item it comes from.');
  const refused = roleRefused(file, role);
  if (refused) return refused;
  permission.direct = role;
  return { status: 200, body: render(permission, inSharedDrive(file), request) };
}

function remove(state: GoogleState, request: EmulatorRequest): EmulatorResponse {
  const { fileId = '', permissionId = '' } = request.params;
  const file = state.files.get(fileId);
  if (!file) return fileNotFound(fileId);
  const permission = file.permissions.get(permissionId);
  if (!permission) return permissionNotFound(permissionId);
  if (permission.direct === 'owner') return googleError(403, 'cannotRemoveOwner', 'The owner of a file cannot be removed.');
  if (!permission.direct) return googleError(403, 'cannotDeleteInheritedPermission', 'An inherited permission can only be removed on the item it comes from.');
  permission.direct = undefined;
  if (permission.inherited.size === 0) file.permissions.delete(permissionId);
  return { status: 204 };
}

/** Drive v3 permissions of files, folders and shared drives. */
export function addDriveRoutes(router: Router, state: GoogleState, maxPageSize: number): void {
  router.route('GET', '/drive/v3/files/:fileId', (request) => getFile(state, request));
  router.route('GET', BASE, (request) => {
    const fileId = request.params.fileId ?? '';
    const file = state.files.get(fileId);
    if (!file) return fileNotFound(fileId);
    const page = pageOf([...file.permissions.values()], request, 'pageSize', { size: 100, max: Math.min(100, maxPageSize) });
    if (isAnswer(page)) return page;
    const shared = inSharedDrive(file);
    const body = { kind: 'drive#permissionList', permissions: page.items.map((permission) => render(permission, shared, request)) };
    return { status: 200, body: page.nextPageToken ? { ...body, nextPageToken: page.nextPageToken } : body };
  });
  router.route('POST', BASE, (request) => create(state, request));
  router.route('GET', `${BASE}/:permissionId`, (request) => {
    const { fileId = '', permissionId = '' } = request.params;
    const file = state.files.get(fileId);
    if (!file) return fileNotFound(fileId);
    const permission = file.permissions.get(permissionId);
    return permission ? { status: 200, body: render(permission, inSharedDrive(file), request) } : permissionNotFound(permissionId);
  });
  router.route('PATCH', `${BASE}/:permissionId`, (request) => update(state, request));
  router.route('DELETE', `${BASE}/:permissionId`, (request) => remove(state, request));
}
