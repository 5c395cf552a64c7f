import type { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from 'pino';
import { CallTimeout } from './transport.js';

/**
 * Pacing and retries of every GitHub call, in one hook: what Octokit's retry and throttling
 * plugins did, without the five Bottleneck jobs (each a chain of timers and promises) those
 * plugins schedule per request, which cost more CPU than the request itself and queued
 * every notifying write behind the previous one even with pacing off.
 */

/** Statuses that another try does not change; 403 and 429 are retried only as rate limits. */
const FINAL = new Set([400, 401, 403, 404, 410, 422, 429, 451]);
/** GitHub's own wait for a secondary limit whose answer names none. */
const SECONDARY_FALLBACK_SECONDS = 60;
/** Whether a write may e-mail someone: Octokit's list of such paths, from GitHub's documentation. */
const notifies: (pathname: string) => boolean = throttling.triggersNotification;

export interface RetrySettings {
  /** Retries of a 5xx answer (or an unreachable API). */
  retries: number;
  /** The n-th retry of a 5xx waits n² × this. */
  retryBaseMs: number;
  /** Retries after a rate-limit answer. */
  rateLimitRetries: number;
  /** A rate limit asking for a longer wait fails the call instead of stalling the run. */
  maxWaitSeconds: number;
  /** Minimum time between the starts of two writes; 0 sends them as they come. */
  writeIntervalMs: number;
  /** Writes that e-mail someone are also kept this many write intervals apart from each other. */
  notifyingFactor: number;
  /** Receives the rate-limit waits: debug when retried, warn when given up. */
  logger: Logger;
}

interface Failure {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

type Limit = { kind: 'primary' | 'secondary' | 'too-many-requests'; retryAfter: number };

function graphqlErrors(data: unknown): Array<{ type?: unknown; message?: unknown }> {
  if (typeof data !== 'object' || data === null || !('errors' in data) || !Array.isArray(data.errors)) return [];
  return data.errors as Array<{ type?: unknown; message?: unknown }>;
}

/** Seconds a rate-limit answer asks to wait, and which limit it is; undefined for anything else. */
export function rateLimitOf(error: unknown, now: number): Limit | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, message, response } = error as Failure;
  const headers = response?.headers ?? {};
  const rateLimited = graphqlErrors(response?.data).some((entry) => entry.type === 'RATE_LIMITED');
  if (status !== 403 && status !== 429 && !rateLimited) return undefined;
  if (/\bsecondary rate\b/i.test(String(message))) return { kind: 'secondary', retryAfter: Number(headers['retry-after']) || SECONDARY_FALLBACK_SECONDS };
  if (headers['x-ratelimit-remaining'] === '0' || rateLimited) {
    const resetMs = Number(headers['x-ratelimit-reset'] ?? 0) * 1000;
    return { kind: 'primary', retryAfter: Math.max(Math.ceil((resetMs - now) / 1000) + 1, 0) };
  }
  // A 429 naming neither limit still says how long to wait.
  const wait = Number(headers['retry-after']);
  return status === 429 && headers['retry-after'] !== undefined && Number.isFinite(wait) && wait >= 0 ? { kind: 'too-many-requests', retryAfter: wait } : undefined;
}

/**
 * A 5xx, or no answer at all (Octokit reports a failed fetch as 500). A timeout is final:
 * it was tried twice already (fetchWithDeadline), though Octokit gives it status 500 too.
 */
function isTransient(error: unknown): boolean {
  if (error instanceof CallTimeout) return false;
  const status = typeof error === 'object' && error !== null ? (error as Failure).status : undefined;
  return typeof status === 'number' && status >= 400 && !FINAL.has(status);
}

/**
 * GitHub answers some failed queries with 200 and an `errors` list: a rate limit, or an
 * internal error worth another try. Those become failures here; any other answer passes.
 */
function failedQuery(response: { data: unknown }): Error | undefined {
  const errors = graphqlErrors(response.data);
  if (errors.some((entry) => entry.type === 'RATE_LIMITED')) return Object.assign(new Error('GraphQL Rate Limit Exceeded'), { response });
  const first = errors[0]?.message;
  if (typeof first === 'string' && /Something went wrong while executing your query/.test(first)) return Object.assign(new Error(first), { status: 500, response });
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Start times `minTimeMs` apart, reserved in call order; free when `minTimeMs` is 0. */
function lane(minTimeMs: number): () => Promise<void> {
  let next = 0;
  return async () => {
    if (minTimeMs <= 0) return;
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + minTimeMs;
    if (at > now) await sleep(at - now);
  };
}

/** Registered last but one (the rate budget wraps it), so it sees every attempt's failure as Octokit reports it. */
export function retryAndPace(octokit: Pick<Octokit, 'hook'>, settings: RetrySettings): void {
  const writes = lane(settings.writeIntervalMs);
  const notifying = lane(settings.writeIntervalMs * settings.notifyingFactor);
  octokit.hook.wrap('request', async (request, options) => {
    const { pathname } = new URL(options.url, 'http://github.test');
    const write = options.method !== 'GET' && options.method !== 'HEAD' && pathname !== '/graphql';
    let transient = 0;
    for (let limited = 0; ; ) {
      if (write) {
        await writes();
        if (notifies(pathname)) await notifying();
      }
      try {
        const response = await request(options);
        const failure = pathname === '/graphql' ? failedQuery(response) : undefined;
        if (failure) throw failure;
        return response;
      } catch (error) {
        const limit = rateLimitOf(error, Date.now());
        if (limit) {
          const willRetry = limited < settings.rateLimitRetries && limit.retryAfter <= settings.maxWaitSeconds;
          const details = { kind: limit.kind, method: options.method, url: options.url, retryAfter: limit.retryAfter, retryCount: limited, willRetry };
          // A wait that will be retried is routine (debug); giving up is what an operator must see.
          if (willRetry) settings.logger.debug(details, 'github rate limit');
          else settings.logger.warn(details, 'github rate limit');
          if (!willRetry) throw error;
          limited += 1;
          await sleep(limit.retryAfter * 1000);
        } else if (isTransient(error) && transient < settings.retries) {
          transient += 1;
          await sleep(transient * transient * settings.retryBaseMs);
        } else {
          throw error;
        }
      }
    }
  });
}
