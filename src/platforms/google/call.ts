import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import type { CallCounts } from '../adapter.js';
import { withRetries, type Ending, type Judge, type RetryPolicy } from '../retry.js';
import { failureOfBody, isRateLimited, readFailure, toPlatformError, worthRetrying, type CallSpec, type GoogleFailure } from './failure.js';
import { PLATFORM } from './levels.js';

export { isStatus, type CallSpec } from './failure.js';

/** What every call needs: where to count, how to retry, what to keep out of messages. */
export interface Caller {
  calls: CallCounts;
  /** `baseDelayMs` is `LATCH_RETRY_BASE_MS` when that is set. */
  retry: RetryPolicy;
  /** Connect-and-answer limit of one request (`LATCH_HTTP_TIMEOUT_MS`), enforced by gaxios. */
  timeoutMs: number;
  logger: Logger;
  /** Credential values scrubbed from every message. */
  secrets: readonly string[];
  /** Replaced in tests to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

export function failed(caller: Caller, spec: CallSpec, failure: GoogleFailure, { retries, tooLong }: Ending): PlatformError {
  if (tooLong) {
    const message = `${spec.what}: ${failure.status ?? 'no answer'}; Google asks to wait ${Math.ceil((failure.waitMs ?? 0) / 1000)} s, longer than Latch waits`;
    return new PlatformError(PLATFORM, spec.operation, message, { status: failure.status, retryable: true });
  }
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
  const attempt = async (): Promise<unknown> => {
    caller.calls[spec.method === 'GET' || spec.readOnly ? 'reads' : 'writes'] += 1;
    return (await run()).data;
  };
  const judge: Judge<unknown> = (outcome) => {
    if (outcome.ok) return undefined;
    const failure = readFailure(outcome.error);
    if (!worthRetrying(failure)) return undefined;
    const reason = failure.timedOut ? 'timeout' : isRateLimited(failure) ? 'throttled' : 'transient';
    return { reason, waitMs: failure.waitMs, status: failure.status, giveUp: (ending) => { throw failed(caller, spec, failure, ending); } };
  };
  const options = { policy: caller.retry, logger: caller.logger, call: { platform: PLATFORM, what: spec.what }, sleep: caller.sleep };
  // A failure not worth retrying comes out of the loop as googleapis threw it.
  const data = await withRetries(attempt, judge, options).catch((error: unknown) => {
    throw error instanceof PlatformError ? error : toPlatformError(caller.secrets, spec, readFailure(error));
  });
  return checkAnswer(caller, spec, shape, data, expectBody);
}

/**
 * An answer in the expected shape, or a PlatformError naming the request: what googleCall
 * does with a body, for answers that arrive some other way (a part of a batch).
 */
export function checkAnswer<T>(caller: Caller, spec: CallSpec, shape: z.ZodType<T>, data: unknown, expectBody = true): T {
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
