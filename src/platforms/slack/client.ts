import type { Logger } from 'pino';
import { request } from 'undici';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { isTimeout, readTransportSettings, timedDispatcher, timedOut, type TransportSettings } from '../http.js';
import { judge, type Answer } from './answer.js';
import { PLATFORM, SlackApiError, type CallContext } from './errors.js';
import { METHODS, type SlackMethod } from './methods.js';

const DEFAULT_BASE_URL = 'https://slack.com/api/';
/** Tries after a rate-limit answer before the error surfaces as retryable. */
const RATE_LIMIT_RETRIES = 3;
/** A wait longer than this stalls a run for too long: fail the call (retryable) instead. */
const MAX_RETRY_AFTER_SECONDS = 120;
/** Tries after a 5xx or a connection failure. */
const TRANSIENT_RETRIES = 2;
/** A stalled Slack tends to stay stalled: one more try, then the call fails. */
const TIMEOUT_RETRIES = 1;

/** Where the adapter connects and as whom, read from the environment only. */
export interface SlackSettings {
  /** Method names are appended to it; always ends with `/`. */
  baseUrl: string;
  /** The bot token; never logged, never part of an error message. */
  token: string;
  /** `LATCH_HTTP_TIMEOUT_MS` and `LATCH_RETRY_BASE_MS`. */
  transport: TransportSettings;
}

/** Knobs tests turn; production uses the defaults. */
export interface SlackTuning {
  /** `limit` of paged calls (Slack allows at most 1000). Default 1000. */
  pageSize?: number;
  /** Base of the exponential backoff after a 5xx or a connection failure, in ms. Default 1000. */
  retryBaseMs?: number;
}

/** API calls sent, retries included. */
export interface CallCounts {
  /** Calls that only read. */
  reads: number;
  /** `conversations.invite` and `conversations.kick`. */
  writes: number;
}

export interface SlackClient {
  /**
   * Calls one method with form-encoded arguments and returns the validated answer, or throws
   * a SlackApiError. Rate limits are waited out per method (Retry-After), a bounded number of
   * times; 5xx answers and connection failures are retried with backoff.
   */
  call<T>(method: SlackMethod, args: Record<string, string>, shape: z.ZodType<T>, context: CallContext): Promise<T>;
  readonly calls: CallCounts;
  readonly pageSize: number;
}

export function readSettings(env: NodeJS.ProcessEnv): SlackSettings {
  const token = env.SLACK_TOKEN;
  if (!token) {
    throw new PlatformError(
      PLATFORM,
      'configure',
      'SLACK_TOKEN is not set; export a Slack bot token with the scopes channels:read, groups:read, channels:manage, groups:write, users:read and users:read.email',
    );
  }
  const base = env.LATCH_SLACK_API_URL || DEFAULT_BASE_URL;
  return { baseUrl: base.endsWith('/') ? base : `${base}/`, token, transport: readTransportSettings(env, PLATFORM) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createClient(settings: SlackSettings, logger: Logger, tuning: SlackTuning = {}): SlackClient {
  const calls: CallCounts = { reads: 0, writes: 0 };
  /** Per method: the moment Slack said calls may resume. Other methods are not held up. */
  const resumeAt = new Map<SlackMethod, number>();
  const retryBaseMs = settings.transport.retryBaseMs ?? tuning.retryBaseMs ?? 1000;
  const { timeoutMs } = settings.transport;
  const dispatcher = timedDispatcher(timeoutMs);
  const scrub = (text: string) => scrubSecrets(text, [settings.token]);

  async function waitForMethod(method: SlackMethod): Promise<void> {
    const until = resumeAt.get(method) ?? 0;
    const wait = until - Date.now();
    if (wait > 0) await sleep(wait);
  }

  async function send(method: SlackMethod, args: Record<string, string>): Promise<Answer> {
    if (METHODS[method].write) calls.writes += 1;
    else calls.reads += 1;
    const response = await request(`${settings.baseUrl}${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${settings.token}`,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'user-agent': 'latch',
      },
      body: new URLSearchParams(args).toString(),
      dispatcher,
    });
    const text = await response.body.text();
    return { status: response.statusCode, retryAfter: response.headers['retry-after'], body: parseJson(text) };
  }

  async function backOff(attempt: number): Promise<void> {
    await sleep(retryBaseMs * 2 ** attempt);
  }

  async function call<T>(method: SlackMethod, args: Record<string, string>, shape: z.ZodType<T>, context: CallContext): Promise<T> {
    let limited = 0;
    let transient = 0;
    let timeouts = 0;
    for (;;) {
      await waitForMethod(method);
      let answer: Answer;
      try {
        answer = await send(method, args);
      } catch (error) {
        if (isTimeout(error)) {
          if (timeouts++ < TIMEOUT_RETRIES) continue;
          throw new SlackApiError(context.operation, method, 'timeout', `${method} for ${context.subject}: ${timedOut(timeoutMs)}`, { retryable: true, cause: error });
        }
        if (transient < TRANSIENT_RETRIES) {
          await backOff(transient++);
          continue;
        }
        const message = scrub(`${method} for ${context.subject}: Slack could not be reached: ${error instanceof Error ? error.message : String(error)}`);
        throw new SlackApiError(context.operation, method, 'network', message, { retryable: true, cause: error });
      }
      const verdict = judge(answer, method, shape, context, scrub);
      if (verdict.kind === 'done') return verdict.value;
      if (verdict.kind === 'failed') throw verdict.error;
      if (verdict.kind === 'transient') {
        if (transient >= TRANSIENT_RETRIES) throw verdict.error;
        await backOff(transient++);
        continue;
      }
      resumeAt.set(method, Math.max(resumeAt.get(method) ?? 0, Date.now() + verdict.waitMs));
      const willRetry = limited < RATE_LIMIT_RETRIES && verdict.waitMs <= MAX_RETRY_AFTER_SECONDS * 1000;
      logger.warn({ method, retryAfterMs: verdict.waitMs, attempt: limited + 1, willRetry }, 'slack rate limit');
      if (!willRetry) {
        const seconds = Math.ceil(verdict.waitMs / 1000);
        const message = `${method} for ${context.subject}: Slack rate limit still reached after ${limited + 1} tries (retry after ${seconds} s)`;
        throw new SlackApiError(context.operation, method, 'ratelimited', message, { status: answer.status, retryable: true });
      }
      limited += 1;
    }
  }

  return { call, calls, pageSize: Math.min(Math.max(1, tuning.pageSize ?? 1000), 1000) };
}
