import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { generateHistory, generateSeed, renderClient, generateClients, type Scale } from './scale.js';
import { examplePolicies, workspace, type Workspace } from '../e2e/workspace.js';

/** "Hundreds of clients and a long git history": 300 clients, 900 resources, 1,002 commits. */
const SCALE: Scale = { clients: 300, commits: 1000, agency: 40 };
/**
 * Each command's time is printed, never asserted (a shared machine is noisy): speed is the
 * benchmark's to measure. Measured alone on 2 cores: 1-2 s for the git and file commands,
 * 7-12 s for status and import (the emulator serves ~3,000 requests from this process).
 */
const TIMEOUT_MS = 90_000;
const TOKEN = 'ghs_scaleTestToken0000000000000000000';

let repo: Workspace;
let github: GithubEmulator;
const timings: string[] = [];

beforeAll(async () => {
  repo = await workspace({}, { git: true });
  await generateHistory(repo.dir, SCALE, await examplePolicies());
  await repo.git(['reset', '-q', '--hard', 'main']);
  github = await startGithubEmulator({ seed: generateSeed(SCALE), token: TOKEN });
}, 120_000);

afterAll(async () => {
  await github.close();
  await repo.remove();
  // The numbers the README quotes.
  console.log(`governance commands at ${SCALE.clients} clients, ${SCALE.commits + 2} commits:\n  ${timings.join('\n  ')}`);
});

async function timed(label: string, args: string[], cwd = repo.dir) {
  const started = performance.now();
  const run = await runLatch(args, { cwd, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' } });
  const elapsed = performance.now() - started;
  timings.push(`${label}: ${Math.round(elapsed)} ms`);
  return run;
}

describe(`governance commands on ${SCALE.clients} clients and ${SCALE.commits} commits`, () => {
  it('has the history it claims', async () => {
    expect(Number((await repo.git(['rev-list', '--count', 'HEAD'])).trim())).toBe(SCALE.commits + 2);
  }, TIMEOUT_MS);

  it('checks a delegate pull request against a base one commit back, and against the first commit', async () => {
    const [client] = generateClients(SCALE);
    if (!client) throw new Error('no client generated');
    await repo.write({ [`clients/${client.slug}.yaml`]: renderClient(client, 1) });
    const small = await timed('validate --author (one file changed)', ['validate', '--author', `${client.slug}-admin`, '--base', 'HEAD']);
    expect(small.code, small.stderr).toBe(0);
    const first = (await repo.git(['rev-list', '--max-parents=0', 'HEAD'])).trim();
    const all = await timed('validate --author (every file changed since the first commit)', ['validate', '--author', `${client.slug}-admin`, '--base', first]);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`Author ${client.slug}-admin is a delegate of ${client.slug}: ${SCALE.clients - 1} parts of the change`);
    const agency = await timed('validate --author agency (every file changed)', ['validate', '--author', 'staff00-acme', '--base', first]);
    expect(agency.code).toBe(0);
    await repo.git(['checkout', '-q', '--', '.']);
  }, TIMEOUT_MS);

  it('writes every review checklist and CODEOWNERS', async () => {
    const review = await timed('review --out', ['review', '--out', 'reviews']);
    expect(review.code, review.stderr).toBe(0);
    expect(await readdir(join(repo.dir, 'reviews'))).toHaveLength(SCALE.clients);
    const codeowners = await timed('codeowners', ['codeowners']);
    expect(codeowners.stdout.split('\n').filter((line) => line.startsWith('/clients/'))).toHaveLength(SCALE.clients);
  }, TIMEOUT_MS);

  it('gives the status of every client from one read per resource', async () => {
    const before = github.requests.length;
    const status = await timed('status', ['status', '--format', 'json']);
    expect(status.code, status.stderr).toBe(0);
    const json = JSON.parse(status.stdout) as { clients: { status: string }[] };
    expect(json.clients.filter((client) => client.status === 'healthy')).toHaveLength(SCALE.clients);
    const listCalls = github.requests.slice(before).filter((request) => /\/(collaborators|invitations|members)$/.test(request.path) && !request.path.startsWith('/orgs/acme-agency/members'));
    // Two lists per repository and per team (team members by role plus invitations), one page each.
    expect(listCalls.length).toBeLessThanOrEqual(SCALE.clients * 3 * 2 + SCALE.clients);
  }, TIMEOUT_MS);

  it('imports the whole organisation into files that validate', async () => {
    const empty = await workspace(await examplePolicies());
    try {
      const imported = await timed('import --platform github', ['import', '--platform', 'github'], empty.dir);
      expect(imported.code, imported.stderr).toBe(0);
      expect(await readdir(join(empty.dir, 'imported', 'clients'))).toHaveLength(SCALE.clients);
      const imported001 = await empty.read('imported/clients/c001.yaml');
      expect(imported001).toContain('  c001-admin: { email: admin@c001.example, github: c001-admin, role: client-contributor }');
    } finally {
      await empty.remove();
    }
  }, TIMEOUT_MS);
});
