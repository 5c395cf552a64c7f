import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { linkedinError } from './routes.js';
import type { LinkedinState } from './state.js';

const MAX_COUNT = 1000;

export interface DiscoveryOptions {
  /** Ad account names, by id (digits). */
  names?: Readonly<Record<string, string>>;
  /** Most accounts per page whatever `count` asks; tests lower it to see paging. */
  maxPageSize?: number;
}

/** `GET /adAccounts?q=search`: every ad account the token's member has a role on, paged by start/count. */
function searchAccounts(state: LinkedinState, request: EmulatorRequest, options: DiscoveryOptions): EmulatorResponse {
  const names = options.names ?? {};
  if (request.query.get('q') !== 'search') return linkedinError(400, 'ILLEGAL_ARGUMENT', `Unsupported finder: ${request.query.get('q') ?? '(none)'}`);
  const start = Number(request.query.get('start') ?? '0');
  const asked = Number(request.query.get('count') ?? '10');
  // LinkedIn may answer fewer than `count`; clients page on by `total`.
  const count = options.maxPageSize === undefined ? asked : Math.min(asked, options.maxPageSize);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    return linkedinError(400, 'ILLEGAL_ARGUMENT', `start and count must be non-negative integers, count at most ${MAX_COUNT}`);
  }
  const all = [...state.accounts.keys()].sort().map((urn) => {
    const id = urn.slice(urn.lastIndexOf(':') + 1);
    return { id: Number(id), name: names[id] ?? `Account ${id}`, reference: 'urn:li:organization:1', status: 'ACTIVE', type: 'BUSINESS', currency: 'USD', test: false };
  });
  return { status: 200, body: { elements: all.slice(start, start + count), paging: { start, count, total: all.length, links: [] } } };
}

/** The ad accounts finder, at the root and under /rest. */
export function addDiscoveryRoutes(router: Router, state: LinkedinState, options: DiscoveryOptions = {}): void {
  for (const prefix of ['', '/rest']) router.route('GET', `${prefix}/adAccounts`, (request) => searchAccounts(state, request, options));
}
