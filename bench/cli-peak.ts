import { fork } from 'node:child_process';
import { join } from 'node:path';

/** Peak RSS of one real `latch` process, in MiB, by what it ran. */
export type CliPeaks = Record<string, number>;

interface ChildReport {
  code: number;
  maxRssKiB: number;
}

/** Exit codes of a run that did its work: 0 nothing to do, 1 something unread or failed, 2 changes planned. */
const DONE = new Set([0, 1, 2]);

/**
 * Runs `latch ARGS` in its own process, as a person or CI would, and returns its peak RSS in
 * MiB. The benchmark's own objects (generated seeds, earlier runs' plans) are not in it.
 */
export function latchPeakMiB(dir: string, env: NodeJS.ProcessEnv, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'latch-child.js'), [...args], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let report: ChildReport | undefined;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString()}`.slice(-2000);
    });
    child.on('message', (message: ChildReport) => {
      report = message;
    });
    child.on('exit', (code) => {
      if (report && DONE.has(report.code)) resolve(report.maxRssKiB / 1024);
      else reject(new Error(`latch ${args.join(' ')} ended with code ${report?.code ?? code}: ${stderr}`));
    });
  });
}
