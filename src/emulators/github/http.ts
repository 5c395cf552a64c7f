import { createHash } from 'node:crypto';
import { Router, type EmulatorRequest, type EmulatorResponse, type RouteHandler } from '../harness.js';
import { failure } from './shapes.js';

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

function positiveInteger(value: string | null, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function pageUrl(request: EmulatorRequest, page: number): string {
  const query = new URLSearchParams(request.query);
  query.set('page', String(page));
  return `${request.baseUrl}${request.path}?${query.toString()}`;
}

/**
 * One page of a list, the way GitHub pages: `per_page` (default 30, at most 100) and
 * `page`, with a `Link` header naming prev/next/last/first in GitHub's order. A single
 * page gets no Link header at all, which is how clients know they are done.
 */
export function paginate<T>(request: EmulatorRequest, items: readonly T[], render: (item: T) => unknown): EmulatorResponse {
  const perPage = Math.min(positiveInteger(request.query.get('per_page'), DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = positiveInteger(request.query.get('page'), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(request, Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) links.push(`<${pageUrl(request, page + 1)}>; rel="next"`, `<${pageUrl(request, last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(request, 1)}>; rel="first"`);
  const body = items.slice((page - 1) * perPage, page * perPage).map(render);
  return { status: 200, headers: links.length > 0 ? { link: links.join(', ') } : {}, body };
}

/**
 * GitHub's secondary rate limit answer: no header says which limit was hit, only the
 * message, `retry-after` and, here, a zero remaining count so both of Octokit's throttling
 * paths (secondary by message, primary by remaining) wait for the same time.
 */
export function rateLimited(status: 403 | 429, retryAfterSeconds: number): EmulatorResponse {
  const answer = failure(
    status,
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  );
  return {
    ...answer,
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + retryAfterSeconds),
    },
  };
}

/** Accepts `token <t>` and `Bearer <t>`, as GitHub does; anything else is 401. */
export function checkToken(token: string | undefined, request: EmulatorRequest): EmulatorResponse | undefined {
  if (token === undefined) return undefined;
  const header = request.headers.authorization ?? '';
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
  if (match?.[1] === token) return undefined;
  return failure(401, 'Bad credentials');
}

/** A string field of a JSON body, `undefined` when the body or the field is missing. */
export function bodyField(body: unknown, field: string): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as Record<string, unknown>)[field];
}

/** Whether `If-None-Match` names `etag`: a list, `*`, and the weak comparison RFC 9110 asks for. */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === etag);
}

/**
 * GitHub's conditional requests: a GET answered with a body carries a strong `ETag` over that
 * body, and the same GET with a matching `If-None-Match` is answered 304 with no body.
 */
function withValidator(request: EmulatorRequest, answer: EmulatorResponse): EmulatorResponse {
  if (request.method !== 'GET' || answer.status !== 200 || answer.body === undefined) return answer;
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const etag = `"${createHash('sha256').update(text).digest('hex')}"`;
  const header = request.headers['if-none-match'];
  if (noneMatch(Array.isArray(header) ? header.join(',') : header, etag)) return { status: 304, headers: { etag } };
  return { ...answer, headers: { ...answer.headers, etag } };
}

/** A router whose GET answers go through `withValidator`. */
export class ConditionalRouter extends Router {
  override match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    const found = super.match(method, path);
    if (!found || method !== 'GET') return found;
    const { handler } = found;
    return { ...found, handler: async (request) => withValidator(request, await handler(request)) };
  }
}
