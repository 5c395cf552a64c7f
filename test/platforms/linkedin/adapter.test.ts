import { describe, expect, it } from 'vitest';
import { startLinkedinEmulator, type LinkedinEmulator, type LinkedinEmulatorOptions, type LinkedinSeed } from '../../../src/emulators/linkedin/index.js';
import { createLinkedinAdapter, linkedinFactory, type LinkedinTuning } from '../../../src/platforms/linkedin/index.js';
import { emulatorPerTest, failure } from '../emulator-per-test.js';
import { ACCOUNT, TOKEN, adAccount, context, grant, recordingSleep, revoke, update } from './helpers.js';

const OWNER = 'urn:li:person:OwnerAbc';
const MARIA = 'urn:li:person:Maria_123';
const DANA = 'urn:li:person:dana-XyZ';

function seed(): LinkedinSeed {
  const many = Object.fromEntries(Array.from({ length: 230 }, (_, index) => [`urn:li:person:viewer${index}`, 'VIEWER' as const]));
  return {
    accounts: {
      [ACCOUNT]: { [OWNER]: 'ACCOUNT_BILLING_ADMIN', [MARIA]: 'ACCOUNT_MANAGER', [DANA]: 'CREATIVE_MANAGER' },
      '700700700': many,
    },
  };
}

const emulators = emulatorPerTest<LinkedinEmulator>();
let emulator: LinkedinEmulator;

async function start(options: Partial<LinkedinEmulatorOptions> = {}): Promise<LinkedinEmulator> {
  emulator = emulators.started(await startLinkedinEmulator({ seed: seed(), token: TOKEN, ...options }));
  return emulator;
}

function adapter(tuning: LinkedinTuning = {}, env: NodeJS.ProcessEnv = {}) {
  return createLinkedinAdapter(context({ LATCH_LINKEDIN_API_URL: `${emulator.url}/rest`, ...env }), { retryBaseMs: 1, ...tuning });
}

const users = () => emulator.snapshot().accounts[ACCOUNT];

