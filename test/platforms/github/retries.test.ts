import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../src/platforms/github/client.js';
import { rateLimitOf } from '../../../src/platforms/github/retries.js';
import { assertAllMocksUsed, BASE, github, TOKEN } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  vi.useRealTimers();
  assertAllMocksUsed();
});
afterAll(() => nock.enableNetConnect());

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('rateLimitOf', () => {
  const failure = (status: number, message: string, headers: Record<string, string> = {}, data?: unknown) => ({ status, message, response: { headers, data } });
  it.each([
    ['a secondary limit with retry-after', failure(403, 'You have exceeded a secondary rate limit', { 'retry-after': '30' }), { kind: 'secondary', retryAfter: 30 }],
    ['a secondary limit naming no wait (GitHub says a minute)', failure(429, 'You have exceeded a secondary rate limit'), { kind: 'secondary', retryAfter: 60 }],
    ['an exhausted quota, until a second after its reset', failure(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) }), { kind: 'primary', retryAfter: 91 }],
    ['an exhausted quota whose reset has passed', failure(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' }), { kind: 'primary', retryAfter: 0 }],
    ['a GraphQL RATE_LIMITED answer', { message: 'GraphQL Rate Limit Exceeded', response: { headers: { 'x-ratelimit-reset': String(NOW / 1000 + 9) }, data: { errors: [{ type: 'RATE_LIMITED' }] } } }, { kind: 'primary', retryAfter: 10 }],
    ['a 429 naming neither limit but a wait', failure(429, 'Too Many Requests', { 'retry-after': '2' }), { kind: 'too-many-requests', retryAfter: 2 }],
  ])('reads %s', (_name, error, limit) => {
    expect(rateLimitOf(error, NOW)).toEqual(limit);
  });

  it.each([
    ['a 403 that is no rate limit', failure(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '4000' })],
    ['a 429 naming no wait', failure(429, 'Too Many Requests')],
    ['a 500', failure(500, 'Server Error', { 'retry-after': '5' })],
    ['something that is not an HTTP failure', new Error('socket hang up')],
  ])('leaves %s to the other rules', (_name, error) => {
    expect(rateLimitOf(error, NOW)).toBeUndefined();
  });
});

describe('pacing', () => {
  it('sends writes that e-mail someone with pacing off without waiting on a timer', async () => {
    github().put('/repos/acme/web/collaborators/finn').reply(204).delete('/repos/acme/web/collaborators/ana').reply(204).put('/orgs/acme/teams/eng/memberships/finn').reply(200, { state: 'active', role: 'member' });
    const client = createApi({ baseUrl: BASE, token: TOKEN, writeIntervalMs: 0, timeoutMs: 30_000 }, pino({ level: 'silent' }));
    // No timer ever fires here: a write that waited on one (a queue's turn, a pause of 0 ms) would never be sent.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
    const repo = { owner: 'acme', repo: 'web' };
    const sent = await Promise.all([
      client.octokit.request('PUT /repos/{owner}/{repo}/collaborators/{username}', { ...repo, username: 'finn', permission: 'push' }),
      client.octokit.request('DELETE /repos/{owner}/{repo}/collaborators/{username}', { ...repo, username: 'ana' }),
      client.octokit.request('PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', { org: 'acme', team_slug: 'eng', username: 'finn', role: 'member' }),
    ]);
    expect(sent.map((response) => response.status)).toEqual([204, 204, 200]);
    expect(client.octokit.calls.writes).toBe(3);
  });
});
