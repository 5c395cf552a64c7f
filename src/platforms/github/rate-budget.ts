import type { Logger } from 'pino';
import { PlatformError } from '../../errors.js';
import type { GraphqlRateLimit, RateResource } from './schema.js';

/**
 * What is left of GitHub's hourly quotas, as the answers report it: REST (`core`) in every
 * answer's `x-ratelimit-*` headers, GraphQL in each query's `rateLimit`. Reads stop short of
 * a reserve (a share of the limit kept for the other runs and tools that use the same
 * token): once a bucket is down to it, a read waits for the reset, or fails when the reset is
 * too far away. Writes are not held back: they are what the run was asked to do.
 */

export type BucketName = 'core' | 'graphql';

interface BucketState {
  limit: number;
  remaining: number;
  /** Epoch milliseconds of the next reset. */
  resetAt: number;
}

export interface BudgetOptions {
  /** Share of each bucket's limit reads leave alone, from 0 to 1. */
  reserve: number;
  logger: Logger;
  /** Epoch milliseconds; injectable so tests need no wall clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A reset further away than this fails the read instead of stalling the run. */
  maxWaitMs?: number;
}

export interface RateBudget {
  /** Points kept in reserve in a bucket of `limit` points. */
  reservePoints(limit: number): number;
  /** Takes the numbers of a REST or GraphQL answer's `x-ratelimit-*` headers. */
  observeHeaders(headers: Record<string, unknown>): void;
  /** Takes a GraphQL answer's `rateLimit`. */
  observeGraphql(rate: GraphqlRateLimit): void;
  /** Takes the numbers of `GET /rate_limit`. */
  observeOverview(name: BucketName, resource: RateResource): void;
  /**
   * Resolves when a read may spend a point of `bucket`, and holds that point until the
   * returned release is called, once the read's answer (or failure) is in: reads in flight
   * count against what is left, so concurrent reads together stop at the reserve. At the
   * reserve a read waits for the reads in flight to answer, then for the reset, or throws.
   */
  beforeRead(bucket: BucketName): Promise<Release>;
}

/** Gives back the point a read held; calling it again does nothing. */
export type Release = () => void;

const DEFAULT_MAX_WAIT_MS = 600_000;

function numberOf(value: unknown): number | undefined {
  const parsed = Number(value);
  return value !== undefined && value !== null && value !== '' && Number.isFinite(parsed) ? parsed : undefined;
}

/** `15:42 UTC`, or the date too when it is not today. */
export function clockTime(epochMs: number, now: number): string {
  const iso = new Date(epochMs).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

export function createRateBudget(options: BudgetOptions): RateBudget {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const buckets = new Map<BucketName, BucketState>();
  const reservePoints = (limit: number) => Math.ceil(limit * options.reserve);

  const inFlight: Record<BucketName, number> = { core: 0, graphql: 0 };
  let waiting: Array<() => void> = [];

  function nextAnswer(): Promise<void> {
    return new Promise((resolve) => waiting.push(resolve));
  }

  function hold(bucket: BucketName): Release {
    inFlight[bucket] += 1;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      inFlight[bucket] -= 1;
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    };
  }

  /** At the reserve with nothing in flight: waits for the window to start over, or throws when that is too far away. */
  async function untilReset(bucket: BucketName, known: BucketState): Promise<void> {
    const wait = known.resetAt - now();
    if (wait > maxWaitMs) {
      const reserve = reservePoints(known.limit);
      throw new PlatformError(
        'github',
        'list',
        `GitHub ${bucket === 'core' ? 'REST' : 'GraphQL'} rate limit: ${known.remaining} of ${known.limit} points left, and ${reserve} are kept in reserve for other runs (github.rateLimit.reserve); the quota resets at ${clockTime(known.resetAt, now())}`,
        { retryable: true },
      );
    }
    if (wait > 0) {
      options.logger.warn({ bucket, remaining: known.remaining, reserve: reservePoints(known.limit), waitMs: wait }, 'github rate-limit reserve reached, waiting for the reset');
      await sleep(wait);
    }
    // The window has started over; the next answer brings the real numbers.
    buckets.set(bucket, { ...known, remaining: known.limit });
  }

  function update(name: BucketName, next: BucketState): void {
    const known = buckets.get(name);
    // Answers arrive out of order; within one window the lowest count is the latest.
    if (known && known.resetAt === next.resetAt && known.remaining < next.remaining) return;
    buckets.set(name, next);
  }

  return {
    reservePoints,
    observeHeaders(headers) {
      const resource = headers['x-ratelimit-resource'];
      const name = resource === 'graphql' ? 'graphql' : resource === 'core' ? 'core' : undefined;
      const limit = numberOf(headers['x-ratelimit-limit']);
      const remaining = numberOf(headers['x-ratelimit-remaining']);
      const reset = numberOf(headers['x-ratelimit-reset']);
      if (!name || limit === undefined || remaining === undefined || reset === undefined) return;
      update(name, { limit, remaining, resetAt: reset * 1000 });
    },
    observeGraphql(rate) {
      const resetAt = Date.parse(rate.resetAt);
      const limit = rate.limit ?? buckets.get('graphql')?.limit;
      if (!Number.isFinite(resetAt) || limit === undefined) return;
      update('graphql', { limit, remaining: rate.remaining, resetAt });
    },
    observeOverview(name, resource) {
      update(name, { limit: resource.limit, remaining: resource.remaining, resetAt: resource.reset * 1000 });
    },
    async beforeRead(bucket) {
      for (;;) {
        const known = buckets.get(bucket);
        // Before the first answer nothing is known; `prepare` asks `GET /rate_limit` first.
        if (!known || known.remaining - inFlight[bucket] > reservePoints(known.limit)) return hold(bucket);
        // Reads in flight may cost less than they hold (a 304 is free): their answers tell.
        if (inFlight[bucket] > 0) await nextAnswer();
        else await untilReset(bucket, known);
      }
    },
  };
}
