import type { Logger } from 'pino';
import { request } from 'undici';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import type { CallCounts } from '../adapter.js';
import { isTimeout, readTransportSettings, timedDispatcher, timedOut, type TransportSettings } from '../http.js';
import { withRetries, type Judge, type RetryPolicy } from '../retry.js';
import { judge, type Answer, type Verdict } from './answer.js';
import { PLATFORM, SlackApiError, type CallContext } from './errors.js';
import { METHODS, type SlackMethod } from './methods.js';

const DEFAULT_BASE_URL = 'https://slack.com/api/';
/**
 * At most three tries after the first: up to two may follow a 5xx or a connection failure, one a
 * timeout. A Retry-After beyond two minutes fails the call (retryable) instead of stalling the run.
 */
const RETRY: Omit<RetryPolicy, 'baseDelayMs'> = { retries: 3, transientRetries: 2, timeoutRetries: 1, maxWaitMs: 120_000 };

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
  /** Base of the exponential backoff in ms; `LATCH_RETRY_BASE_MS` wins when set. Default 1000. */
  retryBaseMs?: number;
}

export interface SlackClient {
  /**
   * Calls one method with form-encoded arguments and returns the validated answer, or throws
   * a SlackApiError. Rate limits are waited out per method (Retry-After), 5xx answers,
   * connection failures and timeouts retried with backoff, a bounded number of times.
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

  /**
   * Reads a try in Slack's words. A rate limit also holds back the method's other calls for as
   * long as Slack asks; a 5xx that stays is handed back, its error thrown by `call`.
   */
  function retryOf<T>(method: SlackMethod, context: CallContext): Judge<Verdict<T>> {
    const where = `${method} for ${context.subject}`;
    return (outcome) => {
      if (!outcome.ok) {
        const cause = outcome.error;
        if (isTimeout(cause)) {
          return { reason: 'timeout', giveUp: () => { throw new SlackApiError(context.operation, method, 'timeout', `${where}: ${timedOut(timeoutMs)}`, { retryable: true, cause }); } };
        }
        const message = scrub(`${where}: Slack could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
        return { reason: 'transient', giveUp: () => { throw new SlackApiError(context.operation, method, 'network', message, { retryable: true, cause }); } };
      }
      const verdict = outcome.value;
      if (verdict.kind === 'transient') return { reason: 'transient', status: verdict.error.status, giveUp: () => verdict };
      if (verdict.kind !== 'rate-limited') return undefined;
      const { waitMs } = verdict;
      const { status } = verdict.error;
      if (waitMs <= RETRY.maxWaitMs) resumeAt.set(method, Math.max(resumeAt.get(method) ?? 0, Date.now() + waitMs));
      return {
        reason: 'throttled',
        waitMs,
        status,
        giveUp: ({ retries }) => {
          const message = `${where}: Slack rate limit still reached after ${retries + 1} tries (retry after ${Math.ceil(waitMs / 1000)} s)`;
          throw new SlackApiError(context.operation, method, 'ratelimited', message, { status, retryable: true });
        },
      };
    };
  }

  async function call<T>(method: SlackMethod, args: Record<string, string>, shape: z.ZodType<T>, context: CallContext): Promise<T> {
    const attempt = async (): Promise<Verdict<T>> => {
      await waitForMethod(method);
      return judge(await send(method, args), method, shape, context, scrub);
    };
    const verdict = await withRetries(attempt, retryOf<T>(method, context), { policy: { ...RETRY, baseDelayMs: retryBaseMs }, logger, call: { platform: PLATFORM, what: `${method} for ${context.subject}` } });
    if (verdict.kind === 'done') return verdict.value;
    throw verdict.error;
  }

  return { call, calls, pageSize: Math.min(Math.max(1, tuning.pageSize ?? 1000), 1000) };
}
