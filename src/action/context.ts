import { basename, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { TrailTarget } from '../history/audit-trail-keep.js';
import { readCacheKey } from '../platforms/cache-key.js';
import type { RunContext } from '../pipeline.js';
import { deadlineFromEnv } from '../read/deadline.js';
import type { RunEnvironment } from './event.js';
import { connectConversations } from './github-api.js';
import type { ActionInputs } from './inputs.js';
import type { Runner } from './runner.js';

/** Everything one run of the Action works with. */
export interface ActionContext {
  /** Inputs, outputs, summary and annotations. */
  runner: Runner;
  /** The checked inputs. */
  inputs: ActionInputs;
  /** The event and the repository the workflow runs for. */
  run: RunEnvironment;
  /** Log lines on stderr, secrets redacted. */
  logger: Logger;
  /** YYYY-MM-DD (LATCH_TODAY pins it). */
  today: string;
  /** The environment the core sees: the runner's, with the input token as GITHUB_TOKEN. */
  coreEnv: NodeJS.ProcessEnv;
  /** Credential values to scrub from anything written. */
  secrets: string[];
}

/** The core's run context for the configuration directory, or another directory (the base's files). */
export function coreContext(context: ActionContext, dir: string = context.inputs.configDir): RunContext {
  readCacheKey(context.coreEnv);
  const fromEnv = Number(context.coreEnv.LATCH_CONCURRENCY);
  return {
    dir,
    today: context.today,
    env: context.coreEnv,
    logger: context.logger,
    concurrency: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 8,
    readDeadlineMs: deadlineFromEnv(context.coreEnv),
    cacheDir: context.coreEnv.LATCH_CACHE_DIR ? resolve(context.coreEnv.LATCH_CACHE_DIR) : undefined,
  };
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** The access repository's audit branch, written with the run's token; `LATCH_RETRY_BASE_MS` shortens the waits. */
export function trailTarget(context: ActionContext): TrailTarget {
  const { inputs, run } = context;
  const raw = context.coreEnv.LATCH_RETRY_BASE_MS;
  const base = raw ? Number(raw) : Number.NaN;
  return {
    github: connectConversations(context.coreEnv, inputs.commentToken, run.repository, context.logger),
    branch: inputs.auditBranch,
    reporter: context.runner,
    artifact: basename(inputs.auditFile),
    options: Number.isInteger(base) && base >= 0 ? { baseDelayMs: base } : {},
  };
}
