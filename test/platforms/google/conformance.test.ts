import { describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { TOKEN, adapter, emulatorPerTest, recordedSleep, resource } from './helpers.js';

/**
 * Each documented Google behaviour Latch relies on, with the page that documents it, checked
 * against the emulator the adapter's tests run on: if the emulator drifts from the
 * documentation, this file says which behaviour and where to read it.
 */

const start = emulatorPerTest();

const AUTH = 'https://www.googleapis.com/auth/';

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A request to the emulator a behaviour runs against, with the token it was started with. */
type Call = (method: string, path: string, body?: unknown) => Promise<Answer>;

function callOn(google: GoogleEmulator): Call {
  return async (method, path, body) => {
    const response = await fetch(`${google.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
  };
}

interface Behaviour {
  behaviour: string;
  url: string;
  /** Scopes the emulated token carries; default every scope. */
  scopes?: string[];
  check(call: Call, google: GoogleEmulator): Promise<void>;
}

const scopeError = { error: { code: 403, status: 'PERMISSION_DENIED', errors: [{ reason: 'insufficientPermissions' }], details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }] } };

const BEHAVIOURS: Behaviour[] = [
  {
    behaviour: 'Drive permissions.list answers a `permissions` array, also when it is empty',
    url: 'https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/list',
    async check(call) {
      expect(await call('GET', '/drive/v3/files/EMPTY1/permissions?fields=permissions(id)&supportsAllDrives=true')).toMatchObject({ status: 200, body: { permissions: [] } });
    },
  },
  {
    behaviour: 'Drive files.get gives `driveId` only for shared drive items, which it finds only with supportsAllDrives=true',
    url: 'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get',
    async check(call) {
      expect((await call('GET', '/drive/v3/files/SHARED1?fields=id,driveId')).status).toBe(404);
      expect((await call('GET', '/drive/v3/files/SHARED1?fields=id,driveId&supportsAllDrives=true')).body).toMatchObject({ driveId: '0ADRIVE' });
      expect((await call('GET', '/drive/v3/files/FOLDER1?fields=id,driveId&supportsAllDrives=true')).body).not.toHaveProperty('driveId');
    },
  },
  {
    behaviour: 'organizer and fileOrganizer are shared drive roles: Drive refuses them on My Drive items',
    url: 'https://developers.google.com/workspace/drive/api/guides/ref-roles',
    async check(call) {
      const share = (fileId: string, role: string) => call('POST', `/drive/v3/files/${fileId}/permissions?supportsAllDrives=true`, { type: 'user', role, emailAddress: 'new@acme-agency.com' });
      expect((await share('FOLDER1', 'organizer')).status).toBe(400);
      expect((await share('FOLDER1', 'fileOrganizer')).status).toBe(400);
      expect((await share('SHARED1', 'organizer')).status).toBe(200);
    },
  },
  {
    behaviour: 'Drive permissions are inherited on shared drives, shown through permissionDetails',
    url: 'https://developers.google.com/workspace/drive/api/guides/manage-sharing',
    async check(call) {
      const answer = await call('GET', '/drive/v3/files/SHARED1/permissions?fields=permissions(id,permissionDetails)&supportsAllDrives=true');
      expect(JSON.stringify(answer.body)).toContain('"inheritedFrom":"0ADRIVE"');
    },
  },
  {
    behaviour: 'Analytics Admin properties.get needs analytics.readonly or analytics.edit (analytics.manage.users is not enough)',
    url: 'https://developers.google.com/analytics/devguides/config/admin/v1/rest/v1alpha/properties/get',
    scopes: [`${AUTH}analytics.manage.users`],
    async check(call) {
      expect(await call('GET', '/v1alpha/properties/123456789')).toMatchObject({ status: 403, body: scopeError });
      expect((await call('GET', '/v1alpha/properties/123456789/accessBindings')).status).toBe(200);
    },
  },
  {
    behaviour: 'Analytics Admin accessBindings.list takes analytics.manage.users.readonly; changing a binding needs analytics.manage.users',
    url: 'https://developers.google.com/analytics/devguides/config/admin/v1/rest/v1alpha/properties.accessBindings/list',
    scopes: [`${AUTH}analytics.manage.users.readonly`],
    async check(call) {
      expect((await call('GET', '/v1alpha/properties/123456789/accessBindings')).status).toBe(200);
      expect((await call('POST', '/v1alpha/properties/123456789/accessBindings', { user: 'new@acme-agency.com', roles: ['predefinedRoles/viewer'] })).status).toBe(403);
    },
  },
  {
    behaviour: 'Analytics Admin leaves an empty repeated field out of the answer (proto3 JSON)',
    url: 'https://developers.google.com/analytics/devguides/config/admin/v1/rest/v1alpha/properties.accessBindings/list',
    async check(call) {
      expect(await call('GET', '/v1alpha/properties/222/accessBindings')).toMatchObject({ status: 200 });
    },
  },
  {
    behaviour: 'Directory members.list answers kind admin#directory#members, leaving `members` out when there are none',
    url: 'https://developers.google.com/workspace/admin/directory/reference/rest/v1/members/list',
    async check(call) {
      expect((await call('GET', '/admin/directory/v1/groups/empty@acme-agency.com/members')).body).toEqual({ kind: 'admin#directory#members', etag: '"members"' });
    },
  },
  {
    behaviour: 'Directory members.list takes admin.directory.group.readonly; members.insert needs group or group.member',
    url: 'https://developers.google.com/workspace/admin/directory/v1/guides/authorizing',
    scopes: [`${AUTH}admin.directory.group.readonly`],
    async check(call) {
      expect((await call('GET', '/admin/directory/v1/groups/apex-team@acme-agency.com/members')).status).toBe(200);
      expect((await call('POST', '/admin/directory/v1/groups/apex-team@acme-agency.com/members', { email: 'new@acme-agency.com', role: 'MEMBER' })).status).toBe(403);
    },
  },
  {
    behaviour: 'A token without a scope the method accepts gets 403 with WWW-Authenticate error="insufficient_scope"',
    url: 'https://developers.google.com/identity/protocols/oauth2/scopes',
    scopes: [`${AUTH}drive.readonly`],
    async check(call) {
      const answer = await call('DELETE', '/drive/v3/files/FOLDER1/permissions/x');
      expect(answer).toMatchObject({ status: 403, body: scopeError });
      expect(answer.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    },
  },
  {
    behaviour: 'Drive answers 429 or 403 rateLimitExceeded/userRateLimitExceeded/sharingRateLimitExceeded/dailyLimitExceeded: retry with exponential backoff',
    url: 'https://developers.google.com/workspace/drive/api/guides/handle-errors',
    async check(_call, google) {
      for (const reason of ['sharingRateLimitExceeded', 'dailyLimitExceeded']) {
        google.switches.faults.push({ path: '/drive/v3/files/FOLDER1/permissions', status: 403, body: { error: { code: 403, message: 'Rate limit', errors: [{ reason, domain: 'usageLimits' }] } } });
      }
      const { waits, sleep } = recordedSleep();
      await expect(adapter(google, { sleep }).list(resource('drive-folder', 'FOLDER1'))).resolves.toHaveLength(6);
      expect(waits).toEqual([1, 2]);
    },
  },
];

describe('Google as documented', () => {
  it.each(BEHAVIOURS)('$behaviour ($url)', async ({ scopes, check }) => {
    const google = await start(scopes ? { scopes } : {});
    await check(callOn(google), google);
  });
});
