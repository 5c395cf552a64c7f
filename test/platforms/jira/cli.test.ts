import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JiraEmulator } from '../../../src/emulators/jira/index.js';
import { runLatch } from '../../e2e/cli-harness.js';
import { EMAIL, TOKEN, start, useEmulator } from './helpers.js';

/** A small repository of its own: the plan of the example repository is tested elsewhere. */
const FILES: Record<string, string> = {
  'policies/roles.yaml': `roles:
  client-admin: { description: Client lead, side: client, levels: { jira-project: administrator } }
  client-member: { description: Client engineer, side: client, levels: { jira-project: member } }
  agency-lead: { description: Runs the account, side: agency, levels: { jira-project: administrator } }
`,
  'policies/guardrails.yaml': 'agencyDomains: [acme-agency.com]\nmassRevoke: { maxCount: 25, maxShare: 1 }\nneverTouch: []\n',
  'policies/platforms.yaml': 'jira: { site: "https://acme.atlassian.net", roles: { viewer: Viewer, member: Member, administrator: Administrators } }\n',
  'clients/apex.yaml': `client: apex
name: Apex Outdoor Co.
domains: [apexoutdoor.com]
owners: [maria]
resources:
  tracker: { kind: jira-project, ref: APEX }
people:
  maria: { email: maria@acme-agency.com, role: agency-lead }
  dana: { email: dana@apexoutdoor.com, role: client-member }
  sam: { email: sam@apexoutdoor.com, role: client-member }
`,
};

interface JsonChange {
  action: string;
  resource: string;
  principal: string;
  from: string | null;
  to: string | null;
}

useEmulator();

let dir: string;
let emulator: JiraEmulator;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latch-jira-'));
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const latch = (args: string[]) => runLatch(args, { cwd: dir, env: { LATCH_JIRA_API_URL: emulator.url, LATCH_JIRA_EMAIL: EMAIL, LATCH_JIRA_TOKEN: TOKEN, LATCH_RETRY_BASE_MS: '1' } });

// Each test runs the CLI several times; a loaded machine needs more than the default 20 s.
describe('latch against the emulated Jira site', { timeout: 120_000 }, () => {
  it('plans, applies, then finds nothing left to do on the managed project; a group stays as it is', async () => {
    emulator = await start();
    const plan = await latch(['plan', '--format', 'json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    const changes = (JSON.parse(plan.stdout) as { changes: JsonChange[] }).changes;
    expect(changes.map((c) => `${c.action} ${c.resource} ${c.principal} ${c.from}->${c.to}`).sort()).toEqual([
      'grant APEX sam@apexoutdoor.com null->member',
      'revoke APEX jira-account:acc-ghost member->null',
      'update APEX dana@apexoutdoor.com viewer->member',
    ]);

    const apply = await latch(['apply', '--yes']);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Applied 3');
    expect(emulator.snapshot().APEX).toMatchObject({
      Administrators: { users: ['acc-maria'] },
      Member: { users: ['acc-dana', 'acc-maria', 'acc-sam'], groups: ['apex-devs'] },
    });

    const again = await latch(['plan']);
    expect(again.stdout).toContain('No changes');
    expect(again.stdout).toContain('jira-group:apex-devs has member on APEX inherited from Jira group apex-devs (role Member)');
    expect(`${plan.stdout}${apply.stdout}${again.stdout}${again.stderr}`).not.toContain(TOKEN);
  });

  it("asks the client in Jira's own words for a project it administers, and never writes to it", async () => {
    emulator = await start();
    const file = join(dir, 'clients/apex.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('ref: APEX }', 'ref: APEX, mode: verify }'));
    const request = await latch(['request', 'apex']);
    expect(request.code).toBe(2);
    expect(request.stdout).toContain('Give sam@apexoutdoor.com member on Jira project APEX.');
    expect(request.stdout).toContain('Change dana@apexoutdoor.com from viewer to member on Jira project APEX.');
    expect(request.stdout).toContain('In Jira, open project APEX, then Project settings → People (Access in a team-managed project).');
    expect(request.stdout).toContain('Click Add people, enter sam@apexoutdoor.com, choose the role Member, then Add.');
    expect(request.stdout).toContain('Jira project APEX: maria@acme-agency.com has administrator (Administrators).');
    expect(emulator.requests.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('reports an unreadable project and plans nothing for it', async () => {
    emulator = await start({ administers: [] });
    const plan = await latch(['plan', '--format', 'json']);
    expect(plan.code).toBe(1);
    const parsed = JSON.parse(plan.stdout) as { changes: JsonChange[]; unread: { resource: string; error: string }[] };
    expect(parsed.changes).toEqual([]);
    expect(parsed.unread.map((u) => u.resource)).toContain('APEX');
  });

  it('imports the projects the account administers into files that validate', async () => {
    emulator = await start({ maxPageSize: 1 });
    await rm(join(dir, 'clients'), { recursive: true });
    const run = await latch(['import', '--platform', 'jira', '--group-by', 'prefix']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const report = await readFile(join(dir, 'imported', 'IMPORT-REPORT.md'), 'utf8');
    expect(report).toContain('Jira site');
    // Two projects the account administers, one per page.
    const search = emulator.requests.filter((call) => call.path.endsWith('/project/search'));
    expect(search.map((call) => new URLSearchParams(call.query).get('startAt'))).toEqual(['0', '1']);
    expect(search.every((call) => new URLSearchParams(call.query).get('action') === 'edit')).toBe(true);
  });
});
