import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

const TOKEN = 'ghs_watchTestToken000000000000000000000';

interface Watch {
  client: string;
  state: string;
  offboardedOn: string;
  verifiedCleanOn?: string;
  reappeared: { principal: string; level: string; resource: string }[];
}

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN });
  repo = await workspace({}, { git: true });
  await repo.commit('Access as code', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-10-01T10:00:00Z');
  await repo.commit('Offboard Cobalt', { 'clients/cobalt.yaml': null }, '2026-11-10T16:00:00Z');
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const latch = (args: string[], today = '2026-11-23') =>
  runLatch(args, { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10', LATCH_TODAY: today } });

async function driftJson(today?: string): Promise<{ code: number | null; changes: { action: string; principal: string; resource: string; reason: string }[]; watched?: Watch[] }> {
  const run = await latch(['drift', '--format', 'json'], today);
  return { code: run.code, ...(JSON.parse(run.stdout) as { changes: { action: string; principal: string; resource: string; reason: string }[]; watched?: Watch[] }) };
}

describe('an offboarded client stays watched', () => {
  it('finds access that reappears, revokes it, then verifies the client clean', async () => {
    const before = await driftJson();
    expect(before.code).toBe(2);
    const portal = before.changes.filter((change) => change.resource === 'acme-agency/cobalt-portal');
    expect(portal.map((change) => `${change.action} ${change.principal}: ${change.reason}`).sort()).toEqual([
      'revoke ken-cobalt: offboarded client cobalt: ken-cobalt regained push on acme-agency/cobalt-portal',
      'revoke tom-acme: offboarded client cobalt: tom-acme regained admin on acme-agency/cobalt-portal',
    ]);
    expect(before.watched?.map((watch) => [watch.client, watch.state, watch.offboardedOn])).toEqual([['cobalt', 'reappeared', '2026-11-10']]);
    const attention = await latch(['status']);
    expect(attention.code).toBe(2);
    expect(attention.stdout).toContain('cobalt  needs attention: offboarded on 2026-11-10, access reappeared: ken-cobalt push on acme-agency/cobalt-portal');

    const apply = await latch(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const clean = await latch(['status']);
    expect(clean.stdout).toContain('cobalt  offboarded on 2026-11-10, verified clean on 2026-11-23 (watched until 2026-12-10)');

    github.addCollaboratorByHand('acme-agency/cobalt-portal', 'ken-cobalt', 'push');
    const drift = await latch(['drift', '--format', 'markdown']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('`cobalt`: offboarded on 2026-11-10, access reappeared: ken-cobalt push on acme-agency/cobalt-portal');
    // Five runs of the real CLI one after another: more than a loaded machine does in the default minute.
  }, 240_000);

  it('reads an unreadable resource of a watched client as unread, never clean', async () => {
    github.switches.faults.push({ method: 'GET', path: '/repos/acme-agency/cobalt-portal/', status: 500, times: 100 });
    const drift = await driftJson();
    expect(drift.code).toBe(1);
    expect(drift.watched?.map((watch) => watch.state)).toEqual(['unread']);
    const status = await latch(['status']);
    expect(status.stdout).toContain('cobalt  needs attention: offboarded on 2026-11-10, not verified');
  });

  it('stops reading the resources once the watch is over', async () => {
    const drift = await driftJson('2026-12-11');
    expect(drift.watched).toBeUndefined();
    expect(github.requests.filter((request) => request.path.startsWith('/repos/acme-agency/cobalt-portal/'))).toEqual([]);
  });
});
