import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../../src/emulators/harness.js';
import type { JiraEmulator } from '../../../src/emulators/jira/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { context, project, start, useEmulator } from './helpers.js';

/**
 * What Atlassian documents and Latch relies on (Jira Cloud platform REST API v3):
 *
 * - `GET /rest/api/3/project/{projectIdOrKey}/role` maps each role name to its URL, ending in
 *   the role id; 404 when the project is not found or the account does not administer it.
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-role-get
 * - `GET …/role/{id}` returns the role with all its actors, `atlassian-user-role-actor` with
 *   `actorUser.accountId` and `atlassian-group-role-actor` with `actorGroup`, sorted by display
 *   name, not paged; Administer Projects is needed.
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-role-id-get
 * - `POST …/role/{id}` with `{"user": [accountId]}` adds actors; `DELETE …/role/{id}?user=`
 *   removes one (204).
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-role-actors/
 * - `GET /rest/api/3/user/bulk` pages users of given account ids (`startAt`, `maxResults`,
 *   `isLast`); `emailAddress` may be left out by the user's privacy settings.
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
 *   https://developer.atlassian.com/cloud/jira/platform/profile-visibility/
 * - `GET /rest/api/3/user/search?query=` matches the prefix of a display name or e-mail; without
 *   Browse users and groups it answers an empty list.
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
 * - Errors are `{"errorMessages": [...], "errors": {...}}`; throttling is 429 with `Retry-After`
 *   (seconds) and `X-RateLimit-Reset`.
 *   https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */

useEmulator();

async function readProject(emulator: JiraEmulator, env: NodeJS.ProcessEnv = {}) {
  const adapters = new AdapterSet(context({ LATCH_JIRA_API_URL: emulator.url, LATCH_RETRY_BASE_MS: '1', ...env }));
  const [reading] = await readActual([project()], adapters, { concurrency: 2, logger: pino({ level: 'silent' }) });
  return reading && !reading.ok ? reading.error : 'read';
}

describe('jira conformance: a list is used only when positively complete', () => {
  it.each<[string, string, Omit<Fault, 'path'>, RegExp]>([
    ['an HTML page for the roles', '/project/APEX/role', { status: 200, raw: '<html><body>Atlassian is down</body></html>' }, /GET \/rest\/api\/3\/project\/APEX\/role: malformed response: an HTML page/],
    ['an empty body for a role', '/role/10001', { status: 200, raw: '' }, /role\/10001: malformed response: an empty body/],
    ['truncated JSON for a role', '/role/10001', { status: 200, raw: '{"id":10001,"name":"Member","actors":[{"type":"atl', headers: { 'content-type': 'application/json' } }, /malformed response: text that is not JSON/],
    ['a role without its actors', '/role/10002', { status: 200, body: { id: 10002, name: 'Administrators' } }, /role\/10002: malformed response at actors/],
    ['a user actor without its account', '/role/10000', { status: 200, body: { id: 10000, name: 'Viewer', actors: [{ type: 'atlassian-user-role-actor', displayName: 'Dana' }] } }, /actor Dana of type atlassian-user-role-actor without the user or group/],
    ['an actor type Latch does not know', '/role/10000', { status: 200, body: { id: 10000, name: 'Viewer', actors: [{ type: 'atlassian-team-role-actor', displayName: 'Team' }] } }, /of type atlassian-team-role-actor/],
    ['a user page without isLast', '/user/bulk', { status: 200, body: { startAt: 0, maxResults: 50, values: [] } }, /user\/bulk: malformed response at isLast/],
    ['an error body for the users', '/user/bulk', { status: 503, body: { errorMessages: ['Service Unavailable'], errors: {} }, times: 9 }, /user\/bulk: Service Unavailable/],
  ])('leaves the project unread on %s, changing nothing', async (_what, path, fault, message) => {
    const emulator = await start({ switches: { faults: [{ method: 'GET', path, ...fault }] } });
    const before = emulator.snapshot();
    expect(await readProject(emulator)).toMatch(message);
    expect(emulator.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(emulator.snapshot()).toEqual(before);
  });

  it('gives up on a hung role after one retry, naming the project and the timeout', async () => {
    const emulator = await start({ switches: { faults: [{ method: 'GET', path: '/role/10000', status: 200, body: { id: 10000, name: 'Viewer', actors: [] }, hangMs: 1500, times: 3 }] } });
    expect(await readProject(emulator, { LATCH_HTTP_TIMEOUT_MS: '200' })).toMatch(/GET \/rest\/api\/3\/project\/APEX\/role\/10000: timed out after 0\.2 s/);
  });
});
