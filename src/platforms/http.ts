import type { Logger } from 'pino';
import { Agent, request, type Dispatcher } from 'undici';
import { PlatformError } from '../errors.js';
import { scrubSecrets } from '../log.js';
import type { CallCounts } from './adapter.js';
import { withRetries, type Judge, type RetryPolicy } from './retry.js';

/**
 * One small JSON-over-HTTP client for the platforms without an SDK (Meta, Google Ads,
 * LinkedIn), retrying through the shared loop (retry.ts). Each platform says what a
 * throttled answer looks like; the client never reads error bodies itself, so each adapter
 * keeps its own vocabulary.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL. Never carries a credential: those travel in headers. */
  url: string;
  /** Headers of this request, added to the client's own. */
  headers?: Record<string, string>;
  /** Serialised as JSON when set. */
  json?: unknown;
  /** Sent form-encoded when set (and then `json` is not sent). */
  form?: Record<string, string>;
  /** Counted as a read or a write; default: GET reads, everything else writes. */
  kind?: 'read' | 'write';
}

export interface HttpAnswer {
  status: number;
  /** Lower-case names, first value only. */
  headers: Record<string, string>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
}

export interface HttpClientOptions {
  /** Platform id for errors and logs. */
  platform: string;
  /** Headers of every request: authorization, API version pins. */
  headers: Record<string, string>;
  /** Values scrubbed from every error message. */
  secrets: readonly string[];
  logger: Logger;
  /** `baseDelayMs` gives way to `LATCH_RETRY_BASE_MS` when that is set. */
  retry: RetryPolicy;
  /**
   * Reads an answer the platform's way: undefined when it is not throttled, otherwise the
   * wait it asks for in ms (0 when it names none, so the backoff applies).
   */
  throttle(answer: HttpAnswer): number | undefined;
  /** Replaced in tests to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Timeout and retry base from the run's environment (`readTransportSettings` of the
   * adapter's context env, never process.env: tests and the sandbox pass their own).
   */
  transport: TransportSettings;
}

export interface HttpClient {
  /**
   * Sends one request and returns the final answer, whatever its status: callers turn
   * error statuses into their platform's errors. Throws a retryable PlatformError when the
   * platform stays throttled, asks for a wait beyond the limit, or cannot be reached.
   * `what` names the call in errors (`GET /act_1/assigned_users`), never with a secret.
   */
  send(operation: string, what: string, call: HttpRequest): Promise<HttpAnswer>;
  readonly calls: CallCounts;
}

/** How long a connection, the answer's headers, or a pause in its body may take. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Transport settings every platform call shares, read from the environment. */
export interface TransportSettings {
  /** Connect, headers and body-idle timeout in ms (`LATCH_HTTP_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Base of the retry backoff in ms (`LATCH_RETRY_BASE_MS`), when set. */
  retryBaseMs?: number;
}

function wholeMs(env: NodeJS.ProcessEnv, name: string, platform: string, minimum: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new PlatformError(platform, 'configure', `${name} must be a whole number of milliseconds (at least ${minimum}), got "${raw}"`);
  }
  return value;
}

/** Reads `LATCH_HTTP_TIMEOUT_MS` (default 30 s) and `LATCH_RETRY_BASE_MS`; a malformed value is a configuration error. */
export function readTransportSettings(env: NodeJS.ProcessEnv, platform: string): TransportSettings {
  const timeoutMs = wholeMs(env, 'LATCH_HTTP_TIMEOUT_MS', platform, 1) ?? DEFAULT_TIMEOUT_MS;
  const retryBaseMs = wholeMs(env, 'LATCH_RETRY_BASE_MS', platform, 0);
  return retryBaseMs === undefined ? { timeoutMs } : { timeoutMs, retryBaseMs };
}

/** An undici dispatcher whose connect, headers and body timeouts are all `timeoutMs`. */
export function timedDispatcher(timeoutMs: number): Dispatcher {
  return new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** True for undici's connect, headers and body timeouts. */
export function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && TIMEOUT_CODES.has(String(error.code));
}

/** `timed out after 30 s`, `timed out after 0.2 s`. */
export function timedOut(timeoutMs: number): string {
  return `timed out after ${timeoutMs / 1000} s`;
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date); undefined without one. */
export function retryAfterMs(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What a body that failed validation was, for error messages: never the body itself. */
export function describeBody(body: unknown): string {
  if (body === undefined) return 'an empty body';
  if (typeof body === 'string') return /^\s*</.test(body) ? 'an HTML page' : 'text that is not JSON (truncated?)';
  return 'JSON';
}

function firstValues(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name.toLowerCase()] = first;
  }
  return headers;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const calls: CallCounts = { reads: 0, writes: 0 };
  const scrub = (text: string) => scrubSecrets(text, options.secrets);
  const { transport } = options;
  const policy: RetryPolicy = { ...options.retry, baseDelayMs: transport.retryBaseMs ?? options.retry.baseDelayMs };
  const dispatcher = timedDispatcher(transport.timeoutMs);

  async function once(call: HttpRequest): Promise<HttpAnswer> {
    const kind = call.kind ?? (call.method === 'GET' ? 'read' : 'write');
    calls[kind === 'read' ? 'reads' : 'writes'] += 1;
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...call.headers };
    if (call.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    else if (call.json !== undefined) headers['content-type'] = 'application/json';
    const response = await request(call.url, {
      method: call.method,
      headers,
      body: call.form ? new URLSearchParams(call.form).toString() : call.json === undefined ? undefined : JSON.stringify(call.json),
      dispatcher,
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: firstValues(response.headers), body: parseBody(text) };
  }

  /** A 5xx answer that stays is handed back for the platform to read; everything else fails retryably. */
  function judge(operation: string, what: string): Judge<HttpAnswer> {
    const fail = (message: string, context: { status?: number; cause?: unknown }) => new PlatformError(options.platform, operation, `${what}: ${message}`, { ...context, retryable: true });
    return (outcome) => {
      if (!outcome.ok) {
        const cause = outcome.error;
        if (isTimeout(cause)) return { reason: 'timeout', giveUp: () => { throw fail(timedOut(transport.timeoutMs), { cause }); } };
        const message = `could not reach the API: ${scrub(cause instanceof Error ? cause.message : String(cause))}`;
        return { reason: 'transient', giveUp: () => { throw fail(message, { cause }); } };
      }
      const answer = outcome.value;
      const { status } = answer;
      const waitMs = options.throttle(answer);
      if (waitMs === undefined) return status >= 500 ? { reason: 'transient', status, giveUp: () => answer } : undefined;
      return {
        reason: 'throttled',
        waitMs,
        status,
        giveUp: ({ retries, tooLong }) => {
          if (tooLong) throw fail(`rate limited; the platform asks to wait ${Math.ceil(waitMs / 1000)} s, longer than Latch waits`, { status });
          throw fail(`still rate limited after ${retries} retries`, { status });
        },
      };
    };
  }

  function send(operation: string, what: string, call: HttpRequest): Promise<HttpAnswer> {
    return withRetries(() => once(call), judge(operation, what), { policy, logger: options.logger, call: { platform: options.platform, what }, sleep: options.sleep });
  }

  return { send, calls };
}
