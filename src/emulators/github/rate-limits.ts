import type { EmulatorRequest, EmulatorResponse } from '../harness.js';
import { failure } from './shapes.js';

/**
 * GitHub's primary rate limits, one hourly bucket per resource family: `core` counts REST
 * requests (one point each), `graphql` counts the points of each query's documented cost.
 * Every count is kept here, so that every answer's headers and `GET /rate_limit` agree.
 */

export type Bucket = 'core' | 'graphql';

const WINDOW_SECONDS = 3600;
const DEFAULT_LIMIT = 5000;

interface BucketState {
  limit: number;
  used: number;
  /** Epoch seconds at which the window starts over. */
  resetAt: number;
}

/** How a test starts a bucket: a smaller limit, or part of the quota already spent. */
export interface BucketSeed {
  limit?: number;
  remaining?: number;
}

export interface RateLimits {
  buckets: Record<Bucket, BucketState>;
  /** Points charged since the emulator started, across windows. */
  spent: Record<Bucket, number>;
}

function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function bucket(seed: BucketSeed = {}): BucketState {
  const limit = seed.limit ?? DEFAULT_LIMIT;
  return { limit, used: Math.max(0, limit - (seed.remaining ?? limit)), resetAt: epochSeconds() + WINDOW_SECONDS };
}

export function createRateLimits(seed: Partial<Record<Bucket, BucketSeed>> = {}): RateLimits {
  return { buckets: { core: bucket(seed.core), graphql: bucket(seed.graphql) }, spent: { core: 0, graphql: 0 } };
}

function current(limits: RateLimits, name: Bucket): BucketState {
  const state = limits.buckets[name];
  if (epochSeconds() >= state.resetAt) {
    state.used = 0;
    state.resetAt = epochSeconds() + WINDOW_SECONDS;
  }
  return state;
}

/** A bucket's numbers now, as every header, `GET /rate_limit` and GraphQL's `rateLimit` report them. */
export function bucketNumbers(limits: RateLimits, name: Bucket): { limit: number; used: number; remaining: number; reset: number } {
  const state = current(limits, name);
  return { limit: state.limit, used: state.used, remaining: state.limit - state.used, reset: state.resetAt };
}

/** Charges `points`; false (nothing charged) when the bucket cannot pay them. */
export function charge(limits: RateLimits, name: Bucket, points: number): boolean {
  const state = current(limits, name);
  if (state.used + points > state.limit) return false;
  state.used += points;
  limits.spent[name] += points;
  return true;
}

/** The `x-ratelimit-*` headers GitHub sends with every answer, for the bucket the request drew on. */
export function rateLimitHeaders(limits: RateLimits, name: Bucket): Record<string, string> {
  const now = bucketNumbers(limits, name);
  return {
    'x-ratelimit-limit': String(now.limit),
    'x-ratelimit-remaining': String(now.remaining),
    'x-ratelimit-used': String(now.used),
    'x-ratelimit-reset': String(now.reset),
    'x-ratelimit-resource': name,
  };
}

/** `GET /rate_limit` is free, and so is a refused request; every other REST request costs one core point. */
function costsCore(request: EmulatorRequest): boolean {
  return request.path !== '/rate_limit' && request.path !== '/graphql';
}

/**
 * Counts a REST request that was answered and returns its headers. `/graphql` charges its own
 * bucket by query cost and sends its own headers; here it only gets the current numbers.
 */
export function countRest(limits: RateLimits, request: EmulatorRequest, answer?: EmulatorResponse): Record<string, string> {
  if (request.path === '/graphql') return rateLimitHeaders(limits, 'graphql');
  // GitHub charges nothing for a 304 to an authorised conditional request.
  const notModified = answer?.status === 304 && request.headers.authorization !== undefined;
  if (costsCore(request) && !notModified) charge(limits, 'core', 1);
  return rateLimitHeaders(limits, 'core');
}

/**
 * GitHub's answer once the core quota is spent: 403, `x-ratelimit-remaining: 0`, and the
 * reset time, which clients wait for. `/graphql` reports its own exhaustion in the GraphQL way.
 */
export function refuseWhenSpent(limits: RateLimits, request: EmulatorRequest): EmulatorResponse | undefined {
  if (!costsCore(request) || bucketNumbers(limits, 'core').remaining > 0) return undefined;
  const answer = failure(403, 'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.', 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api');
  return { ...answer, headers: rateLimitHeaders(limits, 'core') };
}

/** `GET /rate_limit`: every bucket, and `rate` (deprecated) repeating `core`. */
export function rateLimitBody(limits: RateLimits): Record<string, unknown> {
  const render = (name: Bucket) => ({ ...bucketNumbers(limits, name), resource: name });
  const core = render('core');
  const search = { limit: 30, used: 0, remaining: 30, reset: epochSeconds() + 60, resource: 'search' };
  return { resources: { core, search, graphql: render('graphql') }, rate: core };
}

/** ISO time of the next reset of a bucket, as GraphQL's `rateLimit.resetAt` prints it. */
export function resetAtIso(limits: RateLimits, name: Bucket): string {
  return new Date(current(limits, name).resetAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
