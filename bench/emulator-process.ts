import type { Emulator, RecordedRequest } from '../src/emulators/harness.js';
import { startGithubEmulator, type GithubEmulator } from '../src/emulators/github/index.js';
import { startGoogleEmulator, type GoogleEmulator } from '../src/emulators/google/index.js';
import { startSlackEmulator, type SlackEmulator } from '../src/emulators/slack/index.js';
import type { BenchSeeds } from './generate.js';
import { driftOnePercent } from './drift.js';

/**
 * The benchmark's emulators, in their own process so Latch's CPU time and peak memory are
 * measured alone. Speaks to the parent over IPC.
 */
export type EmulatorMessage =
  | { type: 'start'; seeds: BenchSeeds; latencyMs: number; tokens: Record<string, string> }
  | { type: 'stats' }
  | { type: 'latency'; latencyMs: number }
  | { type: 'drift'; share: number }
  | { type: 'stop' };

/** Calls of one platform since the last `stats`; GitHub's REST and GraphQL apart. */
export interface PlatformStats {
  reads: number;
  writes: number;
  /** GitHub only: REST reads and GraphQL queries (`reads` is their sum). */
  rest?: number;
  graphql?: number;
  /** Answers 304 Not Modified: GitHub charges no rate-limit point for them. */
  notModified: number;
}

interface Running {
  github: GithubEmulator;
  google: GoogleEmulator;
  slack: SlackEmulator;
}

let running: Running | undefined;

/** Slack answers every method with POST, so its writes are told apart by method name. */
function isWrite(platform: string, request: RecordedRequest): boolean {
  if (platform === 'slack') return /conversations\.(invite|kick)$/.test(request.path);
  return request.method !== 'GET' && request.path !== '/graphql';
}

function statsOf(name: string, emulator: Emulator): PlatformStats {
  const writes = emulator.requests.filter((request) => isWrite(name, request)).length;
  const notModified = emulator.requests.filter((request) => request.status === 304).length;
  const stats: PlatformStats = { reads: emulator.requests.length - writes, writes, notModified };
  if (name === 'github') {
    stats.graphql = emulator.requests.filter((request) => request.path === '/graphql').length;
    stats.rest = stats.reads - stats.graphql;
  }
  return stats;
}

async function handle(message: EmulatorMessage): Promise<void> {
  if (message.type === 'start') {
    const switches = { latencyMs: message.latencyMs };
    running = {
      github: await startGithubEmulator({ seed: message.seeds.github, token: message.tokens.github, switches }),
      google: await startGoogleEmulator({ seed: message.seeds.google, token: message.tokens.google, switches }),
      slack: await startSlackEmulator({ seed: message.seeds.slack, token: message.tokens.slack, switches }),
    };
    process.send?.({ type: 'started', urls: Object.fromEntries(Object.entries(running).map(([name, emulator]) => [name, emulator.url])) });
    return;
  }
  if (!running) throw new Error(`"${message.type}" before "start"`);
  if (message.type === 'stats') {
    const stats: Record<string, PlatformStats> = {};
    for (const [name, emulator] of Object.entries(running)) {
      stats[name] = statsOf(name, emulator);
      emulator.requests.length = 0;
    }
    process.send?.({ type: 'stats', stats });
  } else if (message.type === 'latency') {
    for (const emulator of Object.values(running)) emulator.switches.latencyMs = message.latencyMs;
    process.send?.({ type: 'latency' });
  } else if (message.type === 'drift') {
    process.send?.({ type: 'drift', changed: driftOnePercent(running, message.share) });
  } else {
    await Promise.all(Object.values(running).map((emulator) => emulator.close()));
    process.exit(0);
  }
}

process.on('message', (message: EmulatorMessage) => {
  void handle(message);
});
