import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { EmulatorMessage, PlatformStats } from './emulator-process.js';
import type { BenchSeeds } from './generate.js';

export type Stats = Record<string, PlatformStats>;

/** The emulator process, driven from the benchmark over IPC. */
export interface EmulatorProcess {
  urls: Record<string, string>;
  /** Calls since the last call of `stats`. */
  stats: () => Promise<Stats>;
  setLatency: (latencyMs: number) => Promise<void>;
  /** Changes about `share` of the grants on every platform; returns how many per platform. */
  drift: (share: number) => Promise<Record<string, number>>;
  stop: () => void;
}

export async function startEmulatorProcess(seeds: BenchSeeds, latencyMs: number, tokens: Record<string, string>): Promise<EmulatorProcess> {
  const child = fork(join(import.meta.dirname, 'emulator-process.js'), { stdio: 'inherit' });
  function ask<T>(message: EmulatorMessage): Promise<T> {
    return new Promise<T>((resolve) => {
      const listener = (answer: { type: string } & T) => {
        if (answer.type !== message.type && !(message.type === 'start' && answer.type === 'started')) return;
        child.off('message', listener);
        resolve(answer);
      };
      child.on('message', listener);
      child.send(message);
    });
  }
  const { urls } = await ask<{ urls: Record<string, string> }>({ type: 'start', seeds, latencyMs, tokens });
  return {
    urls,
    stats: async () => (await ask<{ stats: Stats }>({ type: 'stats' })).stats,
    setLatency: async (ms) => {
      await ask({ type: 'latency', latencyMs: ms });
    },
    drift: async (share) => (await ask<{ changed: Record<string, number> }>({ type: 'drift', share })).changed,
    stop: () => child.send({ type: 'stop' } satisfies EmulatorMessage),
  };
}
