import { inspect } from 'node:util';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlatformError } from '../../../src/errors.js';
import { createApi, readSettings, toPlatformError, type GithubApi } from '../../../src/platforms/github/client.js';
import { assertAllMocksUsed, BASE, github, TOKEN } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(assertAllMocksUsed);
afterAll(() => nock.enableNetConnect());

function api(): GithubApi {
  return createApi({ baseUrl: BASE, token: TOKEN, writeIntervalMs: 0, timeoutMs: 30_000 }, pino({ level: 'silent' }), { retryBaseMs: 1 });
}

describe('readSettings', () => {
  it('names the missing token variable', () => {
    expect(() => readSettings({ GITHUB_API_URL: BASE })).toThrow(PlatformError);
    expect(() => readSettings({ GITHUB_API_URL: BASE })).toThrow(/GITHUB_TOKEN is not set/);
  });

  it('defaults to api.github.com and a one-second write interval', () => {
    expect(readSettings({ GITHUB_TOKEN: TOKEN })).toEqual({ baseUrl: 'https://api.github.com', token: TOKEN, writeIntervalMs: 1000, timeoutMs: 30_000 });
  });

  it('takes the base URL without its trailing slash and the interval from the environment', () => {
    const settings = readSettings({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: 'http://127.0.0.1:4010/', LATCH_GITHUB_WRITE_INTERVAL_MS: '0' });
    expect(settings).toMatchObject({ baseUrl: 'http://127.0.0.1:4010', writeIntervalMs: 0 });
  });

  it.each(['-5', 'fast', '1.5'])('refuses write interval "%s" without quoting the token', (value) => {
    const read = () => readSettings({ GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: value });
    expect(read).toThrow(/LATCH_GITHUB_WRITE_INTERVAL_MS/);
    expect(read).not.toThrow(new RegExp(TOKEN));
  });
});

describe('toPlatformError', () => {
  function httpError(status: number, message: string, headers: Record<string, string> = {}) {
    return Object.assign(new Error(message), { status, response: { headers, data: { message } } });
  }

  it.each([
    [500, {}, 'Server Error', true],
    [502, {}, 'Bad Gateway', true],
    [429, {}, 'Too Many Requests', true],
    [403, { 'x-ratelimit-remaining': '0' }, 'API rate limit exceeded', true],
    [403, {}, 'You have exceeded a secondary rate limit', true],
    [403, {}, 'Resource not accessible by integration', false],
    [422, {}, 'Validation Failed', false],
    [401, {}, 'Bad credentials', false],
  ])('status %i %j "%s" is retryable: %s', (status, headers, message, retryable) => {
    const error = toPlatformError(httpError(status, message, headers), 'list', 'GET /repos/acme/web/collaborators', TOKEN);
    expect(error).toMatchObject({ platform: 'github', operation: 'list', status, retryable });
    expect(error.message).toBe(`github list: GET /repos/acme/web/collaborators: ${status} ${message}`);
  });

  it('says what a 404 means for a token', () => {
    const error = toPlatformError(httpError(404, 'Not Found'), 'list', 'GET /repos/acme/gone/collaborators', TOKEN);
    expect(error.message).toMatch(/not found \(404\), or not visible to the token/);
    expect(error.retryable).toBe(false);
  });

  it('scrubs the token from a message that echoes it', () => {
    const error = toPlatformError(httpError(401, `token ${TOKEN} is bad`), 'grant', 'PUT /x', TOKEN);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('[redacted]');
  });

  it('reports a malformed body with the failing path', () => {
    const parsed = z.array(z.object({ login: z.string() })).safeParse([{ login: 7 }]);
    if (parsed.success) throw new Error('expected a validation failure');
    const error = toPlatformError(parsed.error, 'list', 'GET /orgs/acme/outside_collaborators', TOKEN);
    expect(error.message).toMatch(/malformed response at 0\.login/);
    expect(error.retryable).toBe(false);
  });
});

