import type { Logger } from 'pino';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { retryAfterMs } from '../http.js';
import { PLATFORM } from './levels.js';
import { GoogleErrorBody } from './schema.js';

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
  logger: Logger;
  /** Credential values scrubbed from every message. */
  secrets: readonly string[];
  sleep(ms: number): Promise<void>;
}

/** One request as errors and logs name it: `GET drive/v3/files/1AbC/permissions`. */
export interface CallSpec {
  operation: string;
  what: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
}

/** A failed answer, read from whatever googleapis threw. */
export interface GoogleFailure {
  /** HTTP status; undefined when no answer came (connection refused, timeout). */
  status: number | undefined;
  /** First `errors[].reason` (classic APIs: Drive, Directory). */
  reason: string | undefined;
  /** `error.status` (newer APIs: Analytics Admin), e.g. ALREADY_EXISTS. */
  code: string | undefined;
  message: string;
  /** Wait asked for by a Retry-After header. */
  waitMs: number | undefined;
}

/** Reasons Google gives a throttled 403 (Drive, Directory, Analytics Admin). */
const RATE_LIMIT_REASONS: ReadonlySet<string> = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

const Thrown = z.object({
  message: z.string().optional(),
  status: z.number().optional(),
  response: z.object({ status: z.number(), data: z.unknown(), headers: z.unknown() }).optional(),
});

/** A header of a fetch `Headers` (from whichever fetch gaxios uses) or of a plain object. */
function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get: unknown = Reflect.get(headers, 'get');
  const value: unknown = typeof get === 'function' ? Reflect.apply(get, headers, [name]) : Reflect.get(headers, name);
  return typeof value === 'string' ? value : undefined;
}

export function readFailure(error: unknown): GoogleFailure {
  const thrown = Thrown.safeParse(error);
  const fallback = error instanceof Error ? error.message : String(error);
  if (!thrown.success) return { status: undefined, reason: undefined, code: undefined, message: fallback, waitMs: undefined };
  const response = thrown.data.response;
  const body = GoogleErrorBody.safeParse(response?.data);
  const detail = body.success ? body.data.error : undefined;
  const retryAfter = headerOf(response?.headers, 'retry-after');
  return {
    status: response?.status ?? thrown.data.status,
    reason: detail?.errors?.find((entry) => entry.reason)?.reason ?? undefined,
    code: detail?.status ?? undefined,
    message: detail?.message ?? thrown.data.message ?? fallback,
    waitMs: retryAfter === undefined ? undefined : retryAfterMs({ 'retry-after': retryAfter }),
  };
}

export function isRateLimited(failure: GoogleFailure): boolean {
  if (failure.status === 429 || failure.code === 'RESOURCE_EXHAUSTED') return true;
  return failure.status === 403 && failure.reason !== undefined && RATE_LIMIT_REASONS.has(failure.reason);
}

function describeStatus(failure: GoogleFailure): string {
  switch (failure.status) {
    case undefined:
      return `could not reach the API: ${failure.message}`;
    case 401:
      return `the credential was refused (401): ${failure.message}`;
    case 404:
      return `not found (404), or not visible to the credential: ${failure.message}`;
    default:
      return `${failure.status} ${failure.code ?? failure.reason ?? ''} ${failure.message}`.replace(/\s+/g, ' ');
  }
}

/** Whether a call failed with this HTTP status (404 and 409 are normal outcomes for writes). */
export function isStatus(error: unknown, status: number): boolean {
  return error instanceof PlatformError && error.status === status;
}

function worthRetrying(failure: GoogleFailure): boolean {
  return failure.status === undefined || failure.status >= 500 || isRateLimited(failure);
}

/** A failure as a PlatformError naming the request, never the credential. */
export function toPlatformError(caller: Caller, spec: CallSpec, failure: GoogleFailure, suffix = ''): PlatformError {
  const message = scrubSecrets(`${spec.what}: ${describeStatus(failure)}${suffix}`, caller.secrets);
  return new PlatformError(PLATFORM, spec.operation, message, { status: failure.status, retryable: worthRetrying(failure) });
}

/**
 * Sends one request through googleapis (its own retries are off) and validates the answer.
 * Throttling, 5xx answers and connection failures are retried a bounded number of times,
 * waiting what Retry-After asks, else an exponential backoff. Any other failure, or a
 * malformed answer, throws a PlatformError at once.
 */
export async function googleCall<T>(caller: Caller, spec: CallSpec, shape: z.ZodType<T>, run: () => Promise<{ data: unknown }>): Promise<T> {
  const { retries, baseDelayMs, maxWaitMs } = caller.retry;
  for (let attempt = 0; ; attempt += 1) {
    caller.calls[spec.method === 'GET' ? 'reads' : 'writes'] += 1;
    let data: unknown;
    try {
      data = (await run()).data;
    } catch (error) {
      const failure = readFailure(error);
      if (!worthRetrying(failure)) throw toPlatformError(caller, spec, failure);
      const wait = failure.waitMs ?? baseDelayMs * 2 ** attempt;
      if (wait > maxWaitMs) {
        throw new PlatformError(PLATFORM, spec.operation, `${spec.what}: ${failure.status ?? 'no answer'}; Google asks to wait ${Math.ceil(wait / 1000)} s, longer than Latch waits`, { status: failure.status, retryable: true });
      }
      if (attempt >= retries) throw toPlatformError(caller, spec, failure, ` (after ${retries} retries)`);
      caller.logger.warn({ platform: PLATFORM, what: spec.what, attempt, status: failure.status, waitMs: wait }, 'google call failed, retrying');
      await caller.sleep(wait);
      continue;
    }
    const parsed = shape.safeParse(data ?? {});
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
    throw new PlatformError(PLATFORM, spec.operation, scrubSecrets(`${spec.what}: malformed response${where}`, caller.secrets));
  }
}
