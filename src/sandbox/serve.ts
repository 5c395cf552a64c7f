import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { startControl } from './control.js';
import { PORT_OFFSETS, startSandboxPlatforms, type SandboxPlatforms } from './platforms.js';
import type { SandboxState } from './state.js';

/** A running sandbox: the emulators, the control routes, and the environment that reaches them. */
export interface Sandbox {
  platforms: SandboxPlatforms;
  /** The platforms' variables plus LATCH_SANDBOX_URL (the control routes) and LATCH_ACTION (the Action's bundle). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** `export NAME='value'` lines a POSIX shell evaluates or sources. */
export function exportLines(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'\n`)
    .join('');
}

export async function startSandbox(state: SandboxState, portBase: number | undefined): Promise<Sandbox> {
  const platforms = await startSandboxPlatforms(state, { portBase });
  try {
    const control = await startControl(platforms, state.repository, portBase === undefined ? 0 : portBase + PORT_OFFSETS.control);
    return {
      platforms,
      env: { ...platforms.env, LATCH_SANDBOX_URL: control.url, LATCH_ACTION: join(packageRoot(), 'dist', 'index.js') },
      close: async () => {
        await control.close();
        await platforms.close();
      },
    };
  } catch (error) {
    await platforms.close();
    throw error;
  }
}

/**
 * Writes the environment file whole or not at all (a shell polling for it never sources half
 * a file), readable by its owner only: it holds the sandbox's credentials.
 */
export async function writeEnvFile(path: string, env: Readonly<Record<string, string>>): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, exportLines(env), { mode: 0o600 });
  await rename(partial, path);
}

/** Resolves on the first SIGINT or SIGTERM: the sandbox then closes and removes its environment file. */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function removeEnvFile(path: string | undefined): Promise<void> {
  if (path) await rm(path, { force: true });
}
