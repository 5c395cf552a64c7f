import { Octokit } from '@octokit/rest';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import type { CallCounts } from '../adapter.js';
import { conditionalFetch } from '../conditional-fetch.js';
import type { ReadCache } from '../cache-key.js';
import { createRateBudget, type RateBudget } from './rate-budget.js';
import { retryAndPace } from './retries.js';
import { CallTimeout, DEFAULT_TIMEOUT_MS, fetchWithDeadline, mayHaveGrown } from './transport.js';

export const PLATFORM = 'github';
export const API_VERSION = '2022-11-28';
const DEFAULT_BASE_URL = 'https://api.github.com';

/**
 * GitHub's advice for content-creating requests is one at a time, at least a second apart;
 * secondary limits (80 writes a minute) are not announced in any header, so pacing is the
 * only protection. `LATCH_GITHUB_WRITE_INTERVAL_MS` overrides it (0 for emulators).
 */
export const DEFAULT_WRITE_INTERVAL_MS = 1000;
/**
 * Writes that e-mail someone (adding or removing a collaborator) are paced three times
 * slower, the ratio Octokit's throttling plugin uses between its write and notification groups.
 */
export const NOTIFYING_WRITE_FACTOR = 3;

/** How often one request is retried after a rate-limit answer before the error surfaces. */
const RATE_LIMIT_RETRIES = 2;
/** A wait longer than this (an exhausted hourly quota) fails the call instead of stalling the run. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 600;

/** Where the adapter connects and as whom, read from the environment only. */
export interface GithubSettings {
  /** API root without a trailing slash. */
  baseUrl: string;
  /** The credential; never logged, never part of an error message. */
  token: string;
  /** Minimum pause between two writes. */
  writeIntervalMs: number;
  /** Deadline of one call, answer body included. */
  timeoutMs: number;
}

/** Knobs tests turn to keep retries fast; production uses the defaults. */
export interface GithubTuning {
  /** Retries of a 5xx answer; default 3. */
  retries?: number;
  /** Base of the quadratic backoff after a 5xx in ms; default 1000. */
  retryBaseMs?: number;
  /** Clock of the rate-limit budget (epoch ms); default Date.now. */
  now?: () => number;
  /** How the rate-limit budget waits for a reset; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

const Milliseconds = z.coerce.number().int().nonnegative();

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = Milliseconds.safeParse(raw);
  if (!parsed.success || parsed.data < minimum) {
    throw new PlatformError(PLATFORM, 'configure', `${name} must be a whole number of milliseconds${minimum > 0 ? ` of at least ${minimum}` : ''}, got "${raw}"`);
  }
  return parsed.data;
}

export function readSettings(env: NodeJS.ProcessEnv): GithubSettings {
  const token = env.GITHUB_TOKEN;
  if (!token) {
    throw new PlatformError(PLATFORM, 'configure', 'GITHUB_TOKEN is not set; export a token with repository administration and organisation members access');
  }
  const baseUrl = (env.GITHUB_API_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return {
    baseUrl,
    token,
    writeIntervalMs: milliseconds(env, 'LATCH_GITHUB_WRITE_INTERVAL_MS', DEFAULT_WRITE_INTERVAL_MS),
    timeoutMs: milliseconds(env, 'LATCH_HTTP_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 1),
  };
}

function isCallCounts(value: unknown): value is CallCounts {
  return typeof value === 'object' && value !== null && 'reads' in value && 'writes' in value;
}

/**
 * Registered before the retry plugins so that every attempt, retries included, is counted;
 * the REST and the GraphQL client share one count (`calls` among the options).
 */
function callCounter(octokit: Pick<Octokit, 'hook'>, options: Record<string, unknown>): { calls: CallCounts } {
  const calls: CallCounts = isCallCounts(options.calls) ? options.calls : { reads: 0, writes: 0 };
  octokit.hook.before('request', (options) => {
    // Latch sends GraphQL queries only, never mutations.
    if (options.method === 'GET' || options.method === 'HEAD' || options.url === '/graphql') calls.reads += 1;
    else calls.writes += 1;
  });
  return { calls };
}

/** Octokit has no option for default headers, so the version pin rides on a hook. */
function pinApiVersion(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = API_VERSION;
  });
}

/**
 * Octokit's paginator reads an empty body as an empty list ("nobody has access"); GitHub
 * never answers 200 without a body, so such an answer is refused before anything reads it.
 */
function refuseEmptyAnswers(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.after('request', (response, options) => {
    const read = options.method === 'GET' || options.url === '/graphql';
    if (read && response.status === 200 && (response.data === '' || response.data === undefined || response.data === null)) {
      throw new Error('empty answer where GitHub always sends a body');
    }
  });
}

const GithubOctokit = Octokit.plugin(pinApiVersion, callCounter, refuseEmptyAnswers);
export type GithubOctokit = InstanceType<typeof GithubOctokit>;

/** The connected client and what the adapter's parts share. */
export interface GithubApi {
  octokit: GithubOctokit;
  /**
   * The same client for GraphQL queries, without the pause between writes: Latch sends
   * queries only, and GitHub limits those by points (2,000 a minute), not by a pause
   * between requests.
   */
  graphql: GithubOctokit;
  /** Kept only to scrub it out of error messages. */
  token: string;
  logger: Logger;
  /** What is left of the hourly quotas; reads wait or stop at the reserve. */
  budget: RateBudget;
}

/** Share of each hourly quota reads leave to other runs unless `github.rateLimit.reserve` says otherwise. */
export const DEFAULT_RESERVE = 0.2;

