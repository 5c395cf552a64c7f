import type { EmulatorRequest, EmulatorResponse } from '../harness.js';

/**
 * The scopes each emulated method accepts, as its reference page lists them under
 * "Authorization scopes" (Drive v3, Analytics Admin v1alpha, Admin SDK Directory v1). Kept
 * apart from the adapter's own table on purpose: this one is what Google documents, that one
 * is what Latch asks for, and the tests hold the second to the first.
 */
const DRIVE_READ = ['drive', 'drive.file', 'drive.readonly', 'drive.metadata', 'drive.metadata.readonly', 'drive.photos.readonly', 'drive.meet.readonly'];
const DRIVE_WRITE = ['drive', 'drive.file'];
const GA4_READ = ['analytics.readonly', 'analytics.edit'];
const GA4_USERS_READ = ['analytics.manage.users', 'analytics.manage.users.readonly'];
const GA4_USERS_WRITE = ['analytics.manage.users'];
const MEMBERS_READ = ['admin.directory.group', 'admin.directory.group.readonly', 'admin.directory.group.member', 'admin.directory.group.member.readonly'];
const MEMBERS_WRITE = ['admin.directory.group', 'admin.directory.group.member'];
const GROUPS_READ = ['admin.directory.group', 'admin.directory.group.readonly'];

interface MethodScopes {
  method: string;
  path: RegExp;
  /** Google's name of the method, as the scope error's metadata gives it. */
  name: string;
  scopes: readonly string[];
}

const SEGMENT = '[^/]+';
const METHODS: readonly MethodScopes[] = [
  { method: 'GET', path: new RegExp(`^/drive/v3/files/${SEGMENT}/permissions(/${SEGMENT})?$`), name: 'google.apps.drive.v3.DrivePermissions.List', scopes: DRIVE_READ },
  { method: 'POST', path: new RegExp(`^/drive/v3/files/${SEGMENT}/permissions$`), name: 'google.apps.drive.v3.DrivePermissions.Create', scopes: DRIVE_WRITE },
  { method: 'PATCH', path: new RegExp(`^/drive/v3/files/${SEGMENT}/permissions/${SEGMENT}$`), name: 'google.apps.drive.v3.DrivePermissions.Update', scopes: DRIVE_WRITE },
  { method: 'DELETE', path: new RegExp(`^/drive/v3/files/${SEGMENT}/permissions/${SEGMENT}$`), name: 'google.apps.drive.v3.DrivePermissions.Delete', scopes: DRIVE_WRITE },
  { method: 'GET', path: new RegExp(`^/drive/v3/files(/${SEGMENT})?$`), name: 'google.apps.drive.v3.DriveFiles.Get', scopes: DRIVE_READ },
  { method: 'GET', path: new RegExp(`^/v1alpha/(properties|accounts)/${SEGMENT}/accessBindings(/${SEGMENT})?$`), name: 'google.analytics.admin.v1alpha.AnalyticsAdminService.ListAccessBindings', scopes: GA4_USERS_READ },
  { method: 'POST', path: /^\/v1alpha\/properties\/[^/]+\/accessBindings$/, name: 'google.analytics.admin.v1alpha.AnalyticsAdminService.CreateAccessBinding', scopes: GA4_USERS_WRITE },
  { method: 'PATCH', path: /^\/v1alpha\/properties\/[^/]+\/accessBindings\/[^/]+$/, name: 'google.analytics.admin.v1alpha.AnalyticsAdminService.UpdateAccessBinding', scopes: GA4_USERS_WRITE },
  { method: 'DELETE', path: /^\/v1alpha\/properties\/[^/]+\/accessBindings\/[^/]+$/, name: 'google.analytics.admin.v1alpha.AnalyticsAdminService.DeleteAccessBinding', scopes: GA4_USERS_WRITE },
  { method: 'GET', path: /^\/v1alpha\/(properties\/[^/]+|accountSummaries)$/, name: 'google.analytics.admin.v1alpha.AnalyticsAdminService.GetProperty', scopes: GA4_READ },
  { method: 'GET', path: /^\/admin\/directory\/v1\/groups\/[^/]+\/members(\/[^/]+)?$/, name: 'ccc.hosted.frontend.directory.v1.DirectoryMembers.List', scopes: MEMBERS_READ },
  { method: 'POST', path: /^\/admin\/directory\/v1\/groups\/[^/]+\/members$/, name: 'ccc.hosted.frontend.directory.v1.DirectoryMembers.Insert', scopes: MEMBERS_WRITE },
  { method: 'PATCH', path: /^\/admin\/directory\/v1\/groups\/[^/]+\/members\/[^/]+$/, name: 'ccc.hosted.frontend.directory.v1.DirectoryMembers.Patch', scopes: MEMBERS_WRITE },
  { method: 'DELETE', path: /^\/admin\/directory\/v1\/groups\/[^/]+\/members\/[^/]+$/, name: 'ccc.hosted.frontend.directory.v1.DirectoryMembers.Delete', scopes: MEMBERS_WRITE },
  { method: 'GET', path: /^\/admin\/directory\/v1\/groups$/, name: 'ccc.hosted.frontend.directory.v1.DirectoryGroups.List', scopes: GROUPS_READ },
];

const AUTH = 'https://www.googleapis.com/auth/';

/**
 * Google's answer to a token without any scope the method accepts: 403 with the classic
 * `insufficientPermissions` reason, the `ACCESS_TOKEN_SCOPE_INSUFFICIENT` ErrorInfo, and a
 * `WWW-Authenticate: ... error="insufficient_scope"` header.
 */
export function checkScopes(granted: ReadonlySet<string>, request: EmulatorRequest): EmulatorResponse | undefined {
  const method = METHODS.find((candidate) => candidate.method === request.method && candidate.path.test(request.path));
  if (!method || method.scopes.some((scope) => granted.has(`${AUTH}${scope}`))) return undefined;
  const message = 'Request had insufficient authentication scopes.';
  return {
    status: 403,
    headers: { 'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${method.scopes.map((scope) => `${AUTH}${scope}`).join(' ')}"` },
    body: {
      error: {
        code: 403,
        message,
        errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com', metadata: { method: method.name } }],
      },
    },
  };
}
