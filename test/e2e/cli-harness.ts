import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/latch.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the real CLI (the build under build/) asynchronously, so emulators in this process keep serving. */
export function runLatch(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; onSpawn?: (kill: () => void) => void }): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LATCH_TODAY: '2026-11-23', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    options.onSpawn?.(() => child.kill('SIGKILL'));
  });
}

/** A throwaway copy of the example repository (clients/ and policies/). */
export async function copyExampleRepo(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-e2e-'));
  await cp(join(ROOT, 'clients'), join(dir, 'clients'), { recursive: true });
  await cp(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
