import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

const TOKEN = 'ghs_revokeTestToken00000000000000000000';

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN, conversations: { repositories: { 'acme-agency/access': {} } } });
  repo = await workspace({}, { git: true });
  await repo.commit('Access as code', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-02T10:00:00Z');
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const env = (extra: NodeJS.ProcessEnv = {}) => ({ GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10', ...extra });
const latch = (args: string[], extra?: NodeJS.ProcessEnv) => runLatch(args, { cwd: repo.dir, env: env(extra) });

function collaborators(repository: string): Record<string, string> {
  return github.snapshot().repos[repository]?.collaborators ?? {};
}

async function auditLines(): Promise<Record<string, unknown>[]> {
  const files = (await repo.git(['ls-tree', '-r', '--name-only', 'latch-audit'])).split('\n').filter(Boolean);
  const lines: Record<string, unknown>[] = [];
  for (const file of files) {
    for (const line of (await repo.git(['show', `latch-audit:${file}`])).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  return lines;
}

/** The unified diff revoke printed, from its first `--- a/` line. */
function patchOf(stdout: string): string {
  const start = stdout.indexOf('--- a/');
  const end = stdout.indexOf('Pull request #');
  return stdout.slice(start, end < 0 ? undefined : end);
}

describe('latch revoke', () => {
  it('removes a person everywhere, declared and by hand, keeps emergency records, and prints a change that applies', async () => {
    const run = await latch(['revoke', 'ken@cobaltfreight.com', '--everywhere', '--reason', 'laptop stolen', '--yes', '--by', 'maria']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('- revoke push github-repo acme-agency/cobalt-portal ken-cobalt');
    expect(run.stdout).toContain('- revoke push github-repo acme-agency/bloom-site ken-cobalt');
    expect(collaborators('acme-agency/cobalt-portal')).not.toHaveProperty('ken-cobalt');
    expect(collaborators('acme-agency/bloom-site')).not.toHaveProperty('ken-cobalt');
    expect(collaborators('acme-agency/cobalt-portal')).toHaveProperty('tom-acme', 'admin');

    const records = await auditLines();
    expect(records.map((record) => [record.status, (record.change as { resource: string }).resource]).sort()).toEqual([
      ['applied', 'acme-agency/bloom-site'],
      ['applied', 'acme-agency/cobalt-portal'],
    ]);
    expect(records.every((record) => JSON.stringify(record.emergency) === JSON.stringify({ reason: 'laptop stolen', by: 'maria' }))).toBe(true);
    expect(JSON.stringify(records)).not.toContain(TOKEN);

    await repo.write({ 'ken.patch': patchOf(run.stdout) });
    await repo.git(['apply', '--check', 'ken.patch']);
    await repo.git(['apply', 'ken.patch']);
    await repo.write({ 'ken.patch': null });
    expect(await repo.read('clients/cobalt.yaml')).not.toContain('ken');
    expect(await repo.read('clients/cobalt.yaml')).toContain('  tom: { email: tom@acme-agency.com, github: tom-acme, role: agency-lead }');
    const validate = await latch(['validate']);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
  });

  it('holds the re-grant while the files still declare it, and lets go once they do not', async () => {
    const run = await latch(['revoke', 'ken-cobalt', '--everywhere', '--reason', 'phished', '--yes', '--by', 'maria']);
    expect(run.code, run.stderr).toBe(0);
    const plan = await latch(['plan', '--format', 'json']);
    const parsed = JSON.parse(plan.stdout) as { changes: { action: string; principal: string }[]; emergencies?: { person: string; reason: string; resources: string[] }[] };
    expect(parsed.changes.filter((change) => change.principal === 'ken-cobalt')).toEqual([]);
    expect(parsed.emergencies).toEqual([expect.objectContaining({ person: 'ken-cobalt', reason: 'phished', by: 'maria', resources: ['github-repo acme-agency/cobalt-portal'] })]);
    const drift = await latch(['drift']);
    expect(drift.stdout).toMatch(/ken-cobalt: revoked in an emergency on \d{4}-\d{2}-\d{2}, files not yet updated \(phished; by maria/);

    await repo.write({ 'ken.patch': patchOf(run.stdout) });
    await repo.git(['apply', 'ken.patch']);
    await repo.commit('Remove ken', { 'ken.patch': null }, '2026-11-23T12:00:00Z');
    const after = await latch(['drift']);
    expect(after.stdout).not.toContain('revoked in an emergency');
    expect(after.stdout).not.toContain('ken-cobalt');
    // Four runs of the real CLI one after another: more than a loaded machine does in the default minute.
  }, 240_000);

  it('keeps to one client, or one resource', async () => {
    const client = await latch(['revoke', 'tom', '--client', 'apex', '--reason', 'token leaked', '--yes', '--by', 'maria']);
    expect(client.code, client.stderr).toBe(0);
    expect(collaborators('acme-agency/apex-web')).not.toHaveProperty('tom-acme');
    expect(collaborators('acme-agency/apex-api')).not.toHaveProperty('tom-acme');
    expect(collaborators('acme-agency/cobalt-portal')).toHaveProperty('tom-acme', 'admin');
    expect(patchOf(client.stdout)).toContain('--- a/clients/apex.yaml');
    expect(patchOf(client.stdout)).not.toContain('cobalt.yaml');

    const one = await latch(['revoke', 'ken-cobalt', '--resource', 'github-repo:acme-agency/bloom-site', '--reason', 'not theirs', '--yes', '--by', 'maria']);
    expect(one.code, one.stderr).toBe(0);
    expect(collaborators('acme-agency/bloom-site')).not.toHaveProperty('ken-cobalt');
    expect(collaborators('acme-agency/cobalt-portal')).toHaveProperty('ken-cobalt', 'push');
  });

  it('refuses without a terminal unless --yes, and changes nothing', async () => {
    const run = await latch(['revoke', 'ken-cobalt', '--everywhere', '--reason', 'phished', '--by', 'maria']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pass --yes');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(collaborators('acme-agency/cobalt-portal')).toHaveProperty('ken-cobalt', 'push');
    expect(github.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
  });

  it('reports a platform failure on one change and carries out the others', async () => {
    github.switches.faults.push({ method: 'DELETE', path: '/repos/acme-agency/bloom-site/collaborators/ken-cobalt', status: 500, times: 50 });
    const run = await latch(['revoke', 'ken-cobalt', '--everywhere', '--reason', 'phished', '--yes', '--by', 'maria']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ failed +revoke github-repo acme-agency\/bloom-site ken-cobalt/);
    expect(run.stderr).toContain('1 of 2 revocations failed');
    expect(collaborators('acme-agency/cobalt-portal')).not.toHaveProperty('ken-cobalt');
    const records = await auditLines();
    expect(records.map((record) => record.status).sort()).toEqual(['applied', 'failed']);
  });

  it('opens a pull request with the change to the files', async () => {
    const run = await latch(['revoke', 'ken-cobalt', '--everywhere', '--reason', 'phished', '--yes', '--by', 'maria', '--pr'], { GITHUB_REPOSITORY: 'acme-agency/access' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Pull request #1 opened: https:\/\/github.com\/acme-agency\/access\/pull\/1/);
    const [pull] = github.conversations.issues('acme-agency/access');
    expect(pull?.title).toBe('Remove ken-cobalt: revoked in an emergency on 2026-11-23');
    const files = github.git.files('acme-agency/access', 'latch-revoke-ken-cobalt-2026-11-23');
    expect(files?.get('clients/cobalt.yaml')).toBe((await repo.read('clients/cobalt.yaml')).replace(/^ {2}ken: .*\n/m, ''));
    expect(files?.get('README.md')).toBe('# acme-agency/access\n');
  });
});
