import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/platforms/github/client.js';
import { createUserResolver } from '../../../src/platforms/github/users.js';
import { assertAllMocksUsed, BASE, github, TOKEN, user } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(assertAllMocksUsed);
afterAll(() => nock.enableNetConnect());

function resolver() {
  return createUserResolver(createApi({ baseUrl: BASE, token: TOKEN, writeIntervalMs: 0, timeoutMs: 30_000 }, pino({ level: 'silent' }), { retries: 1, retryBaseMs: 1 }));
}

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/users/users#get-a-user', status: '404' };

describe('GitHub principal lookup (GET /users/{username})', () => {
  it('tells an account (200) from a login GitHub does not have (404) and an organisation', async () => {
    github().get('/users/dana-apex').reply(200, user('dana-apex'));
    github().get('/users/dana-apexx').reply(404, NOT_FOUND);
    github().get('/users/acme-agency').reply(200, { ...user('acme-agency'), type: 'Organization' });

    const checks = await resolver()(['dana-apex', 'dana-apexx', 'acme-agency']);

    expect(Object.fromEntries(checks)).toEqual({
      'dana-apex': { status: 'exists' },
      'dana-apexx': { status: 'unknown', message: 'GitHub has no user with this login' },
      'acme-agency': { status: 'unknown', message: 'acme-agency is a GitHub organisation, not a user' },
    });
  });

  it('asks about each login once per run, and never about an e-mail', async () => {
    github().get('/users/dana-apex').once().reply(200, user('dana-apex'));
    const resolve = resolver();

    await resolve(['dana-apex', 'dana@apexoutdoor.com']);
    const again = await resolve(['dana-apex']);

    expect(again.get('dana-apex')).toEqual({ status: 'exists' });
    expect((await resolve(['dana@apexoutdoor.com'])).size).toBe(0);
  });

  it('leaves a login unchecked, never unknown, when GitHub fails after retries, without the token in the reason', async () => {
    github().get('/users/dana-apex').times(2).reply(503, { message: 'Service Unavailable' });

    const check = (await resolver()(['dana-apex'])).get('dana-apex');

    expect(check).toEqual({ status: 'unchecked', error: 'github resolve: GET /users/dana-apex: 503 Service Unavailable' });
    expect(JSON.stringify(check)).not.toContain(TOKEN);
  });

  it('leaves a login unchecked when the answer is not a user', async () => {
    github().get('/users/dana-apex').reply(200, { message: 'hello' });

    const check = (await resolver()(['dana-apex'])).get('dana-apex');

    expect(check).toMatchObject({ status: 'unchecked', error: expect.stringContaining('malformed response') as unknown });
  });
});
