import type { z } from 'zod';
import { SlackApiError, failureError, type CallContext } from './errors.js';
import { tierIntervalMs, type SlackMethod } from './methods.js';
import { Failure } from './schema.js';

/** One HTTP answer as the client received it. */
export interface Answer {
  status: number;
  retryAfter: string | string[] | undefined;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
}

/** What to do with an answer: use it, wait and ask again, or give up with an error. */
export type Verdict<T> =
  | { kind: 'done'; value: T }
  | { kind: 'rate-limited'; waitMs: number; error: SlackApiError }
  | { kind: 'transient'; error: SlackApiError }
  | { kind: 'failed'; error: SlackApiError };

/** Milliseconds from a Retry-After header (Slack sends whole seconds), or the tier's interval without one. */
function retryAfterMs(header: string | string[] | undefined, method: SlackMethod): number {
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = Number(value);
  if (value !== undefined && value !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return tierIntervalMs(method);
}

/**
 * Reads one answer. Slack fails with HTTP 200 and `{ok: false, error}`, limits with 429 (or,
 * rarely, `error: ratelimited`). `scrub` removes the token from anything echoed into a message.
 */
export function judge<T>(answer: Answer, method: SlackMethod, shape: z.ZodType<T>, context: CallContext, scrub: (text: string) => string): Verdict<T> {
  const where = `${method} for ${context.subject}`;
  const { status } = answer;
  const failure = Failure.safeParse(answer.body);
  if (status === 429 || (failure.success && failure.data.error === 'ratelimited')) {
    const waitMs = retryAfterMs(answer.retryAfter, method);
    const error = new SlackApiError(context.operation, method, 'ratelimited', `${where}: Slack rate limit reached (retry after ${Math.ceil(waitMs / 1000)} s)`, { status, retryable: true });
    return { kind: 'rate-limited', waitMs, error };
  }
  if (status >= 500) {
    const error = new SlackApiError(context.operation, method, `http_${status}`, `${where}: Slack answered HTTP ${status}`, { status, retryable: true });
    return { kind: 'transient', error };
  }
  if (failure.success) {
    const { error, needed, provided } = failure.data;
    const clean = { ok: false as const, error: scrub(error), needed: needed && scrub(needed), provided: provided && scrub(provided) };
    return { kind: 'failed', error: failureError(context.operation, method, context.subject, clean, status) };
  }
  if (status !== 200) {
    return { kind: 'failed', error: new SlackApiError(context.operation, method, `http_${status}`, `${where}: Slack answered HTTP ${status}`, { status }) };
  }
  const parsed = shape.safeParse(answer.body);
  if (parsed.success) return { kind: 'done', value: parsed.data };
  const first = parsed.error.issues[0];
  const at = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  const error = new SlackApiError(context.operation, method, 'malformed_response', scrub(`${where}: malformed response${at}`), { status, cause: parsed.error });
  return { kind: 'failed', error };
}
