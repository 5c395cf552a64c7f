import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import { createGithubAdapter } from '../../../src/platforms/github/index.js';
import { emulatorPerTest } from '../emulator-per-test.js';

const TOKEN = 'ghs_resolveSecret0123456789abcdefABCDEF';

const emulators = emulatorPerTest<GithubEmulator>();
let emulator: GithubEmulator;
let cacheDir: string;

beforeEach(async () => {
  emulator = emulators.started(await startGithubEmulator({ seed: { org: 'acme', members: ['maria-acme'], users: ['dana-apex'], repos: { 'acme/web': {} } }, token: TOKEN }));
  cacheDir = await mkdtemp(join(tmpdir(), 'latch-resolve-'));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

/** One run's adapter, keeping answers in `cacheDir` between runs. */
function run() {
  return createGithubAdapter({
    config: { github: { org: 'acme', audit: { outsideCollaborators: false } } },
    env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' },
    logger: pino({ level: 'silent' }),
    cacheDir,
  });
}

async function resolve(principals: string[]) {
  return Object.fromEntries((await run().resolvePrincipals?.(principals)) ?? []);
}

describe('GitHub principal lookup against the emulated GitHub', () => {
  it('tells a user from a login GitHub does not have, one REST point each', async () => {
    expect(await resolve(['dana-apex', 'dana-apexx'])).toEqual({
      'dana-apex': { status: 'exists' },
      'dana-apexx': { status: 'unknown', message: 'GitHub has no user with this login' },
    });
    expect(emulator.pointsSpent().core).toBe(2);
  });

  it('next run revalidates a known user for free and asks again about an unknown login (a 404 is not kept)', async () => {
    await resolve(['dana-apex', 'dana-apexx']);
    emulator.requests.length = 0;

    expect(await resolve(['dana-apex', 'dana-apexx'])).toEqual({
      'dana-apex': { status: 'exists' },
      'dana-apexx': { status: 'unknown', message: 'GitHub has no user with this login' },
    });
    expect(emulator.requests.map((request) => `${request.path} ${request.status}`).sort()).toEqual(['/users/dana-apex 304', '/users/dana-apexx 404']);
    expect(emulator.pointsSpent().core).toBe(3);
  });
});
