import type { Emulator } from '../src/emulators/harness.js';
import { startGithubEmulator } from '../src/emulators/github/index.js';
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

let emulators: Record<string, Emulator> = {};

/** Slack answers every method with POST, so its writes are told apart by method name. */
function isWrite(platform: string, method: string, path: string): boolean {
  if (platform === 'slack') return /conversations\.(invite|kick)$/.test(path);
  return method !== 'GET';
}

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'start') {
      const switches = { latencyMs: message.latencyMs };
      emulators = {
        github: await startGithubEmulator({ seed: message.seeds.github, token: message.tokens.github, switches }),
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
      process.send?.({ type: 'stats', stats });
    } else {
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
      process.exit(0);
    }
  })();
});