describe('the Octokit client', () => {
  it('pins the API version, authenticates and counts reads and writes', async () => {
    github().get('/repos/acme/web').reply(200, { id: 1 }).delete('/repos/acme/web/collaborators/finn').reply(204);
    const client = api();
    await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' });
    await client.octokit.request('DELETE /repos/{owner}/{repo}/collaborators/{username}', { owner: 'acme', repo: 'web', username: 'finn' });
    expect(client.octokit.calls).toEqual({ reads: 1, writes: 1 });
  });

  it('paces writes by the interval, and writes that e-mail someone three times slower', async () => {
    const seen: number[] = [];
    const stamp = (status: number) => () => {
      seen.push(Date.now());
      return [status, ''] as [number, string];
    };
    github()
      .patch('/repos/acme/web/invitations/1').reply(stamp(200))
      .patch('/repos/acme/web/invitations/2').reply(stamp(200))
      .delete('/repos/acme/web/collaborators/a').reply(stamp(204))
      .delete('/repos/acme/web/collaborators/b').reply(stamp(204));
    const client = createApi({ baseUrl: BASE, token: TOKEN, writeIntervalMs: 400, timeoutMs: 30_000 }, pino({ level: 'silent' }));
    const invitation = (id: number) => client.octokit.request('PATCH /repos/{owner}/{repo}/invitations/{invitation_id}', { owner: 'acme', repo: 'web', invitation_id: id, permissions: 'read' });
    const removal = (username: string) => client.octokit.request('DELETE /repos/{owner}/{repo}/collaborators/{username}', { owner: 'acme', repo: 'web', username });
    await Promise.all([invitation(1), invitation(2)]);
    await Promise.all([removal('a'), removal('b')]);
    const [first = 0, second = 0, third = 0, fourth = 0] = seen;
    // The stamps are taken when the answer is made, so a loaded machine shifts each by some
    // milliseconds; the margins keep the test about pacing, not about the machine.
    expect(second - first).toBeGreaterThanOrEqual(300);
    expect(fourth - third).toBeGreaterThanOrEqual(1000);
  });

  it('sends GraphQL queries without the pause between writes, counted as reads with the REST calls', async () => {
    github().post('/graphql').times(3).reply(200, { data: { viewer: { login: 'latch' } } });
    // With a minute between writes, a second query paced like a write could not finish within the test's timeout.
    const client = createApi({ baseUrl: BASE, token: TOKEN, writeIntervalMs: 60_000, timeoutMs: 30_000 }, pino({ level: 'silent' }));
    const query = () => client.graphql.request('POST /graphql', { query: '{ viewer { login } }' });
    await Promise.all([query(), query(), query()]);
    expect(client.octokit.calls).toEqual({ reads: 3, writes: 0 });
  });

  it('retries a 5xx answer and counts every attempt', async () => {
    github().get('/repos/acme/web').reply(502, { message: 'Bad Gateway' }).get('/repos/acme/web').reply(200, { id: 1 });
    const client = api();
    const response = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' });
    expect(response.data).toEqual({ id: 1 });
    expect(client.octokit.calls.reads).toBe(2);
  });

  it('stops retrying a 5xx after three retries', async () => {
    github().get('/repos/acme/web').times(4).reply(500, { message: 'Server Error' });
    const client = api();
    await expect(client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' })).rejects.toMatchObject({ status: 500 });
    expect(client.octokit.calls.reads).toBe(4);
  });

  it('waits out a secondary rate limit as long as retry-after says', async () => {
    github()
      .put('/repos/acme/web/collaborators/finn')
      .reply(429, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' })
      .put('/repos/acme/web/collaborators/finn', { permission: 'pull' })
      .reply(204);
    const client = api();
    const started = Date.now();
    const response = await client.octokit.request('PUT /repos/{owner}/{repo}/collaborators/{username}', { owner: 'acme', repo: 'web', username: 'finn', permission: 'pull' });
    expect(response.status).toBe(204);
    // A lower bound only: the retry waited as long as retry-after said (never sooner).
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(client.octokit.calls.writes).toBe(2);
  });

  it('gives up on a primary rate limit after two retries', async () => {
    const exhausted = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' };
    github().get('/repos/acme/web').times(3).reply(403, { message: 'API rate limit exceeded' }, exhausted);
    const client = api();
    const failure = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' }).catch((error: unknown) => error);
    expect(client.octokit.calls.reads).toBe(3);
    const error = toPlatformError(failure, 'list', 'GET /repos/acme/web', TOKEN);
    expect(error).toMatchObject({ status: 403, retryable: true });
  });

  it('does not stall a run for a quota that resets in an hour', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    github().get('/repos/acme/web').reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    const client = api();
    await expect(client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' })).rejects.toMatchObject({ status: 403 });
    expect(client.octokit.calls.reads).toBe(1);
  });

  it('keeps the token out of the error and everything it carries', async () => {
    github().get('/repos/acme/web').reply(401, { message: 'Bad credentials' });
    const client = api();
    const failure = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' }).catch((error: unknown) => error);
    const error = toPlatformError(failure, 'list', 'GET /repos/acme/web', TOKEN);
    expect(error.message).toBe('github list: GET /repos/acme/web: 401 Bad credentials');
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
