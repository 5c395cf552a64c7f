import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conditionalFetch } from '../../src/platforms/conditional-fetch.js';
import { openResponseCache, type ResponseCache } from '../../src/platforms/http-cache.js';
import { mayHaveGrown } from '../../src/platforms/github/transport.js';

const URL_A = 'https://api.github.test/orgs/acme/members?per_page=2';
const AUTH = { authorization: 'token ghs_fetchUnitSecret000000000000000' };

interface Sent {
  method: string;
  ifNoneMatch: string | null;
}

/** A platform that answers from a script and remembers what it was asked. */
function platform(answers: Response[]): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: async (_input, init) => {
      const headers = new Headers(init?.headers);
      sent.push({ method: init?.method ?? 'GET', ifNoneMatch: headers.get('if-none-match') });
      const next = answers.shift();
      if (!next) throw new Error('no answer left');
      return next;
    },
  };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
const notModified = (etag: string) => new Response(null, { status: 304, headers: { etag, 'x-ratelimit-used': '7' } });

let dir: string;
let cache: ResponseCache;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latch-fetch-'));
  cache = openResponseCache(dir, pino({ level: 'silent' }));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('conditional GETs through the read cache', () => {
  it('sends the stored ETag and, on 304, hands back the stored body with its Link header', async () => {
    const link = '<https://api.github.test/orgs/acme/members?per_page=2&page=2>; rel="next"';
    const remote = platform([json([{ login: 'a' }, { login: 'b' }], { etag: '"v1"', link }), notModified('"v1"')]);
    const get = conditionalFetch(remote.fetch, cache, mayHaveGrown);
    await (await get(URL_A, { method: 'GET', headers: AUTH })).text();
    const second = await get(URL_A, { method: 'GET', headers: AUTH });
    expect(remote.sent.map((request) => request.ifNoneMatch)).toEqual([null, '"v1"']);
    expect(second.status).toBe(200);
    expect(second.headers.get('link')).toBe(link);
    expect(second.headers.get('x-ratelimit-used')).toBe('7');
    expect(await second.json()).toEqual([{ login: 'a' }, { login: 'b' }]);
  });

  it('uses the new body when the platform answers 200 to a stale ETag', async () => {
    const remote = platform([json([{ login: 'a' }], { etag: '"v1"' }), json([{ login: 'c' }], { etag: '"v2"' }), notModified('"v2"')]);
    const get = conditionalFetch(remote.fetch, cache, mayHaveGrown);
    await (await get(URL_A, { headers: AUTH })).text();
    expect(await (await get(URL_A, { headers: AUTH })).json()).toEqual([{ login: 'c' }]);
    expect(await (await get(URL_A, { headers: AUTH })).json()).toEqual([{ login: 'c' }]);
    expect(remote.sent.map((request) => request.ifNoneMatch)).toEqual([null, '"v1"', '"v2"']);
  });

  it.each([
    ['the same binding, another token: the stored ETag is sent', 'binding-a', ['"v1"']],
    ['another binding: no validator is sent', 'binding-b', [null]],
  ])('with a stable binding, %s', async (_name, binding, expected) => {
    const remote = platform([json([{ login: 'a' }], { etag: '"v1"' }), expected[0] ? notModified('"v1"') : json([{ login: 'a' }], { etag: '"v1"' })]);
    await (await conditionalFetch(remote.fetch, cache, mayHaveGrown, 'binding-a')(URL_A, { headers: AUTH })).text();
    const next = conditionalFetch(remote.fetch, cache, mayHaveGrown, binding);
    const answer = await next(URL_A, { headers: { authorization: 'token ghs_theNextRunsToken00000000000000000' } });
    expect(await answer.json()).toEqual([{ login: 'a' }]);
    expect(remote.sent.map((request) => request.ifNoneMatch)).toEqual([null, ...expected]);
  });

  it('sends no validator under another credential', async () => {
    const remote = platform([json([{ login: 'a' }], { etag: '"v1"' }), json([{ login: 'a' }], { etag: '"v1"' })]);
    const get = conditionalFetch(remote.fetch, cache, mayHaveGrown);
    await (await get(URL_A, { headers: AUTH })).text();
    await (await get(URL_A, { headers: { authorization: 'token ghs_another000000000000000000000000' } })).text();
    expect(remote.sent.map((request) => request.ifNoneMatch)).toEqual([null, null]);
  });

  it('reads a full last page in full, since it may have gained a next page under the same ETag', async () => {
    const remote = platform([json([{ login: 'a' }, { login: 'b' }], { etag: '"v1"' }), json([{ login: 'a' }, { login: 'b' }], { etag: '"v1"' })]);
    const get = conditionalFetch(remote.fetch, cache, mayHaveGrown);
    await (await get(URL_A, { headers: AUTH })).text();
    await (await get(URL_A, { headers: AUTH })).text();
    expect(remote.sent.map((request) => request.ifNoneMatch)).toEqual([null, null]);
  });

  it('leaves writes, anonymous reads and answers without a validator alone', async () => {
    const remote = platform([json({ ok: true }, { etag: '"w"' }), json([], { etag: '"anon"' }), json([]), json([])]);
    const get = conditionalFetch(remote.fetch, cache, mayHaveGrown);
    await get(URL_A, { method: 'PUT', headers: AUTH });
    await get(URL_A, { method: 'GET' });
    await get(`${URL_A}&x=1`, { headers: AUTH });
    await get(`${URL_A}&x=1`, { headers: AUTH });
    expect(remote.sent.map((request) => request.ifNoneMatch)).toEqual([null, null, null, null]);
  });
});
