import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { failureOfBody, readFailure, toPlatformError, worthRetrying, type CallSpec, type GoogleFailure } from './failure.js';
import { PLATFORM } from './levels.js';

export { isStatus, type CallSpec } from './failure.js';

/** Requests sent, retries included. */
export interface CallCounts {
  /** GET requests. */
  reads: number;
  /** Every other method. */
  writes: number;
}

export interface RetryPolicy {
  /** Tries after the first one, for throttling, 5xx answers and connection failures alike. */
  retries: number;
  /** First backoff in ms; it doubles with every try. */
  baseDelayMs: number;
  /** A longer wait asked for by Google fails the call (retryable) instead of stalling the run. */
  maxWaitMs: number;
}

/** What every call needs: where to count, how to retry, what to keep out of messages. */
export interface Caller {
  calls: CallCounts;
  retry: RetryPolicy;
  /** Connect-and-answer limit of one request (`LATCH_HTTP_TIMEOUT_MS`), enforced by gaxios. */
  timeoutMs: number;
  logger: Logger;
  /** Credential values scrubbed from every message. */
  secrets: readonly string[];
  sleep(ms: number): Promise<void>;
}

/** A hung request is tried once more at most: a platform that stalls must not stall the run. */
const TIMEOUT_RETRIES = 1;

function retriesFor(caller: Caller, failure: GoogleFailure): number {
  return failure.timedOut ? Math.min(TIMEOUT_RETRIES, caller.retry.retries) : caller.retry.retries;
}

function failed(caller: Caller, spec: CallSpec, failure: GoogleFailure, retries: number): PlatformError {
  if (failure.timedOut) {
    const message = scrubSecrets(`${spec.what}: timed out after ${caller.timeoutMs / 1000} s (after ${retries} retries)`, caller.secrets);
    return new PlatformError(PLATFORM, spec.operation, message, { retryable: true });
  }
  return toPlatformError(caller.secrets, spec, failure, retries > 0 ? ` (after ${retries} retries)` : '');
}

/**
 * An answer that is not positively a JSON object is no answer: an empty body, an HTML page
 * or truncated JSON (which gaxios hands over as text), and a 200 carrying Google's
 * `{error: {...}}` all fail the call instead of passing for an empty list.
 */
function refuseOddAnswer(caller: Caller, spec: CallSpec, data: unknown): PlatformError | undefined {
  const what = (detail: string) => new PlatformError(PLATFORM, spec.operation, scrubSecrets(`${spec.what}: ${detail}`, caller.secrets), { retryable: true });
  if (data === undefined || data === null || data === '') return what('answered with an empty body');
  if (typeof data !== 'object' || Array.isArray(data)) return what(`answered with something that is not a JSON object (${String(data).slice(0, 60).replace(/\s+/g, ' ')})`);
  const error = failureOfBody(undefined, data);
  if (error) return what(`answered 200 with an error body: ${error.status ?? ''} ${error.code ?? error.reason ?? ''} ${error.message}`.replace(/\s+/g, ' '));
  return undefined;
}

/**
 * Sends one request through googleapis (its own retries are off) and validates the answer.
 * Throttling (429, and 403 with a rate-limit reason), 5xx answers and connection failures are
 * retried a bounded number of times, waiting what Retry-After asks, else an exponential
 * backoff; a timeout once. Any other failure, or an answer that is not the expected shape,
 * throws a PlatformError at once. `expectBody` is false only for calls answered 204.
 */
export async function googleCall<T>(caller: Caller, spec: CallSpec, shape: z.ZodType<T>, run: () => Promise<{ data: unknown }>, expectBody = true): Promise<T> {
  const { baseDelayMs, maxWaitMs } = caller.retry;
  for (let attempt = 0; ; attempt += 1) {
    caller.calls[spec.method === 'GET' ? 'reads' : 'writes'] += 1;
    let data: unknown;
    try {
      data = (await run()).data;
    } catch (error) {
      const failure = readFailure(error);
      if (!worthRetrying(failure)) throw toPlatformError(caller.secrets, spec, failure);
      const wait = failure.waitMs ?? baseDelayMs * 2 ** attempt;
      if (wait > maxWaitMs) {
        throw new PlatformError(PLATFORM, spec.operation, `${spec.what}: ${failure.status ?? 'no answer'}; Google asks to wait ${Math.ceil(wait / 1000)} s, longer than Latch waits`, { status: failure.status, retryable: true });
      }
      const retries = retriesFor(caller, failure);
      if (attempt >= retries) throw failed(caller, spec, failure, retries);
      caller.logger.warn({ platform: PLATFORM, what: spec.what, attempt, status: failure.status, timedOut: failure.timedOut, waitMs: wait }, 'google call failed, retrying');
      await caller.sleep(wait);
      continue;
    }
    if (expectBody) {
      const odd = refuseOddAnswer(caller, spec, data);
      if (odd) throw odd;
    }
    const parsed = shape.safeParse(data);
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
    throw new PlatformError(PLATFORM, spec.operation, scrubSecrets(`${spec.what}: malformed response${where}`, caller.secrets));
  }
}