describe('linkedin factory', () => {
  it('declares its kind', () => {
    expect(linkedinFactory).toMatchObject({ id: 'linkedin', kinds: ['linkedin-ad-account'] });
  });

  it.each([
    ['LATCH_LINKEDIN_TOKEN', { LATCH_LINKEDIN_TOKEN: undefined }],
    ['LATCH_LINKEDIN_VERSION', { LATCH_LINKEDIN_VERSION: '2026-05' }],
  ])('names %s when it is missing or malformed', (name, env) => {
    expect(() => linkedinFactory.create(context(env))).toThrow(name);
  });

  it.each(['apex-ads', 'urn:li:organization:1'])('refuses the reference "%s" before any call', async (ref) => {
    await start();
    await expect(adapter().list(adAccount(ref))).rejects.toThrow(/not an ad account id/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('listing an ad account', () => {
  it('lists members by URN, the billing admin as owner', async () => {
    await start();
    expect(await adapter().list(adAccount(`urn:li:sponsoredAccount:${ACCOUNT}`))).toEqual([
      { principal: DANA, level: 'creative-manager' },
      { principal: MARIA, level: 'account-manager' },
      { principal: OWNER, level: 'account-manager', owner: true },
    ]);
    expect(emulator.requests[0]?.query).toContain('accounts=urn%3Ali%3AsponsoredAccount%3A502840441');
  });

  it('pages with start and count until the total', async () => {
    await start();
    const linkedin = adapter();
    expect(await linkedin.list(adAccount('700700700'))).toHaveLength(230);
    expect(emulator.requests.map((request) => new URLSearchParams(request.query).get('start'))).toEqual(['0', '100', '200']);
    expect(linkedin.calls).toEqual({ reads: 3, writes: 0 });
  });

  it('reports an account it cannot reach', async () => {
    await start();
    const error = await failure(adapter().list(adAccount('123')));
    expect(error).toMatchObject({ platform: 'linkedin', operation: 'list', status: 403, retryable: false });
    expect(error.message).toMatch(/not found, or the token's member has no role on this ad account.*\(ACCESS_DENIED\)/);
  });

  it('fails closed when a page half-way through fails', async () => {
    await start({ switches: { faults: [{ path: '/adAccountUsers', after: 1, status: 400, body: { status: 400, code: 'ILLEGAL_ARGUMENT', message: 'bad start' } }] } });
    await expect(adapter().list(adAccount('700700700'))).rejects.toThrow(/bad start \(ILLEGAL_ARGUMENT\)/);
  });

  it('fails closed on a role it does not know', async () => {
    await start();
    const body = { elements: [{ account: `urn:li:sponsoredAccount:${ACCOUNT}`, user: DANA, role: 'SUPER_ADMIN' }], paging: { start: 0, count: 100, total: 1 } };
    emulator.switches.faults.push({ path: '/adAccountUsers', status: 200, body });
    await expect(adapter().list(adAccount())).rejects.toThrow(/role SUPER_ADMIN, which Latch does not know/);
  });
});

describe('changing an ad account', () => {
  it('grants with PUT, updates with PARTIAL_UPDATE and revokes with DELETE', async () => {
    await start();
    const linkedin = adapter();
    const sam = 'urn:li:person:Sam7';
    expect(await linkedin.apply(grant(` ${sam} `, 'viewer'))).toEqual({ status: 'applied' });
    expect(await linkedin.apply(update(sam, 'viewer', 'campaign-manager'))).toEqual({ status: 'applied' });
    expect(await linkedin.apply(revoke(DANA, 'creative-manager'))).toEqual({ status: 'applied' });
    expect(users()).toEqual({ [OWNER]: 'ACCOUNT_BILLING_ADMIN', [MARIA]: 'ACCOUNT_MANAGER', [sam]: 'CAMPAIGN_MANAGER' });
    expect(emulator.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['PUT 201', 'POST 204', 'DELETE 204']);
    // Rest.li 2.0: the compound key's URNs travel percent-encoded.
    expect(emulator.requests[0]?.path).toBe(`/rest/adAccountUsers/(account:urn%3Ali%3AsponsoredAccount%3A${ACCOUNT},user:urn%3Ali%3Aperson%3ASam7)`);
  });

  it.each(['viewer', 'creative-manager', 'campaign-manager', 'account-manager'])('writes %s so that it reads back as itself', async (level) => {
    await start();
    const linkedin = adapter();
    await linkedin.apply(grant('urn:li:person:New1', level));
    expect((await linkedin.list(adAccount())).find((entry) => entry.principal === 'urn:li:person:New1')).toEqual({ principal: 'urn:li:person:New1', level });
  });

  it('is idempotent: a repeated grant replaces, a repeated revoke changes nothing', async () => {
    await start();
    const linkedin = adapter();
    expect(await linkedin.apply(grant(DANA, 'creative-manager'))).toEqual({ status: 'applied' });
    expect(await linkedin.apply(revoke(DANA, 'creative-manager'))).toEqual({ status: 'applied' });
    expect(await linkedin.apply(revoke(DANA, 'creative-manager'))).toEqual({ status: 'unchanged' });
  });

  it('puts back a user who left before an update', async () => {
    await start();
    expect(await adapter().apply(update('urn:li:person:Gone1', 'viewer', 'campaign-manager'))).toEqual({ status: 'applied' });
    expect(users()?.['urn:li:person:Gone1']).toBe('CAMPAIGN_MANAGER');
  });

  it('leaves the billing admin to LinkedIn', async () => {
    await start();
    const error = await failure(adapter().apply(revoke(OWNER, 'account-manager')));
    expect(error.message).toMatch(/billing admin and cannot be removed/);
    expect(users()?.[OWNER]).toBe('ACCOUNT_BILLING_ADMIN');
  });

  it('refuses a principal that is not a member URN', async () => {
    await start();
    await expect(adapter().apply(grant('dana@apexoutdoor.com', 'viewer'))).rejects.toThrow(/member URN/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('sees what the billing admin does in their own account', async () => {
    await start();
    emulator.grantByClient(ACCOUNT, 'urn:li:person:Helper9', 'VIEWER');
    expect((await adapter().list(adAccount())).map((entry) => entry.principal)).toContain('urn:li:person:Helper9');
  });
});

describe('rate limits and credentials', () => {
  it('waits out a 429 as Retry-After says, then goes on', async () => {
    await start({ switches: { rateLimit: { every: 2, retryAfterSeconds: 1 } } });
    const { waits, sleep } = recordingSleep();
    expect(await adapter({ sleep }).list(adAccount('700700700'))).toHaveLength(230);
    // Every second request is throttled: two of the five requests waited.
    expect(waits).toEqual([1000, 1000]);
  });

  it('fails retryably when a daily quota is spent', async () => {
    await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 3600 } } });
    const error = await failure(adapter().list(adAccount()));
    expect(error).toMatchObject({ status: 429, retryable: true });
  });

  it('names the variable when the pinned version is no longer served', async () => {
    await start({ sunsetBefore: '202601' });
    expect(await adapter().list(adAccount())).toHaveLength(3);
    const error = await failure(adapter({}, { LATCH_LINKEDIN_VERSION: '202201' }).list(adAccount()));
    expect(error).toMatchObject({ status: 426, retryable: false });
    expect(error.message).toMatch(/set LATCH_LINKEDIN_VERSION to an active YYYYMM \(NONEXISTENT_VERSION\)/);
  });

  it('names the variable when the token is refused and never shows it', async () => {
    await start({ token: 'AQVtheTokenTheEmulatorWants000' });
    const error = await failure(adapter().list(adAccount()));
    expect(error.message).toMatch(/LATCH_LINKEDIN_TOKEN was refused \(expired or revoked\) \(INVALID_ACCESS_TOKEN\)/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('scrubs the token when an error echoes it', async () => {
    await start({ switches: { faults: [{ path: '/adAccountUsers', status: 400, body: { status: 400, code: 'ILLEGAL_ARGUMENT', message: `bad header Bearer ${TOKEN}` } }] } });
    const error = await failure(adapter().list(adAccount()));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('[redacted]');
  });
});
