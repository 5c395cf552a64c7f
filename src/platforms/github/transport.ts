import type { Logger } from 'pino';

/** What Octokit leaves to its caller: a deadline on every call, answer body included. */

/** `LATCH_HTTP_TIMEOUT_MS` when unset: long enough for a slow page of 100, short enough that a stall ends the read. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A call that got no complete answer in time, retry included; never retried (retries.ts). */
export class CallTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs / 1000} s`);
    // Octokit's fetch-wrapper rethrows an AbortError untouched instead of making it a retried 500.
    this.name = 'AbortError';
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

const BODILESS = new Set([101, 204, 205, 304]);

/**
 * One exchange under a deadline that is cleared as soon as the body is in. Not
 * `AbortSignal.timeout`: its timer lives on for the whole deadline after the answer, and
 * through the signal keeps the finished request and its answer reachable, so each call's
 * objects were promoted to the old generation and the heap grew by tens of MB per run.
 */
async function exchange(input: Parameters<typeof fetch>[0], init: RequestInit | undefined, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  try {
    const response = await fetch(input, { ...init, signal: controller.signal });
    const body = BODILESS.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fetch whose deadline covers the whole exchange, body included (the body is read here,
 * inside the deadline), tried twice at most: a second stall is a timeout.
 */
export function fetchWithDeadline(timeoutMs: number, logger: Logger): typeof fetch {
  return async (input, init) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await exchange(input, init, timeoutMs);
      } catch (error) {
        if (!isTimeout(error)) throw error;
        if (attempt >= 2) throw new CallTimeout(timeoutMs);
        logger.debug({ timeoutMs, attempt }, 'github call timed out, trying once more');
      }
    }
  };
}

/** GitHub's default page size, when a URL names none. */
const DEFAULT_PER_PAGE = 30;

/**
 * A full last page may since have gained a next page while its own body, and so its ETag,
 * stayed the same: a 304 would replay a Link header without `next` and end the list early.
 * Such a page is read in full; every other page's stored `next` names the same URL as ever.
 */
export function mayHaveGrown(url: string, cached: { headers: Record<string, string>; body: string }): boolean {
  if (/\brel="next"/.test(cached.headers.link ?? '')) return false;
  const perPage = Number(new URL(url).searchParams.get('per_page') ?? DEFAULT_PER_PAGE);
  try {
    const items: unknown = JSON.parse(cached.body);
    return Array.isArray(items) && items.length >= perPage;
  } catch {
    return true;
  }
}
