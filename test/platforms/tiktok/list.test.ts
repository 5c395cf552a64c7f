import { describe, expect, it } from 'vitest';
import { startTiktokEmulator, type TiktokEmulator, type TiktokEmulatorOptions } from '../../../src/emulators/tiktok/index.js';
import { createTiktokAdapter, tiktokFactory, type TiktokTuning } from '../../../src/platforms/tiktok/index.js';
import { tiktokImporter } from '../../../src/platforms/tiktok/discover.js';
import { emulatorPerTest, failure } from '../emulator-per-test.js';
import { ACCOUNT, BC, BIG, SHARED, TOKEN, adAccount, context, recordingSleep, seed } from './helpers.js';

const emulators = emulatorPerTest<TiktokEmulator>();
let emulator: TiktokEmulator;

async function start(options: Partial<TiktokEmulatorOptions> = {}): Promise<TiktokEmulator> {
  emulator = emulators.started(await startTiktokEmulator({ seed: seed(), token: TOKEN, ...options }));
  return emulator;
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { LATCH_TIKTOK_API_URL: `${emulator.url}/open_api/v1.3`, ...extra };
}

function adapter(tuning: TiktokTuning = {}, extra: NodeJS.ProcessEnv = {}) {
  return createTiktokAdapter(context(env(extra)), { retryBaseMs: 1, ...tuning });
}

const memberPath = '/open_api/v1.3/bc/asset/member/get/';

