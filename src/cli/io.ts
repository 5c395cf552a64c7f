import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { today } from '../clock.js';
import { createLogger, secretValues, type LogFormat } from '../log.js';
import { readCacheKey } from '../platforms/cache-key.js';
import type { RunContext } from '../pipeline.js';
import { deadlineFromEnv } from '../read/deadline.js';
import type { ReadProgressListener } from '../read/progress.js';
import type { CliOptions } from './args.js';

/** Runs the CLI with arguments and an environment, as a person would at a terminal. */
export type CliRunner = (argv: readonly string[], io: Io) => Promise<number>;

/** Where a command reads and writes; tests pass their own. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when a person is at the terminal: colours and the confirmation prompt. */
  interactive: boolean;
  /** Asks a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>;
  /** Draws how far the platform reads are; only where stderr is a terminal a person watches, never in CI or tests unless given. */
  progress?: ReadProgressListener;
}

export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.interactive;
}

export function makeLogger(io: Io, options: CliOptions): Logger {
  const format: LogFormat = options.logFormat === 'json' ? 'json' : 'pretty';
  return createLogger({ format, destination: io.stderr, level: options.verbose ? 'debug' : undefined });
}

export function runContext(io: Io, options: CliOptions, logger: Logger): RunContext {
  // A bad cache key is refused before anything is read, not once per platform.
  readCacheKey(io.env);
  const fromEnv = Number(io.env.LATCH_CONCURRENCY);
  return {
    dir: options.dir,
    today: today(io.env),
    env: io.env,
    logger,
    concurrency: options.concurrency ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 8),
    readDeadlineMs: deadlineFromEnv(io.env),
    cacheDir: options.cacheDir ?? (io.env.LATCH_CACHE_DIR ? resolve(io.cwd, io.env.LATCH_CACHE_DIR) : undefined),
    progress: io.progress,
  };
}

export function secretsOf(io: Io): string[] {
  return secretValues(io.env);
}
