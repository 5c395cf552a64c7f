import { describe, expect, it } from 'vitest';
import { startGoogleAdsEmulator, type GoogleAdsEmulator, type GoogleAdsEmulatorOptions, type GoogleAdsSeed } from '../../../src/emulators/google-ads/index.js';
import { createGoogleAdsAdapter, googleAdsFactory, type GoogleAdsTuning } from '../../../src/platforms/google-ads/index.js';
import { emulatorPerTest, failure } from '../emulator-per-test.js';
import { CUSTOMER, DEVELOPER_TOKEN, TOKEN, context, customer, daysAgo, recordingSleep } from './helpers.js';

function seed(): GoogleAdsSeed {
  const many = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`analyst${String(index).padStart(2, '0')}@apex.com`, 'READ_ONLY' as const]));
  return {
    customers: {
      '123-456-7890': {
        users: { 'Maria@Acme-Agency.com': 'ADMIN', 'dana@apexoutdoor.com': 'STANDARD', 'reports@apexoutdoor.com': 'EMAIL_ONLY' },
        invitations: [
          { id: '41', email: 'finn@apexoutdoor.com', role: 'READ_ONLY', createdAt: daysAgo(2) },
          { id: '42', email: 'old@apexoutdoor.com', role: 'STANDARD', createdAt: daysAgo(25) },
          { id: '43', email: 'declined@apexoutdoor.com', role: 'ADMIN', status: 'DECLINED' },
        ],
      },
      '2222222222': { users: many },
    },
  };
}

const emulators = emulatorPerTest<GoogleAdsEmulator>();
let emulator: GoogleAdsEmulator;

async function start(options: Partial<GoogleAdsEmulatorOptions> = {}): Promise<GoogleAdsEmulator> {
  emulator = emulators.started(await startGoogleAdsEmulator({ seed: seed(), token: TOKEN, developerToken: DEVELOPER_TOKEN, pageSize: 10, ...options }));
  return emulator;
}

function adapter(tuning: GoogleAdsTuning = {}, env: NodeJS.ProcessEnv = {}) {
  return createGoogleAdsAdapter(context({ LATCH_GOOGLE_ADS_API_URL: `${emulator.url}/v26`, ...env }), { retryBaseMs: 1, ...tuning });
}

