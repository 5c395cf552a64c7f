import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from './cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from './workspace.js';

const TOKEN = 'ghs_planCacheTestToken0000000000000000';

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN });
  repo = await workspace({ ...(await examplePolicies()), ...GITHUB_CLIENTS });
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const env = (extra: NodeJS.ProcessEnv = {}) => ({ GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10', ...extra });

async function coreUsed(): Promise<number> {
  const answer = await fetch(`${github.url}/rate_limit`, { headers: { authorization: `token ${TOKEN}` } });
  return ((await answer.json()) as { resources: { core: { used: number } } }).resources.core.used;
}

async function plan(args: string[], extra?: NodeJS.ProcessEnv) {
  const from = github.requests.length;
  const run = await runLatch(['plan', '--format', 'json', ...args], { cwd: repo.dir, env: env(extra) });
  expect(run.stderr).toBe('');
  const sent = github.requests.slice(from);
  return { run, requests: sent.filter((request) => request.method === 'GET'), queries: sent.filter((request) => request.path === '/graphql').length };
}

describe('latch plan with a read cache, against the emulated GitHub', () => {
  it('plans the same the second time, from 304s that cost no rate-limit points', async () => {
    const first = await plan([], { LATCH_CACHE_DIR: '.latch-cache' });
    expect(first.run.code).toBe(2);
    expect(first.requests.length).toBeGreaterThan(0);
    expect(first.requests.every((request) => request.status === 200)).toBe(true);

    const before = await coreUsed();
    const second = await plan(['--cache-dir', join(repo.dir, '.latch-cache')]);
    // GraphQL has no validators; every REST read was free.
    expect((await coreUsed()) - before).toBeLessThanOrEqual(second.queries);
    expect(second.run.stdout).toBe(first.run.stdout);
    expect(second.requests.map((request) => `${request.path}${request.query} ${request.status}`).sort()).toEqual(
      first.requests.map((request) => `${request.path}${request.query} 304`).sort(),
    );

    const area = join(repo.dir, '.latch-cache', 'http-v1');
    for (const name of await readdir(area)) expect(await readFile(join(area, name), 'utf8')).not.toContain(TOKEN);
  });
});
