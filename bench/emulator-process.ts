import type { Emulator, RecordedRequest } from '../src/emulators/harness.js';
import { startGithubEmulator, type GithubEmulator } from '../src/emulators/github/index.js';
import { startGoogleEmulator } from '../src/emulators/google/index.js';
import { startSlackEmulator } from '../src/emulators/slack/index.js';
import type { BenchSeeds } from './generate.js';
import { driftGithub, driftGoogle, driftSlack } from './drift.js';

/**
 * One platform's emulator, in its own process, as the real platforms are separate services:
 * Latch's CPU time and peak memory are measured alone, and one emulator's work never delays
 * another's answers. Speaks to the parent over IPC.
 */
export type Platform = keyof BenchSeeds;

export type EmulatorMessage =
  | { type: 'start'; platform: Platform; seeds: BenchSeeds; latencyMs: number; token: string }
  | { type: 'stats' }
  | { type: 'latency'; latencyMs: number }
  | { type: 'drift'; share: number }
  | { type: 'stop' };

/** Calls of one platform since the last `stats`. */
export interface PlatformStats {
  reads: number;
  writes: number;
  /** GitHub only: rate-limit points spent, as the emulator charges them (REST `core`, GraphQL cost). */
  points?: { core: number; graphql: number };
}

interface Running {
  platform: Platform;
  emulator: Emulator;
  drift: (share: number) => number;
  /** GitHub's points spent so far, per bucket. */
  points?: () => Record<string, number>;
}

let running: Running | undefined;
let pointsBefore: Record<string, number> = {};

/** Slack answers every method with POST, so its writes are told apart by method name; GraphQL and Drive's batches of GETs read. */
function isWrite(platform: string, request: RecordedRequest): boolean {
  if (platform === 'slack') return /conversations\.(invite|kick)$/.test(request.path);
  return request.method !== 'GET' && request.path !== '/graphql' && request.path !== '/batch/drive/v3';
}

function statsOf(name: string, emulator: Emulator): PlatformStats {
  const writes = emulator.requests.filter((request) => isWrite(name, request)).length;
  return { reads: emulator.requests.length - writes, writes };
}

async function start(platform: Platform, seeds: BenchSeeds, latencyMs: number, token: string): Promise<Running> {
  const switches = { latencyMs };
  if (platform === 'github') {
    // The benchmark counts points; it does not enforce them. One size's scenarios together (and
    // the per-grant peer above all) spend far more than an hour's quota (12,500 at most for an
    // App installation), and a refused call would be counted as free. The budget has its own tests.
    const rateLimits = { core: { limit: 10_000_000 }, graphql: { limit: 10_000_000 } };
    const github: GithubEmulator = await startGithubEmulator({ seed: seeds.github, token, switches, rateLimits });
    return { platform, emulator: github, drift: (share) => driftGithub(github, share), points: () => github.pointsSpent() };
  }
  if (platform === 'google') {
    const google = await startGoogleEmulator({ seed: seeds.google, token, switches });
    return { platform, emulator: google, drift: (share) => driftGoogle(google, share) };
  }
  const slack = await startSlackEmulator({ seed: seeds.slack, token, switches });
  return { platform, emulator: slack, drift: (share) => driftSlack(slack, share) };
}

async function handle(message: EmulatorMessage): Promise<void> {
  if (message.type === 'start') {
    running = await start(message.platform, message.seeds, message.latencyMs, message.token);
    process.send?.({ type: 'start', url: running.emulator.url });
    return;
  }
  if (!running) throw new Error(`"${message.type}" before "start"`);
  if (message.type === 'stats') {
    const stats = statsOf(running.platform, running.emulator);
    running.emulator.requests.length = 0;
    if (running.points) {
      const spent = running.points();
      stats.points = { core: (spent.core ?? 0) - (pointsBefore.core ?? 0), graphql: (spent.graphql ?? 0) - (pointsBefore.graphql ?? 0) };
      pointsBefore = spent;
    }
    process.send?.({ type: 'stats', stats });
  } else if (message.type === 'latency') {
    running.emulator.switches.latencyMs = message.latencyMs;
    process.send?.({ type: 'latency' });
  } else if (message.type === 'drift') {
    process.send?.({ type: 'drift', changed: running.drift(message.share) });
  } else {
    await running.emulator.close();
    process.exit(0);
  }
}

process.on('message', (message: EmulatorMessage) => {
  void handle(message);
});