describe('google ads factory', () => {
  it('declares its kind', () => {
    expect(googleAdsFactory).toMatchObject({ id: 'google-ads', kinds: ['google-ads-account'] });
  });

  it.each([
    ['LATCH_GOOGLE_ADS_TOKEN', { LATCH_GOOGLE_ADS_TOKEN: undefined }],
    ['LATCH_GOOGLE_ADS_DEVELOPER_TOKEN', { LATCH_GOOGLE_ADS_DEVELOPER_TOKEN: undefined }],
    ['LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID', { LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID: '12345' }],
  ])('names %s when it is missing or malformed', (name, env) => {
    expect(() => googleAdsFactory.create(context(env))).toThrow(name);
  });

  it('refuses a reference that is not a customer id before any call', async () => {
    await start();
    await expect(adapter().list(customer('apex-ads'))).rejects.toThrow(/not a 10-digit customer id/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('listing a customer', () => {
  it('maps users and pending invitations, expired ones marked', async () => {
    await start();
    const grants = await adapter().list(customer());
    expect(grants).toEqual([
      { principal: 'dana@apexoutdoor.com', level: 'standard', handle: expect.stringMatching(new RegExp(`^customers/${CUSTOMER}/customerUserAccesses/\\d+$`)) },
      {
        principal: 'finn@apexoutdoor.com',
        level: 'read-only',
        pending: { id: '41', expired: false, createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
        handle: `customers/${CUSTOMER}/customerUserAccessInvitations/41`,
      },
      { principal: 'maria@acme-agency.com', level: 'admin', handle: expect.any(String) },
      { principal: 'old@apexoutdoor.com', level: 'standard', pending: expect.objectContaining({ id: '42', expired: true }), handle: expect.any(String) },
      { principal: 'reports@apexoutdoor.com', level: 'email-only', handle: expect.any(String) },
    ]);
    const headers = emulator.requests.map((request) => request.authorization);
    expect(headers.every((value) => value === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('judges expiry by the 20 days Google Ads gives an invitation', async () => {
    await start();
    const atNineteenDaysOld = adapter({ now: () => Date.now() + 17 * 86_400_000 });
    const finn = (await atNineteenDaysOld.list(customer())).find((grant) => grant.principal === 'finn@apexoutdoor.com');
    expect(finn?.pending?.expired).toBe(false);
    const atTwentyOneDaysOld = adapter({ now: () => Date.now() + 19 * 86_400_000 });
    const later = (await atTwentyOneDaysOld.list(customer())).find((grant) => grant.principal === 'finn@apexoutdoor.com');
    expect(later?.pending?.expired).toBe(true);
  });

  it('follows page tokens', async () => {
    await start();
    const ads = adapter();
    expect(await ads.list(customer('2222222222'))).toHaveLength(25);
    expect(emulator.requests.filter((request) => request.path.endsWith('googleAds:search'))).toHaveLength(4);
    // The fifth read: listAccessibleCustomers, once per run, to know the account needs no manager.
    expect(ads.calls).toEqual({ reads: 5, writes: 0 });
  });

  it('reaches a client account through the manager named by the login customer id', async () => {
    const managed = seed();
    managed.customers['999-888-7777'] = { manager: true, users: { 'maria@acme-agency.com': 'ADMIN' }, clients: ['1234567890'] };
    managed.accessible = ['9998887777'];
    await start({ seed: managed });
    await expect(adapter({}, { LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID: '222-222-2222' }).list(customer())).rejects.toThrow(/USER_PERMISSION_DENIED/);
    const viaManager = adapter({}, { LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID: '999-888-7777' });
    expect(await viaManager.list(customer())).toHaveLength(5);
  });

  it('reports a customer it cannot reach, without guessing', async () => {
    await start();
    const error = await failure(adapter().list(customer('9999999999')));
    expect(error).toMatchObject({ platform: 'google-ads', operation: 'list', status: 403, retryable: false });
    expect(error.message).toMatch(/customer 9999999999: these credentials reach it neither directly nor through a manager account .*\(USER_PERMISSION_DENIED\)/);
  });

  it('fails closed when a page half-way through fails', async () => {
    await start({ switches: { faults: [{ path: 'googleAds:search', after: 2, status: 500, times: 10 }] } });
    const error = await failure(adapter({ retries: 1 }).list(customer('2222222222')));
    expect(error).toMatchObject({ status: 500, retryable: true });
  });

  it('fails closed on a role it does not know', async () => {
    await start();
    const body = { results: [{ customerUserAccess: { resourceName: `customers/${CUSTOMER}/customerUserAccesses/1`, emailAddress: 'x@y.com', accessRole: 'UNKNOWN' } }], fieldMask: 'customerUserAccess.accessRole' };
    emulator.switches.faults.push({ path: 'googleAds:search', status: 200, body });
    await expect(adapter().list(customer())).rejects.toThrow(/access role UNKNOWN, which Latch does not know/);
  });
});

describe('rate limits', () => {
  it('waits the retry delay of RESOURCE_EXHAUSTED, then goes on', async () => {
    await start({ switches: { rateLimit: { every: 2, retryAfterSeconds: 1 } } });
    const { waits, sleep } = recordingSleep();
    expect(await adapter({ sleep }).list(customer())).toHaveLength(5);
    const throttled = emulator.requests.filter((request) => request.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(waits).toEqual(throttled.map(() => 1000));
  });

  it('fails retryably when the quota asks for too long a wait', async () => {
    await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 86_400 } } });
    const error = await failure(adapter().list(customer()));
    expect(error).toMatchObject({ retryable: true, status: 429 });
  });
});

describe('credentials', () => {
  it.each([
    ['the access token', { LATCH_GOOGLE_ADS_TOKEN: 'ya29.wrongAccessTokenValue' }, /LATCH_GOOGLE_ADS_TOKEN was refused/],
    ['the developer token', { LATCH_GOOGLE_ADS_DEVELOPER_TOKEN: 'wrongDeveloperToken99' }, /LATCH_GOOGLE_ADS_DEVELOPER_TOKEN was refused/],
  ])('names the variable when %s is refused and shows no secret', async (_what, env, message) => {
    await start();
    const error = await failure(adapter({}, env).list(customer()));
    expect(error.message).toMatch(message);
    for (const secret of [TOKEN, DEVELOPER_TOKEN, ...Object.values(env)]) expect(error.message).not.toContain(secret);
  });

  it('scrubs credentials an error echoes', async () => {
    await start();
    const body = { error: { code: 400, message: `bad request with ${DEVELOPER_TOKEN} and ${TOKEN}`, status: 'INVALID_ARGUMENT' } };
    emulator.switches.faults.push({ path: 'googleAds:search', status: 400, body });
    const error = await failure(adapter().list(customer()));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(DEVELOPER_TOKEN);
    expect(error.message).toContain('[redacted]');
  });
});