describe('tiktok factory', () => {
  it('declares its kind', () => {
    expect(tiktokFactory).toMatchObject({ id: 'tiktok', kinds: ['tiktok-ad-account'] });
  });

  it.each([
    ['LATCH_TIKTOK_TOKEN', { LATCH_TIKTOK_TOKEN: undefined }],
    ['LATCH_TIKTOK_BC_ID', { LATCH_TIKTOK_BC_ID: undefined }],
    ['LATCH_TIKTOK_BC_ID', { LATCH_TIKTOK_BC_ID: 'acme-bc' }],
  ])('names %s when it is missing or malformed', (name, extra) => {
    expect(() => tiktokFactory.create(context(extra))).toThrow(name);
  });

  it.each(['act_123', '7012/345', 'apex-tiktok'])('refuses the reference "%s" before any call', async (ref) => {
    await start();
    await expect(adapter().list(adAccount(ref))).rejects.toThrow(/not a TikTok advertiser id/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('listing an ad account', () => {
  it('lists members by e-mail with their level, and an invitation naming the account as pending', async () => {
    await start();
    expect(await adapter().list(adAccount())).toEqual([
      { principal: 'lead@acme-agency.com', level: 'admin', handle: expect.any(String) as string },
      { principal: 'nina@acme-agency.com', level: 'operator', handle: expect.any(String) as string },
      { principal: 'omar@acme-agency.com', level: 'operator', pending: { id: 'omar@acme-agency.com', expired: false } },
    ]);
    const [request] = emulator.requests;
    expect(request?.path).toBe(memberPath);
    const query = new URLSearchParams(request?.query);
    expect(Object.fromEntries(query)).toEqual({ bc_id: BC, asset_type: 'ADVERTISER', asset_id: ACCOUNT, page: '1', page_size: '50' });
  });

  it('reads a declined invitation as an expired one', async () => {
    await start();
    emulator.rejectInvitation('omar@acme-agency.com');
    const grants = await adapter().list(adAccount());
    expect(grants.find((grant) => grant.principal === 'omar@acme-agency.com')?.pending).toEqual({ id: 'omar@acme-agency.com', expired: true });
  });

  it('reads a client-owned account shared with the Business Center like its own', async () => {
    await start();
    expect(await adapter().list(adAccount(SHARED))).toEqual([{ principal: 'priya@acme-agency.com', level: 'analyst', handle: expect.any(String) as string }]);
  });

  it('reads every page of a long list', async () => {
    await start();
    const grants = await adapter().list(adAccount(BIG));
    expect(grants).toHaveLength(120);
    expect(emulator.requests.map((request) => new URLSearchParams(request.query).get('page'))).toEqual(['1', '2', '3']);
  });

  it('reads small pages when asked, still complete', async () => {
    await start();
    expect(await adapter({ pageSize: 7 }).list(adAccount(BIG))).toHaveLength(120);
    expect(emulator.requests).toHaveLength(18);
  });

  it('says an account outside the Business Center has no permission, naming the Business Center', async () => {
    await start();
    const error = await failure(adapter().list(adAccount('7011111111111111111')));
    expect(error.message).toContain('code 40001');
    expect(error.message).toContain(`Business Center ${BC}`);
    expect(error.status).toBe(403);
  });

  it('names the variable of a wrong token and never shows the token', async () => {
    await start({ token: 'another-token-entirely' });
    const error = await failure(adapter().list(adAccount()));
    expect(error.message).toContain('LATCH_TIKTOK_TOKEN is missing, invalid or revoked (code 40105)');
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(TOKEN);
  });

  it('sends the token as Access-Token', async () => {
    await start();
    await adapter().list(adAccount(SHARED));
    expect(emulator.requests[0]?.status).toBe(200);
  });
});

describe('throttling and failures', () => {
  it('waits out code 40100 (HTTP 200) with backoff, then reads', async () => {
    await start({ switches: { faults: [{ path: memberPath, status: 200, body: { code: 40100, message: 'Too many requests. Please retry in some time.', request_id: 'r1' }, times: 2 }] } });
    const { waits, sleep } = recordingSleep();
    expect(await adapter({ sleep }).list(adAccount(SHARED))).toHaveLength(1);
    expect(waits).toEqual([1, 2]);
  });

  it('honours a 429 with Retry-After from a gateway in front, then reads', async () => {
    await start({ switches: { faults: [{ path: memberPath, status: 429, headers: { 'retry-after': '3' }, body: { message: 'slow down' } }] } });
    const { waits, sleep } = recordingSleep();
    expect(await adapter({ sleep }).list(adAccount(SHARED))).toHaveLength(1);
    expect(waits).toEqual([3000]);
  });

  it('gives up, retryably, when throttling lasts', async () => {
    await start({ switches: { faults: [{ path: memberPath, status: 200, body: { code: 40100, message: 'Too many requests.' }, times: 10 }] } });
    const error = await failure(adapter({ sleep: recordingSleep().sleep }).list(adAccount(SHARED)));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('still rate limited');
  });

  it('makes the account unread when a page fails half-way', async () => {
    await start({ switches: { faults: [{ path: memberPath, status: 200, body: { code: 50000, message: 'System error', request_id: 'r2' }, after: 1 }] } });
    const error = await failure(adapter().list(adAccount(BIG)));
    expect(error.message).toContain('System error (code 50000)');
    expect(error.retryable).toBe(true);
  });

  it('retries a 5xx and then reads', async () => {
    await start({ switches: { faults: [{ path: memberPath, status: 503, raw: '<html>busy</html>' }] } });
    expect(await adapter().list(adAccount(SHARED))).toHaveLength(1);
  });

  it.each([
    ['an HTML page', { raw: '<html><body>Gateway</body></html>' }, 'HTTP 200 (an HTML page)'],
    ['cut-off JSON', { raw: '{"code":0,"message":"OK","data":{"list":[' , headers: { 'content-type': 'application/json' } }, 'HTTP 200 (text that is not JSON'],
    ['an empty body', { raw: '' }, 'HTTP 200 (an empty body)'],
    ['no data', { body: { code: 0, message: 'OK', request_id: 'r3' } }, 'malformed response at data.'],
    ['no page_info', { body: { code: 0, message: 'OK', data: { list: [] } } }, 'malformed response at data.page_info'],
    ['no list', { body: { code: 0, message: 'OK', data: { page_info: { page: 1, page_size: 50, total_number: 0, total_page: 0 } } } }, 'malformed response at data.list'],
    ['an undocumented role', { body: { code: 0, message: 'OK', data: { list: [{ user_id: '1', user_email: 'x@acme-agency.com', relation_status: 'BOUND', advertiser_role: 'OWNER' }], page_info: { page: 1, page_size: 50, total_number: 1, total_page: 1 } } } }, 'no documented advertiser_role (OWNER)'],
    ['fewer items than total_number', { body: { code: 0, message: 'OK', data: { list: [], page_info: { page: 1, page_size: 50, total_number: 3, total_page: 1 } } } }, 'incomplete list (0 of 3 read)'],
    ['another page than asked', { body: { code: 0, message: 'OK', data: { list: [], page_info: { page: 2, page_size: 50, total_number: 0, total_page: 0 } } } }, 'asked for page 1, got page 2'],
  ])('refuses %s instead of reading an empty list', async (_name, fault, message) => {
    await start({ switches: { faults: [{ path: memberPath, status: 200, ...fault }] } });
    const error = await failure(adapter().list(adAccount(SHARED)));
    expect(error.message).toContain(message);
  });
});

describe('discovery for latch import', () => {
  it('lists every ad account of the Business Center, own and shared', async () => {
    await start();
    const found = await tiktokImporter.discover(context(env()));
    expect(found).toEqual([
      { kind: 'tiktok-ad-account', ref: ACCOUNT, name: 'Apex TikTok' },
      { kind: 'tiktok-ad-account', ref: BIG, name: 'Big' },
      { kind: 'tiktok-ad-account', ref: SHARED, name: 'Bloom TikTok' },
    ]);
    expect(new URLSearchParams(emulator.requests[0]?.query).get('asset_type')).toBe('ADVERTISER');
  });
});
