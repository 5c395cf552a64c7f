import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/emulators/harness.js';
import { runLatch } from './cli-harness.js';
import { githubWorkspacePerTest } from './github-workspace.js';

const TOKEN = 'ghs_planCacheTestToken0000000000000000';

const world = githubWorkspacePerTest(TOKEN);

const env = (extra: NodeJS.ProcessEnv = {}) => world.env({ LATCH_RETRY_BASE_MS: '10', ...extra });

async function coreUsed(): Promise<number> {
  const answer = await fetch(`${world.github.url}/rate_limit`, { headers: { authorization: `token ${TOKEN}` } });
  return ((await answer.json()) as { resources: { core: { used: number } } }).resources.core.used;
}

async function plan(args: string[], extra?: NodeJS.ProcessEnv) {
  const from = world.github.requests.length;
  const run = await runLatch(['plan', '--format', 'json', ...args], { cwd: world.repo.dir, env: env(extra) });
  expect(run.stderr).toBe('');
  const sent = world.github.requests.slice(from);
  return { run, requests: sent.filter((request) => request.method === 'GET'), queries: sent.filter((request) => request.path === '/graphql').length };
}

/** Each REST read as `path?query status`, sorted; `GET /rate_limit` costs nothing and changes every run, so it is left out. */
function revalidated(requests: readonly RecordedRequest[], status?: string): string[] {
  return requests.filter((request) => request.path !== '/rate_limit').map((request) => `${request.path}${request.query} ${status ?? request.status}`).sort();
}

describe('latch plan with a read cache, against the emulated GitHub', () => {
  it('plans the same the second time, from 304s that cost no rate-limit points', async () => {
    const first = await plan([], { LATCH_CACHE_DIR: '.latch-cache' });
    expect(first.run.code).toBe(2);
    expect(first.requests.length).toBeGreaterThan(0);
    expect(first.requests.every((request) => request.status === 200)).toBe(true);

    const before = await coreUsed();
    const second = await plan(['--cache-dir', join(world.repo.dir, '.latch-cache')]);
    // GraphQL has no validators; every REST read was free.
    expect((await coreUsed()) - before).toBeLessThanOrEqual(second.queries);
    expect(second.run.stdout).toBe(first.run.stdout);
    expect(revalidated(second.requests)).toEqual(revalidated(first.requests, '304'));

    const area = join(world.repo.dir, '.latch-cache', 'http-v1');
    for (const name of await readdir(area)) expect(await readFile(join(area, name), 'utf8')).not.toContain(TOKEN);
  });
});

describe('latch plan with LATCH_CACHE_KEY, against the emulated GitHub', () => {
  const CACHE_KEY = 'plan-cache-key-0123456789abcdef0123456789abcdef';
  const NEW_TOKEN = 'ghs_planCacheNextRunToken00000000000000';

  it('plans from 304s on a run with a new token under the same key, and writes neither token nor key anywhere', async () => {
    // Each run of the workflows has a token of its own; the emulator takes any.
    await world.restart({});
    const keyed = { LATCH_CACHE_DIR: '.latch-cache', LATCH_CACHE_KEY: CACHE_KEY };
    const first = await plan([], keyed);
    expect(first.requests.every((request) => request.status === 200)).toBe(true);
    const second = await plan([], { ...keyed, GITHUB_TOKEN: NEW_TOKEN });
    expect(second.requests.map((request) => request.authorization)).toContain(`token ${NEW_TOKEN}`);
    expect(second.run.stdout).toBe(first.run.stdout);
    expect(revalidated(second.requests)).toEqual(revalidated(first.requests, '304'));
    const third = await plan([], { ...keyed, LATCH_CACHE_KEY: `${CACHE_KEY}-rotated` });
    expect(third.requests.every((request) => request.status === 200)).toBe(true);

    const area = join(world.repo.dir, '.latch-cache', 'http-v1');
    const written = [...(await Promise.all((await readdir(area)).map((name) => readFile(join(area, name), 'utf8')))), ...[first, second, third].map(({ run }) => run.stdout + run.stderr)].join('\n');
    for (const secret of [CACHE_KEY, TOKEN, NEW_TOKEN]) expect(written).not.toContain(secret);
  });

  it('refuses a short key with a clear error that names the variable, not the value', async () => {
    const short = 'short-cache-key-value';
    const run = await runLatch(['plan', '--format', 'json'], { cwd: world.repo.dir, env: env({ LATCH_CACHE_DIR: '.latch-cache', LATCH_CACHE_KEY: short }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/LATCH_CACHE_KEY is 21 characters long; it must be at least 32/);
    expect(run.stderr).not.toContain(short);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(world.github.requests).toEqual([]);
  });
});

