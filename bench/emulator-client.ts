import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EmulatorMessage, Platform, PlatformStats } from './emulator-process.js';
import type { BenchSeeds } from './generate.js';

export type Stats = Record<string, PlatformStats>;

/** The emulators, one process per platform, driven from the benchmark over IPC. */
export interface EmulatorProcess {
  urls: Record<string, string>;
  /** Calls since the last call of `stats`. */
  stats: () => Promise<Stats>;
  setLatency: (latencyMs: number) => Promise<void>;
  /** Changes about `share` of the grants on every platform; returns how many per platform. */
  drift: (share: number) => Promise<Record<string, number>>;
  stop: () => void;
}

function ask<T>(child: ChildProcess, message: EmulatorMessage): Promise<T> {
  return new Promise<T>((resolve) => {
    const listener = (answer: { type: string } & T) => {
      if (answer.type !== message.type) return;
      child.off('message', listener);
      resolve(answer);
    };
    child.on('message', listener);
    child.send(message);
  });
}

interface Child {
  platform: Platform;
  child: ChildProcess;
}

/** Asks every platform's process, and collects what `pick` takes from each answer by platform. */
async function each<T, R>(children: readonly Child[], message: EmulatorMessage | ((platform: Platform) => EmulatorMessage), pick: (answer: T) => R): Promise<Record<string, R>> {
  const answers = await Promise.all(children.map(async ({ platform, child }) => [platform, pick(await ask<T>(child, typeof message === 'function' ? message(platform) : message))] as const));
  return Object.fromEntries(answers);
}

/**
 * Starts each platform's emulator from the seeds; returns their URLs. Apart from
 * `startEmulatorProcess` so no closure it returns keeps the seeds alive.
 */
function startEach(children: readonly Child[], seeds: BenchSeeds, latencyMs: number, tokens: Record<Platform, string>): Promise<Record<string, string>> {
  return each<{ url: string }, string>(children, (platform) => ({ type: 'start', platform, seeds, latencyMs, token: tokens[platform] }), (answer) => answer.url);
}

export async function startEmulatorProcess(seeds: BenchSeeds, latencyMs: number, tokens: Record<Platform, string>): Promise<EmulatorProcess> {
  const platforms = Object.keys(tokens) as Platform[];
  const children = platforms.map((platform) => ({ platform, child: fork(join(import.meta.dirname, 'emulator-process.js'), { stdio: 'inherit' }) }));
  const urls = await startEach(children, seeds, latencyMs, tokens);
  return {
    urls,
    stats: () => each<{ stats: PlatformStats }, PlatformStats>(children, { type: 'stats' }, (answer) => answer.stats),
    setLatency: async (ms) => {
      await each(children, { type: 'latency', latencyMs: ms }, () => undefined);
    },
    drift: (share) => each<{ changed: number }, number>(children, { type: 'drift', share }, (answer) => answer.changed),
    stop: () => {
      for (const { child } of children) child.send({ type: 'stop' } satisfies EmulatorMessage);
    },
  };
}
