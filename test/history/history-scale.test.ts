import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import type { AccessRegister } from '../../src/history/register.js';
import { loadRepository } from '../../src/load/load.js';
import { runLatch } from '../e2e/cli-harness.js';
import { SCALE, generateHistory } from './generate-history.js';
import { createGitRepo, type TempGitRepo } from './git-repo.js';

const TODAY = '2026-11-23';

let repo: TempGitRepo;
let commits: number;

beforeAll(async () => {
  repo = await createGitRepo();
  commits = await generateHistory(repo.dir, SCALE, (args) => repo.git(args));
}, 120_000);

afterAll(async () => {
  await repo.remove();
});

describe(`history of ${SCALE.clients} clients and ${SCALE.changes + 1} commits`, () => {
  it('builds the register (its time printed), and its current rows are exactly what HEAD asks for', async () => {
    const started = performance.now();
    const result = await runLatch(['register', '--format', 'json'], { cwd: repo.dir, env: { LATCH_TODAY: TODAY } });
    const elapsed = Math.round(performance.now() - started);
    expect(result.code, result.stderr).toBe(0);
    const register = JSON.parse(result.stdout) as AccessRegister;
    console.info(`latch register: ${SCALE.clients} clients, ${register.commits} commits, ${register.rows.length} rows in ${elapsed} ms`);
    expect(register.commits).toBe(commits);
    expect(register.warnings).toEqual([]);

    const statuses = new Set(register.rows.map((row) => row.status));
    expect([...statuses].sort()).toEqual(['changed', 'current', 'ended', 'expired']);
    expect(register.rows.some((row) => row.mergedBy === 'Priya Shah' && row.grantedBy === 'Carla Diaz')).toBe(true);

    const { repository } = await loadRepository(repo.dir, { today: TODAY });
    const desired = expandDesired(repository, TODAY).grants.map((grant) => `${grant.client} ${grant.kind} ${grant.resource} ${grant.principal} ${grant.level}`);
    const current = register.rows.filter((row) => row.status === 'current').map((row) => `${row.client} ${row.kind} ${row.resource} ${row.principal} ${row.level}`);
    expect(current.sort()).toEqual(desired.sort());
  }, 60_000);

  it('answers who for an agency person across the clients (its time printed)', async () => {
    const started = performance.now();
    const result = await runLatch(['who', 'agent3-acme', '--format', 'json'], { cwd: repo.dir, env: { LATCH_TODAY: TODAY } });
    const elapsed = Math.round(performance.now() - started);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { access: { because: { origin?: { commit?: string } }[] }[] };
    console.info(`latch who: ${report.access.length} grants with their commits in ${elapsed} ms`);
    expect(report.access.length).toBeGreaterThan(0);
    expect(report.access.every((grant) => grant.because.every((source) => source.origin?.commit !== undefined))).toBe(true);
  }, 60_000);
});
