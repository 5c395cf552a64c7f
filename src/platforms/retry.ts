import type { Logger } from 'pino';

/**
 * The one retry loop of the platforms without an SDK retry (Meta, Google Ads, LinkedIn, Slack,
 * Google). Each platform says in its own vocabulary whether a try is worth repeating and what
 * wait it asks for; the loop bounds the tries, backs off, and never waits longer than allowed.
 */

/** The platform asked to slow down, failed for a moment (5xx, unreachable), or did not answer in time. */
export type RetryReason = 'throttled' | 'transient' | 'timeout';

/** A platform's reading of a try worth repeating. */
export interface Retry<T> {
  reason: RetryReason;
  /** Wait asked for in ms (Retry-After or the platform's own hint); 0 or undefined leaves it to the backoff. */
  waitMs?: number;
  /** HTTP status, for the log. */
  status?: number;
  /** Ends the call when this try is not repeated, in the platform's words: throws its error, or returns the last answer. */
  giveUp(ending: Ending): T;
}

/** Why a try worth repeating is not repeated. */
export interface Ending {
  /** Tries made after the first one. */
  retries: number;
  /** The platform asked for a wait beyond `maxWaitMs`. */
  tooLong: boolean;
}

/** How one try ended. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface RetryPolicy {
  /** Tries after the first one, whatever their reason. */
  retries: number;
  /** First backoff in ms; it doubles with every try. */
  baseDelayMs: number;
  /** A platform asking for a longer wait fails the call (retryable) instead of stalling the run. */
  maxWaitMs: number;
  /** Of `retries`, how many may follow a timeout (default 1): a stalled platform tends to stay stalled. */
  timeoutRetries?: number;
  /** Of `retries`, how many may follow a 5xx answer or an unreachable platform (default all). */
  transientRetries?: number;
}

/** Reads one try: undefined when it is final (its value is returned, its error thrown as is). */
export type Judge<T> = (outcome: Outcome<T>) => Retry<T> | undefined;

export interface RetryOptions {
  policy: RetryPolicy;
  logger: Logger;
  /** Names the call in the log (platform, request); never carries a secret. */
  call: { platform: string; what: string };
  /** Replaced in tests to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tries `attempt` until `judge` calls an outcome final, the platform asks for a wait beyond
 * the maximum, or the tries run out; then the platform's own `giveUp` ends the call.
 */
export async function withRetries<T>(attempt: () => Promise<T>, judge: Judge<T>, options: RetryOptions): Promise<T> {
  const { policy, logger, call, sleep = realSleep } = options;
  const limit: Record<RetryReason, number> = { throttled: policy.retries, transient: policy.transientRetries ?? policy.retries, timeout: policy.timeoutRetries ?? 1 };
  const used: Record<RetryReason, number> = { throttled: 0, transient: 0, timeout: 0 };
  for (let retries = 0; ; retries += 1) {
    const outcome: Outcome<T> = await attempt().then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const retry = judge(outcome);
    if (!retry) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    const tooLong = (retry.waitMs ?? 0) > policy.maxWaitMs;
    if (tooLong || retries >= policy.retries || used[retry.reason] >= limit[retry.reason]) return retry.giveUp({ retries, tooLong });
    used[retry.reason] += 1;
    // A throttled platform that names no wait (or none at all) still gets the backoff: asking again at once tends to be throttled again.
    const waitMs = retry.waitMs || policy.baseDelayMs * 2 ** retries;
    // Routine until the tries run out: a call that gives up fails as a PlatformError, which is reported.
    logger.debug({ ...call, reason: retry.reason, status: retry.status, retry: retries + 1, waitMs }, 'platform call retrying');
    await sleep(waitMs);
  }
}