/**
 * `cache`: REST GETs revalidate stored answers (`If-None-Match`); an authorised 304 costs no
 * rate-limit points. GraphQL has no validators and is always read in full.
 */
export function createApi(settings: GithubSettings, logger: Logger, tuning: GithubTuning = {}, reserve = DEFAULT_RESERVE, cache?: ReadCache): GithubApi {
  const calls: CallCounts = { reads: 0, writes: 0 };
  const timed = fetchWithDeadline(settings.timeoutMs, logger);
  const fetch = cache ? conditionalFetch(timed, cache.store, mayHaveGrown, cache.binding) : timed;
  const options = {
    calls,
    auth: settings.token,
    baseUrl: settings.baseUrl,
    userAgent: 'latch',
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => logger.warn({ message }, 'octokit warning'),
      // Every failed attempt lands here, recovered retries included; a final failure surfaces as a PlatformError.
      error: (message: string) => logger.debug({ message }, 'octokit error'),
    },
    request: { fetch },
  };
  const retries = { retries: tuning.retries ?? 3, retryBaseMs: tuning.retryBaseMs ?? 1000, rateLimitRetries: RATE_LIMIT_RETRIES, maxWaitSeconds: MAX_RATE_LIMIT_WAIT_SECONDS, notifyingFactor: NOTIFYING_WRITE_FACTOR, logger };
  const build = (writeIntervalMs: number) => {
    const client = new GithubOctokit(options);
    retryAndPace(client, { ...retries, writeIntervalMs });
    return client;
  };
  const octokit = build(settings.writeIntervalMs);
  const graphql = build(0);
  const budget = createRateBudget({ reserve, logger, now: tuning.now, sleep: tuning.sleep, maxWaitMs: MAX_RATE_LIMIT_WAIT_SECONDS * 1000 });
  spendWithin(octokit, budget);
  spendWithin(graphql, budget);
  return { octokit, graphql, token: settings.token, logger, budget };
}

/** Headers of an answer, or of the answer a failed call carries. */
function headersOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  const holder = 'headers' in value ? value : 'response' in value ? value.response : undefined;
  const headers = typeof holder === 'object' && holder !== null && 'headers' in holder ? holder.headers : undefined;
  return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
}

/**
 * Every answer updates the budget; a read holds a point of it from before it is sent until its
 * answer's numbers are in (`GET /rate_limit` is free).
 */
function spendWithin(octokit: GithubOctokit, budget: RateBudget): void {
  octokit.hook.wrap('request', async (request, options) => {
    const read = options.method === 'GET' || options.url === '/graphql';
    const release = read && options.url !== '/rate_limit' ? await budget.beforeRead(options.url === '/graphql' ? 'graphql' : 'core') : undefined;
    try {
      const response = await request(options);
      budget.observeHeaders(headersOf(response));
      return response;
    } catch (error) {
      budget.observeHeaders(headersOf(error));
      throw error;
    } finally {
      release?.();
    }
  });
}

/** Reads every page of a paged list and validates each one; the first bad page throws. */
export async function collectPages<T>(pages: AsyncIterable<{ data: unknown }>, item: z.ZodType<T>): Promise<T[]> {
  const all: T[] = [];
  const page = z.array(item);
  for await (const response of pages) all.push(...page.parse(response.data));
  return all;
}

const HttpFailure = z.object({
  status: z.number(),
  message: z.string(),
  response: z
    .object({
      headers: z.record(z.string(), z.unknown()).optional(),
      data: z.object({ message: z.string() }).optional().catch(undefined),
    })
    .optional(),
});

/** A 403 is worth retrying later only when GitHub says it is a rate limit. */
function isRateLimited(status: number, remaining: unknown, message: string): boolean {
  if (status === 429) return true;
  return status === 403 && (remaining === '0' || /rate limit/i.test(message));
}

/**
 * Turns whatever a call threw into a PlatformError naming the request (`what`), never the
 * token: Octokit redacts the authorization header, and the text is scrubbed in case an
 * answer echoes the credential.
 */
export function toPlatformError(error: unknown, operation: string, what: string, token: string): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof CallTimeout) return new PlatformError(PLATFORM, operation, `${what}: ${error.message}`, { retryable: true, cause: error });
  const scrub = (text: string) => scrubSecrets(text, [token]);
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
    return new PlatformError(PLATFORM, operation, scrub(`${what}: malformed response${where}`), { cause: error });
  }
  const http = HttpFailure.safeParse(error);
  if (!http.success) {
    const message = error instanceof Error ? error.message : String(error);
    return new PlatformError(PLATFORM, operation, scrub(`${what}: ${message}`), { retryable: true, cause: error });
  }
  const { status, response } = http.data;
  const message = response?.data?.message ?? http.data.message;
  const text = status === 404 ? 'not found (404), or not visible to the token' : `${status} ${message}`;
  const retryable = status >= 500 || status === 0 || isRateLimited(status, response?.headers?.['x-ratelimit-remaining'], message);
  return new PlatformError(PLATFORM, operation, scrub(`${what}: ${text}`), { status, retryable, cause: error });
}

/** Runs one API step; any failure becomes a PlatformError naming `what`. */
export async function attempt<T>(api: GithubApi, operation: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toPlatformError(error, operation, what, api.token);
  }
}

/**
 * Waits for every read of one resource, then throws the first failure: a list that failed
 * leaves no call of its own still running (it would land in the next read's place).
 */
export async function everyRead<T extends readonly unknown[]>(reads: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
