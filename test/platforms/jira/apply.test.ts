import { describe, expect, it } from 'vitest';
import { jiraFactory } from '../../../src/platforms/jira/index.js';
import { adapter, context, failure, grant, project, revoke, start, update, useEmulator } from './helpers.js';

useEmulator();

function writes(requests: readonly { method: string; path: string; query: string }[]): string[] {
  return requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}${request.query}`);
}

describe('changing a project', () => {
  it('grants by finding the account by e-mail, then adds it to the role', async () => {
    const emulator = await start();
    expect(await adapter(emulator).apply(grant('Sam@ApexOutdoor.com', 'member'))).toEqual({ status: 'applied' });
    expect(emulator.snapshot().APEX?.Member?.users).toEqual(['acc-ghost', 'acc-maria', 'acc-sam']);
    const search = emulator.requests.find((request) => request.path.endsWith('/user/search'));
    expect(new URLSearchParams(search?.query).get('query')).toBe('sam@apexoutdoor.com');
    expect(writes(emulator.requests)).toEqual(['POST /rest/api/3/project/APEX/role/10001']);
  });

  it('picks the account whose e-mail is exactly the one asked for, not one it is the start of', async () => {
    const emulator = await start();
    await adapter(emulator).apply(grant('sam@apexoutdoor.com', 'viewer'));
    expect(emulator.snapshot().APEX?.Viewer?.users).toEqual(['acc-dana', 'acc-sam']);
  });

  it('is idempotent: a grant or revoke the project already reflects changes nothing', async () => {
    const emulator = await start();
    const jira = adapter(emulator);
    expect(await jira.apply(grant('sam@apexoutdoor.com', 'viewer'))).toEqual({ status: 'applied' });
    expect(await jira.apply(grant('sam@apexoutdoor.com', 'viewer'))).toEqual({ status: 'unchanged' });
    expect(await jira.apply(revoke('dana@apexoutdoor.com', 'viewer', 'acc-dana'))).toEqual({ status: 'applied' });
    expect(await jira.apply(revoke('dana@apexoutdoor.com', 'viewer', 'acc-dana'))).toEqual({ status: 'unchanged' });
    expect(writes(emulator.requests)).toHaveLength(2);
  });

  it("reads a project's roles once for all its changes in a run, and changes them from that reading", async () => {
    const emulator = await start();
    const jira = adapter(emulator);
    await jira.apply(grant('sam@apexoutdoor.com', 'viewer'));
    await jira.apply(update('dana@apexoutdoor.com', 'viewer', 'administrator', 'acc-dana'));
    await jira.apply(revoke('maria@acme-agency.com', 'administrator', 'acc-maria'));
    const roleReads = emulator.requests.filter((request) => request.method === 'GET' && request.path.includes('/project/APEX/role'));
    // The project's role list and its three managed roles, read by the first change only.
    expect(roleReads).toHaveLength(4);
    expect(await jira.apply(grant('sam@apexoutdoor.com', 'viewer'))).toEqual({ status: 'unchanged' });
    const members = Object.fromEntries((await jira.list(project())).map((entry) => [entry.principal, entry.level]));
    expect(members).toMatchObject({ 'sam@apexoutdoor.com': 'viewer', 'dana@apexoutdoor.com': 'administrator' });
    expect(members['maria@acme-agency.com']).toBeUndefined();
  });

  it('raises by adding the new role first, then removing the old one', async () => {
    const emulator = await start();
    expect(await adapter(emulator).apply(update('dana@apexoutdoor.com', 'viewer', 'administrator', 'acc-dana'))).toEqual({ status: 'applied' });
    expect(writes(emulator.requests)).toEqual(['POST /rest/api/3/project/APEX/role/10002', 'DELETE /rest/api/3/project/APEX/role/10000?user=acc-dana']);
    expect(emulator.snapshot().APEX?.Viewer?.users ?? []).toEqual([]);
  });

  it('lowers someone in several roles to exactly the one asked for', async () => {
    const emulator = await start();
    // maria is in Administrators and Member: lowering to member only removes Administrators.
    expect(await adapter(emulator).apply(update('maria@acme-agency.com', 'administrator', 'member', 'acc-maria'))).toEqual({ status: 'applied' });
    expect(writes(emulator.requests)).toEqual(['DELETE /rest/api/3/project/APEX/role/10002?user=acc-maria']);
    expect(emulator.snapshot().APEX?.Member?.users).toContain('acc-maria');
  });

  it('revokes every managed role of the person, and leaves roles that are not Latch\'s', async () => {
    const emulator = await start();
    emulator.addByHand('APEX', 'atlassian-addons-project-access', 'acc-maria');
    expect(await adapter(emulator).apply(revoke('maria@acme-agency.com', 'administrator'))).toEqual({ status: 'applied' });
    expect(writes(emulator.requests)).toEqual(['DELETE /rest/api/3/project/APEX/role/10001?user=acc-maria', 'DELETE /rest/api/3/project/APEX/role/10002?user=acc-maria']);
    expect(emulator.snapshot().APEX?.['atlassian-addons-project-access']?.users).toContain('acc-maria');
  });

  it('revokes an account whose e-mail Jira hides by its account id', async () => {
    const emulator = await start();
    expect(await adapter(emulator).apply(revoke('jira-account:acc-ghost', 'member'))).toEqual({ status: 'applied' });
    expect(emulator.snapshot().APEX?.Member?.users).toEqual(['acc-maria']);
  });

  it.each(['viewer', 'member', 'administrator'])('writes %s so that it reads back as itself', async (level) => {
    const emulator = await start();
    const jira = adapter(emulator);
    await jira.apply(grant('sam@apexoutdoor.com', level));
    expect((await jira.list(project())).find((entry) => entry.principal === 'sam@apexoutdoor.com')).toEqual({ principal: 'sam@apexoutdoor.com', level, handle: 'acc-sam' });
  });

  it.each([
    ['an account that hides its e-mail', 'tom@acme-agency.com', {}],
    ['someone who is not a user of the site', 'nobody@acme-agency.com', {}],
    ['an account without Browse users and groups', 'sam@apexoutdoor.com', { browseUsers: false }],
  ])('refuses to guess %s', async (_what, email, options) => {
    const emulator = await start(options);
    const error = await failure(adapter(emulator).apply(grant(email, 'member')));
    expect(error.message).toMatch(`no Jira user shows the e-mail ${email}: invite them to the site first`);
    expect(writes(emulator.requests)).toEqual([]);
  });

  it('never changes a group as if it were a person', async () => {
    const emulator = await start();
    await expect(adapter(emulator).apply(revoke('jira-group:apex-devs', 'member'))).rejects.toThrow(/is a group: change it in Jira/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses a level no role is named for', async () => {
    const emulator = await start();
    const config = { jira: { site: 'https://acme.atlassian.net', roles: { administrator: 'Administrators' } } };
    const jira = jiraFactory.create(context({ LATCH_JIRA_API_URL: emulator.url, LATCH_RETRY_BASE_MS: '1' }, config));
    await expect(jira.apply(grant('sam@apexoutdoor.com', 'viewer'))).rejects.toThrow('no project role gives viewer: name one under jira.roles.viewer in policies/platforms.yaml');
    expect(writes(emulator.requests)).toEqual([]);
  });

  it('reports a write Jira refuses, naming the project and role', async () => {
    const emulator = await start({ switches: { faults: [{ method: 'POST', path: '/role/10001', status: 400, body: { errorMessages: ['Something went wrong.'], errors: {} } }] } });
    const error = await failure(adapter(emulator).apply(grant('sam@apexoutdoor.com', 'member')));
    expect(error).toMatchObject({ operation: 'grant', status: 400, retryable: false });
    expect(error.message).toBe('jira grant: POST /rest/api/3/project/APEX/role/10001: Something went wrong.');
  });
});
