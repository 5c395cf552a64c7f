import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';
import { githubImporter } from '../../../src/platforms/github/discover.js';
import { emulatorPerTest } from '../emulator-per-test.js';

const TOKEN = 'ghs_discoverSecret0123456789abcdef';
const emulators = emulatorPerTest<GithubEmulator>();

async function start(): Promise<GithubEmulator> {
  const seed = { org: 'acme', members: ['ana', 'bo'], repos: { 'acme/web': {} }, teams: { eng: {} }, emails: { ana: 'ana@acme.test', bo: 'bo@acme.test' } };
  // 50 of 100 REST points left: above a 20% reserve, below a 60% one.
  return emulators.started(await startGithubEmulator({ seed, token: TOKEN, rateLimits: { core: { limit: 100, remaining: 50 } } }));
}

function context(emulator: GithubEmulator, reserve?: string): PlatformContext {
  return {
    config: { github: { org: 'acme', audit: { outsideCollaborators: false }, ...(reserve ? { rateLimit: { reserve } } : {}) } },
    env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' },
    logger: pino({ level: 'silent' }),
  };
}

describe('import from GitHub and the rate-limit reserve', () => {
  it('reads past 50 of 100 points left under the default reserve (20%)', async () => {
    const emulator = await start();
    const run = context(emulator);
    expect(await githubImporter.discover(run)).toHaveLength(2);
    expect(await githubImporter.emails(run, ['ana', 'bo'])).toEqual(new Map([['ana', 'ana@acme.test'], ['bo', 'bo@acme.test']]));
  });

  it('keeps the reserve policies/platforms.yaml sets: 60% stops it at 48 of 100, an hour before the reset', async () => {
    const emulator = await start();
    const run = context(emulator, '60%');
    expect(await githubImporter.discover(run)).toHaveLength(2);
    await expect(githubImporter.emails(run, ['ana', 'bo'])).rejects.toThrow(/48 of 100 points left, and 60 are kept in reserve for other runs \(github\.rateLimit\.reserve\)/);
    expect(emulator.requests.map((request) => request.path)).toEqual(expect.not.arrayContaining(['/users/ana', '/users/bo']));
  });
});
