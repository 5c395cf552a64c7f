import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from './cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from './workspace.js';

const TOKEN = 'ghs_lastApplyTestToken000000000000000';
const BLOOM = GITHUB_CLIENTS['clients/bloom.yaml'] ?? '';
const REFUSAL = 'Must have admin rights to Repository.';

interface JsonPlan {
  changes: { action: string; principal: string }[];
  lastApply?: { failed: { action: string; client: string | null; kind: string; resource: string; principal: string; from: string | null; to: string | null; pr: number | null; detail: string }[]; unreadable?: string };
  invalidBase?: { base: string; file: string; line: number; message: string; errors: number };
}

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN });
  repo = await workspace({}, { git: true });
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const latch = (args: string[]) =>
  runLatch(args, { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10' } });

describe('latch plan and the changes the last apply failed', () => {
  it('lists a change the last apply could not make, with the platform’s answer, until an apply makes it', async () => {
    await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
    const log = join(repo.dir, 'audit.jsonl');
    // Ken is Cobalt's, not Bloom's: the plan revokes his push on bloom-site; GitHub refuses this token (REST: "Remove a repository collaborator", 403).
    github.switches.faults.push({ method: 'DELETE', path: '/repos/acme-agency/bloom-site/collaborators/ken-cobalt', status: 403, body: { message: REFUSAL } });
    const failing = await latch(['apply', '--yes', '--audit-log', log]);
    expect(failing.code, failing.stdout + failing.stderr).toBe(1);

    const text = await latch(['plan', '--audit-log', log]);
    expect(text.code, text.stderr).toBe(2);
    const [, section = ''] = text.stdout.split('Failed at the last apply, planned again (1):\n');
    expect(section.split('\n')[0]).toMatch(/^ {2}bloom +revoke ken-cobalt push on acme-agency\/bloom-site \(github-repo\) +\d{4}-\d{2}-\d{2} +.*403 Must have admin rights to Repository\.$/);
    const json = JSON.parse((await latch(['plan', '--format', 'json', '--audit-log', log])).stdout) as JsonPlan;
    expect(json.lastApply?.failed).toEqual([
      expect.objectContaining({ action: 'revoke', client: 'bloom', kind: 'github-repo', resource: 'acme-agency/bloom-site', principal: 'ken-cobalt', from: 'push', to: null, pr: null }),
    ]);
    expect(json.lastApply?.failed[0]?.detail).toContain(REFUSAL);
    expect(json.changes.some((change) => change.principal === 'ken-cobalt')).toBe(true);

    const fixed = await latch(['apply', '--yes', '--audit-log', log]);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    const after = await latch(['plan', '--format', 'json', '--audit-log', log]);
    expect((JSON.parse(after.stdout) as JsonPlan).lastApply).toBeUndefined();
  });

  it('shows no credential of the environment a recorded answer quotes', async () => {
    await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
    const change = { action: 'revoke', client: 'bloom', kind: 'github-repo', resource: 'acme-agency/bloom-site', principal: 'ken-cobalt', from: 'push', to: null, reason: 'x' };
    const record = { at: '2026-11-20T10:00:00.000Z', trigger: 'cli', pr: null, status: 'failed', detail: `401 Bad credentials for ${TOKEN}`, change };
    await repo.write({ 'audit.jsonl': `${JSON.stringify(record)}\n` });
    const text = await latch(['plan', '--audit-log', join(repo.dir, 'audit.jsonl')]);
    expect(text.stdout).toMatch(/revoke ken-cobalt push on acme-agency\/bloom-site \(github-repo\) +2026-11-20 +401 Bad credentials for \[redacted\]/);
    expect(text.stdout).not.toContain(TOKEN);
  });

  it('plans against a base whose files do not validate, naming its first error, and offboards nothing', async () => {
    const broken = BLOOM.replace(/role: client-admin/, 'role: client-boss');
    await repo.commit('A role that does not exist', { ...(await examplePolicies()), ...GITHUB_CLIENTS, 'clients/bloom.yaml': broken }, '2026-11-01T09:00:00Z');
    await repo.git(['checkout', '-q', '-b', 'fix']);
    const line = broken.split('\n').findIndex((text) => text.includes('client-boss')) + 1;
    await repo.commit('Fix the role; Cobalt leaves', { 'clients/bloom.yaml': BLOOM, 'clients/cobalt.yaml': null }, '2026-11-02T09:00:00Z');

    const text = await latch(['plan', '--base', 'main']);
    // Cobalt's file is gone but the files before its deletion do not load: what it had cannot be verified, so the plan is incomplete.
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/cobalt +offboarded on \d{4}-\d{2}-\d{2}, not verified/);
    expect(text.stdout).toContain(`The files at the base main do not validate (clients/bloom.yaml:${line}: `);
    expect(text.stdout).toContain('offboarding (client files deleted since the base) are unavailable for this run');
    const json = JSON.parse((await latch(['plan', '--base', 'main', '--format', 'json'])).stdout) as JsonPlan & { offboarding?: unknown[] };
    expect(json.invalidBase).toEqual(expect.objectContaining({ base: 'main', file: 'clients/bloom.yaml', line, errors: 1 }));
    expect(json.offboarding).toEqual([]);

    // Broken files at the head still stop the plan, whatever the base.
    await repo.write({ 'clients/bloom.yaml': broken });
    const invalid = await latch(['plan', '--base', 'main']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('client-boss');
  });
});
