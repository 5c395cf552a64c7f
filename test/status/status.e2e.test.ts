import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

const TOKEN = 'ghs_statusTestToken000000000000000000';

interface StatusJson {
  clients: { client: string; status: string; attention: string[]; waiting: string[]; invitations: { principal: string; ageDays?: number }[] }[];
  organisation: string[];
}

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  const seed = structuredClone(DEMO_GITHUB);
  // Without the former client's repository, nothing outside the clients is left once applied.
  delete seed.repos['acme-agency/zephyr-legacy'];
  github = await startGithubEmulator({ seed, token: TOKEN });
  repo = await workspace({ ...(await examplePolicies()), ...GITHUB_CLIENTS });
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const latch = (args: string[]) =>
  runLatch(args, { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10' } });

async function status(extra: string[] = []): Promise<{ code: number | null; json: StatusJson }> {
  const run = await latch(['status', '--format', 'json', ...extra]);
  expect(run.stderr).toBe('');
  return { code: run.code, json: JSON.parse(run.stdout) as StatusJson };
}

function statuses(json: StatusJson): Record<string, string> {
  return Object.fromEntries(json.clients.map((client) => [client.client, client.status]));
}

describe('latch status against the emulated GitHub', () => {
  it('moves from needs attention, through onboarding, to healthy, reading each resource once', async () => {
    const before = await status();
    expect(before.code).toBe(2);
    expect(statuses(before.json)).toEqual({ apex: 'needs-attention', bloom: 'needs-attention', cobalt: 'healthy' });
    expect(before.json.clients.find((client) => client.client === 'apex')?.attention).toEqual(['4 changes to apply (3 update, 1 revoke)']);
    expect(before.json.organisation).toEqual(['github: outside collaborator zoe-zephyr is not declared by any client']);
    const reads = github.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/repos/acme-agency/apex-web/'));
    expect(reads.map((request) => request.path)).toEqual(['/repos/acme-agency/apex-web/invitations']);

    const apply = await latch(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);

    const waiting = await status();
    expect(waiting.code).toBe(0);
    expect(statuses(waiting.json)).toEqual({ apex: 'onboarding', bloom: 'onboarding', cobalt: 'healthy' });
    const apex = waiting.json.clients.find((client) => client.client === 'apex');
    expect(apex?.waiting).toEqual(['1 invitation not accepted yet (sam-apex on acme-agency/apex-api, 3 days old)']);
    expect(waiting.json.organisation).toEqual([]);

    const text = await latch(['status']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Client status on 2026-11-23: 3 clients: 1 healthy, 2 onboarding, 0 needs attention.');
    expect(text.stdout).toMatch(/^apex {4}onboarding {2}1 invitation not accepted yet \(sam-apex on acme-agency\/apex-api, 3 days old\)$/m);

    github.acceptInvitations('sam-apex');
    github.acceptInvitations('leo-bloom');
    const settled = await status();
    expect(settled.code).toBe(0);
    expect(statuses(settled.json)).toEqual({ apex: 'healthy', bloom: 'healthy', cobalt: 'healthy' });
  });

  it('flags a client whose last apply failed, from the audit log', async () => {
    const record = { at: '2026-11-22T10:00:00Z', status: 'failed', detail: 'github apply: 422', change: { action: 'grant', client: 'cobalt', kind: 'github-repo', resource: 'acme-agency/cobalt-portal', principal: 'ken-cobalt', from: null, to: 'push' } };
    await repo.write({ 'audit/latch.jsonl': `${JSON.stringify(record)}\n` });
    const { code, json } = await status(['--audit-log', 'audit/latch.jsonl']);
    expect(code).toBe(2);
    expect(json.clients.find((client) => client.client === 'cobalt')?.attention).toEqual(['1 change failed to apply (last 2026-11-22)']);
  });

  it('exits 1 when the repository does not validate', async () => {
    await repo.write({ 'clients/cobalt.yaml': 'client: cobalt\nname: Cobalt\npeople:\n  ken: { email: not-an-address }\n' });
    const run = await latch(['status']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('clients/cobalt.yaml:4');
  });
});
