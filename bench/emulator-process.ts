import type { Emulator } from '../src/emulators/harness.js';
import { startGithubEmulator, type GithubEmulator } from '../src/emulators/github/index.js';
import { startGoogleEmulator } from '../src/emulators/google/index.js';
import { startSlackEmulator } from '../src/emulators/slack/index.js';
import type { BenchSeeds } from './generate.js';

/**
 * The benchmark's emulators, in their own process so Latch's CPU time and peak memory are
 * measured alone. Speaks to the parent over IPC.
 */
type Message = { type: 'start'; seeds: BenchSeeds; latencyMs: number; tokens: Record<string, string> } | { type: 'stats' } | { type: 'stop' };

export interface PlatformStats {
  reads: number;
  writes: number;
}

/**
 * Rate-limit points spent since the last stats, per platform and bucket; sent beside `stats`
 * as `points`. GitHub: `core` (REST requests; `GET /rate_limit` is free) and `graphql` (each
 * query's documented cost).
 */
export type PlatformPoints = Record<string, Record<string, number>>;

let emulators: Record<string, Emulator> = {};
let github: GithubEmulator | undefined;
let pointsBefore: Record<string, number> = {};

/** Slack answers every method with POST, so its writes are told apart by method name; Latch's GraphQL POSTs are queries. */
function isWrite(platform: string, method: string, path: string): boolean {
  if (platform === 'slack') return /conversations\.(invite|kick)$/.test(path);
  if (platform === 'github' && path === '/graphql') return false;
  return method !== 'GET';
}

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'start') {
      const switches = { latencyMs: message.latencyMs };
      // A GitHub App installation in an organisation of thousands of repositories: GitHub's documented ceiling of 12,500 points an hour per bucket.
      const rateLimits = { core: { limit: 12_500 }, graphql: { limit: 12_500 } };
      github = await startGithubEmulator({ seed: message.seeds.github, token: message.tokens.github, switches, rateLimits });
      emulators = {
        github,
        google: await startGoogleEmulator({ seed: message.seeds.google, token: message.tokens.google, switches }),
        slack: await startSlackEmulator({ seed: message.seeds.slack, token: message.tokens.slack, switches }),
      };
      process.send?.({ type: 'started', urls: Object.fromEntries(Object.entries(emulators).map(([name, emulator]) => [name, emulator.url])) });
    } else if (message.type === 'stats') {
      const stats: Record<string, PlatformStats> = {};
      for (const [name, emulator] of Object.entries(emulators)) {
        const writes = emulator.requests.filter((request) => isWrite(name, request.method, request.path)).length;
        stats[name] = { reads: emulator.requests.length - writes, writes };
        emulator.requests.length = 0;
      }
      const points: PlatformPoints = {};
      if (github) {
        const spent = github.pointsSpent();
        points.github = Object.fromEntries(Object.entries(spent).map(([bucket, value]) => [bucket, value - (pointsBefore[bucket] ?? 0)]));
        pointsBefore = spent;
      }
      process.send?.({ type: 'stats', stats, points });
    } else {
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
      process.exit(0);
    }
  })();
});
