import { describe, expect, it } from 'vitest';
import { jiraFactory } from '../../../src/platforms/jira/index.js';
import { CONFIG, EMAIL, TOKEN, adapter, context, failure, project, recordingSleep, start, useEmulator } from './helpers.js';

useEmulator();

const APEX = [
  { principal: 'dana@apexoutdoor.com', level: 'viewer', handle: 'acc-dana' },
  { principal: 'jira-account:acc-ghost', level: 'member', handle: 'acc-ghost' },
  { principal: 'jira-group:apex-devs', level: 'member', inheritedFrom: 'Jira group apex-devs (role Member)' },
  { principal: 'maria@acme-agency.com', level: 'administrator', handle: 'acc-maria' },
];

function bulkStarts(requests: readonly { path: string; query: string }[]): string[] {
  return requests.filter((request) => request.path.endsWith('/user/bulk')).map((request) => new URLSearchParams(request.query).get('startAt') ?? '');
}

describe('jira factory', () => {
  it('declares its kind', () => {
    expect(jiraFactory).toMatchObject({ id: 'jira', kinds: ['jira-project'] });
  });

  it.each([
    ['LATCH_JIRA_EMAIL', { LATCH_JIRA_EMAIL: undefined }, CONFIG],
    ['LATCH_JIRA_TOKEN', { LATCH_JIRA_TOKEN: undefined }, CONFIG],
    ['jira.site', {}, {}],
    ['jira.roles', { LATCH_JIRA_API_URL: 'http://127.0.0.1:9' }, {}],
  ])('names %s when it is missing', (name, env, config) => {
    expect(() => jiraFactory.create(context(env, config))).toThrow(name);
  });

  it.each(['apex', 'A', 'APEX-1', 'TOOLONGKEY11'])('refuses the reference "%s" before any call', async (ref) => {
    const emulator = await start();
    await expect(adapter(emulator).list(project(ref))).rejects.toThrow(/not a Jira project key/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('listing a project', () => {
  it('lists the managed roles by e-mail, the highest role as level, groups as inherited, other roles not at all', async () => {
    const emulator = await start();
    expect(await adapter(emulator).list(project())).toEqual(APEX);
    expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /rest/api/3/project/APEX/role',
      'GET /rest/api/3/project/APEX/role/10000',
      'GET /rest/api/3/project/APEX/role/10001',
      'GET /rest/api/3/project/APEX/role/10002',
      'GET /rest/api/3/user/bulk',
    ]);
    expect(emulator.requests.every((request) => request.authorization === `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`)).toBe(true);
  });

  it('pages the users with startAt until isLast', async () => {
    const emulator = await start({ maxPageSize: 20 });
    const jira = adapter(emulator);
    const grants = await jira.list(project('BIG'));
    expect(grants).toHaveLength(120);
    expect(grants[0]).toEqual({ principal: 'v000@viewers.example', level: 'viewer', handle: 'acc-v000' });
    // 50 account ids per request (50, 50, 20), each answered 20 at a time.
    expect(bulkStarts(emulator.requests)).toEqual(['0', '20', '40', '0', '20', '40', '0']);
    expect(jira.calls).toEqual({ reads: 11, writes: 0 });
  });

  it.each([
    ['a project the account does not administer', 'SECRET'],
    ['a project the site does not have', 'NOPE'],
  ])('reports %s as not found or not administered', async (_what, ref) => {
    const emulator = await start();
    const error = await failure(adapter(emulator).list(project(ref)));
    expect(error).toMatchObject({ platform: 'jira', operation: 'list', status: 404, retryable: false });
    expect(error.message).toContain(`GET /rest/api/3/project/${ref}/role: not found, or the account lacks Administer Projects on it (Jira answers 404 for both) (No project could be found with key '${ref}'.)`);
  });

  it('names the variables when the credentials are refused, never showing the token', async () => {
    const emulator = await start({ token: 'ATATTtheTokenTheSiteWants' });
    const error = await failure(adapter(emulator).list(project()));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toMatch(/LATCH_JIRA_EMAIL and LATCH_JIRA_TOKEN were refused/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('reports a permission the account lacks', async () => {
    const emulator = await start({ switches: { faults: [{ path: '/user/bulk', status: 403, body: { errorMessages: ['You do not have permission to access Jira.'], errors: {} } }] } });
    const error = await failure(adapter(emulator).list(project()));
    expect(error).toMatchObject({ status: 403 });
    expect(error.message).toMatch(/lacks the permission this needs \(You do not have permission to access Jira\.\)/);
  });

  it('waits out a 429 as Retry-After says, then goes on', async () => {
    const emulator = await start({ switches: { rateLimit: { every: 2, retryAfterSeconds: 2 } } });
    const { waits, sleep } = recordingSleep();
    expect(await adapter(emulator, { sleep }).list(project())).toEqual(APEX);
    // Every second request is throttled: each of the five reads after the first waited once.
    expect(waits).toEqual([2000, 2000, 2000, 2000]);
  });

  it('fails retryably when Jira asks to wait longer than Latch waits', async () => {
    const emulator = await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 3600 } } });
    const error = await failure(adapter(emulator).list(project()));
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(error.message).toMatch(/asks to wait 3600 s/);
  });

  it('fails closed when a page half-way through fails', async () => {
    const emulator = await start({ maxPageSize: 20, switches: { faults: [{ path: '/user/bulk', after: 2, status: 500, times: 9 }] } });
    await expect(adapter(emulator).list(project('BIG'))).rejects.toThrow(/GET \/rest\/api\/3\/user\/bulk: injected failure|HTTP 500/);
  });

  it('fails closed when the second role fails', async () => {
    const emulator = await start({ switches: { faults: [{ path: '/role/10001', status: 400, body: { errorMessages: ['bad role'], errors: {} } }] } });
    await expect(adapter(emulator).list(project())).rejects.toThrow(/GET \/rest\/api\/3\/project\/APEX\/role\/10001: bad role/);
  });

  it('makes the project unread when a named role is not on the site, listing the roles it has', async () => {
    const emulator = await start();
    const config = { jira: { site: 'https://acme.atlassian.net', roles: { viewer: 'Viewers', administrator: 'Administrators' } } };
    const jira = jiraFactory.create(context({ LATCH_JIRA_API_URL: emulator.url }, config));
    await expect(jira.list(project())).rejects.toThrow('the site has no project role "Viewers" (jira.roles.viewer in policies/platforms.yaml); its roles: Administrators, Member, Viewer, atlassian-addons-project-access');
  });
});
