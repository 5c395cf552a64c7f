import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { retryAfterMs } from '../http.js';
import { PLATFORM } from './levels.js';
import { GoogleErrorBody } from './schema.js';

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
  /** No answer within the configured timeout. */
  timedOut: boolean;
}

/** One request as errors and logs name it: `GET drive/v3/files/1AbC/permissions`. */
export interface CallSpec {
  operation: string;
  what: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A POST that only reads (a batch of GETs): counted with the reads. */
  readOnly?: boolean;
}

/**
 * Reasons Google gives a throttled 403. Drive documents `sharingRateLimitExceeded` and
 * `dailyLimitExceeded` next to the rate limits, all to be retried with backoff.
 */
const RATE_LIMIT_REASONS: ReadonlySet<string> = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'sharingRateLimitExceeded', 'dailyLimitExceeded']);

/** `ACCESS_TOKEN_SCOPE_INSUFFICIENT` (ErrorInfo) or `insufficientPermissions` (classic reason). */
const SCOPE_REASONS: ReadonlySet<string> = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

const Thrown = z.object({
  message: z.string().optional(),
  status: z.number().optional(),
  response: z.object({ status: z.number(), data: z.unknown(), headers: z.unknown() }).optional(),
});

/** A header of a fetch `Headers` (from whichever fetch gaxios uses) or of a plain object. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get: unknown = Reflect.get(headers, 'get');
  const value: unknown = typeof get === 'function' ? Reflect.apply(get, headers, [name]) : Reflect.get(headers, name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * gaxios enforces `timeout` with an abort signal; its fetch reports an `AbortError` (or the
 * signal's `TimeoutError`). Latch aborts nothing itself, so an abort is the timeout.
 */
function isTimeout(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true;
  }
  return false;
}

/** A Google error body (`{error: {...}}`), whatever the HTTP status it came with. */
export function failureOfBody(status: number | undefined, data: unknown): Omit<GoogleFailure, 'waitMs' | 'timedOut'> | undefined {
  const body = GoogleErrorBody.safeParse(data);
  if (!body.success) return undefined;
  const detail = body.data.error;
  const classic = (detail.errors ?? []).map((entry) => entry.reason);
  const info = (detail.details ?? []).map((entry) => entry.reason);
  // The scope error's ErrorInfo names it best; otherwise the classic reason, which throttling is read from.
  const scope = info.find((reason) => reason && SCOPE_REASONS.has(reason));
  return {
    status: status ?? detail.code ?? undefined,
    reason: scope ?? [...classic, ...info].find((reason) => reason) ?? undefined,
    code: detail.status ?? undefined,
    message: detail.message ?? 'no message',
  };
}

export function readFailure(error: unknown): GoogleFailure {
  const thrown = Thrown.safeParse(error);
  const fallback = error instanceof Error ? error.message : String(error);
  const timedOut = isTimeout(error);
  if (!thrown.success) return { status: undefined, reason: undefined, code: undefined, message: fallback, waitMs: undefined, timedOut };
  const response = thrown.data.response;
  const fromBody = failureOfBody(response?.status, response?.data);
  const retryAfter = headerOf(response?.headers, 'retry-after');
  return {
    status: response?.status ?? thrown.data.status,
    reason: fromBody?.reason,
    code: fromBody?.code,
    message: fromBody?.message ?? thrown.data.message ?? fallback,
    waitMs: retryAfter === undefined ? undefined : retryAfterMs({ 'retry-after': retryAfter }),
    timedOut,
  };
}

export function isRateLimited(failure: GoogleFailure): boolean {
  if (failure.status === 429 || failure.code === 'RESOURCE_EXHAUSTED') return true;
  return failure.status === 403 && failure.reason !== undefined && RATE_LIMIT_REASONS.has(failure.reason);
}

export function worthRetrying(failure: GoogleFailure): boolean {
  return failure.status === undefined || failure.status >= 500 || isRateLimited(failure);
}

function describeStatus(failure: GoogleFailure): string {
  if (failure.status === 403 && failure.reason && SCOPE_REASONS.has(failure.reason)) {
    return `the access token lacks the OAuth scope this call needs (403 ${failure.reason}); see the scopes in the README: ${failure.message}`;
  }
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

/** A failure as a PlatformError naming the request, never the credential. */
export function toPlatformError(secrets: readonly string[], spec: CallSpec, failure: GoogleFailure, suffix = ''): PlatformError {
  const message = scrubSecrets(`${spec.what}: ${describeStatus(failure)}${suffix}`, secrets);
  return new PlatformError(PLATFORM, spec.operation, message, { status: failure.status, retryable: worthRetrying(failure) });
}
