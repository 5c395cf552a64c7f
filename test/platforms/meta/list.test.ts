import { describe, expect, it } from 'vitest';
import { startMetaEmulator, type MetaEmulator, type MetaSeed } from '../../../src/emulators/meta/index.js';
import { createMetaAdapter, metaFactory, type MetaTuning } from '../../../src/platforms/meta/index.js';
import { emulatorPerTest, failure } from '../emulator-per-test.js';
import { BUSINESS, TOKEN, account, context, recordingSleep } from './helpers.js';

function seed(): MetaSeed {
  const many = Object.fromEntries(Array.from({ length: 230 }, (_, index) => [`person${String(index).padStart(3, '0')}@apex.com`, 'EMPLOYEE' as const]));
  return {
    businessId: BUSINESS,
    people: { 'Maria@Acme-Agency.com': 'ADMIN', 'dana@apexoutdoor.com': 'EMPLOYEE', 'drafter@apexoutdoor.com': 'EMPLOYEE', ...many },
    systemUsers: { '61550000000001': 'Latch' },
    invitations: [{ email: 'finn@apexoutdoor.com', createdTime: '2026-11-20T09:00:00Z' }],
    adAccounts: {
      act_1001: { 'maria@acme-agency.com': 'MANAGE', 'dana@apexoutdoor.com': 'ANALYZE', 'drafter@apexoutdoor.com': 'DRAFT', '61550000000001': 'MANAGE' },
      act_2002: Object.fromEntries(Object.keys(many).map((email) => [email, 'ADVERTISE' as const])),
    },
  };
}

const emulators = emulatorPerTest<MetaEmulator>();
let emulator: MetaEmulator;

async function start(options: Partial<Parameters<typeof startMetaEmulator>[0]> = {}): Promise<MetaEmulator> {
  emulator = emulators.started(await startMetaEmulator({ seed: seed(), token: TOKEN, ...options }));
  return emulator;
}

function adapter(tuning: MetaTuning = {}, env: NodeJS.ProcessEnv = {}) {
  return createMetaAdapter(context({ LATCH_META_API_URL: `${emulator.url}/v25.0`, ...env }), { retryBaseMs: 1, ...tuning });
}

describe('meta factory', () => {
  it('declares its kind', () => {
    expect(metaFactory).toMatchObject({ id: 'meta', kinds: ['meta-ad-account'] });
  });

  it.each([
    ['LATCH_META_TOKEN', 'missing', { LATCH_META_TOKEN: undefined }],
    ['LATCH_META_BUSINESS_ID', 'missing', { LATCH_META_BUSINESS_ID: undefined }],
    ['LATCH_META_BUSINESS_ID', 'not numeric', { LATCH_META_BUSINESS_ID: 'acme' }],
  ])('names %s when it is %s', (name, _why, env) => {
    expect(() => metaFactory.create(context(env))).toThrow(name);
  });

  it('refuses a reference that is not an ad account id before any call', async () => {
    await start();
    await expect(adapter().list(account('apex-ads'))).rejects.toThrow(/not an ad account id/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('listing an ad account', () => {
  it('resolves business-scoped ids to e-mails and maps tasks to levels', async () => {
    await start();
    const grants = await adapter().list(account('1001'));
    expect(grants).toEqual([
      { principal: 'dana@apexoutdoor.com', level: 'analyze', handle: expect.any(String) },
      { principal: 'drafter@apexoutdoor.com', level: 'limited', handle: expect.any(String) },
      { principal: 'maria@acme-agency.com', level: 'manage', handle: expect.any(String) },
      {
        principal: 'meta-user:61550000000001',
        level: 'manage',
        handle: '61550000000001',
        inheritedFrom: `business ${BUSINESS}: not one of its people (a system user or a partner's user)`,
      },
    ]);
    expect(emulator.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(emulator.requests.every((request) => !request.query.includes(TOKEN))).toBe(true);
  });

  it('pages through cursors and reads the directory once per run', async () => {
    await start();
    const meta = adapter();
    const big = await meta.list(account('act_2002'));
    expect(big).toHaveLength(230);
    expect(big.every((grant) => grant.level === 'advertise')).toBe(true);
    await meta.list(account('act_1001'));
    const paths = emulator.requests.map((request) => request.path);
    expect(paths.filter((path) => path.endsWith('/act_2002/assigned_users'))).toHaveLength(3);
    expect(paths.filter((path) => path.endsWith('/business_users'))).toHaveLength(3);
    expect(paths.filter((path) => path.endsWith('/pending_users'))).toHaveLength(1);
    expect(meta.calls).toEqual({ reads: emulator.requests.length, writes: 0 });
  });

  it('reports an unknown ad account as not found', async () => {
    await start();
    const error = await failure(adapter().list(account('act_999')));
    expect(error).toMatchObject({ platform: 'meta', operation: 'list', status: 404, retryable: false });
    expect(error.message).toMatch(/GET \/act_999\/assigned_users: not found/);
  });

  it('fails closed when a page half-way through the list fails', async () => {
    await start({
      switches: {
        faults: [{ method: 'GET', path: '/act_2002/assigned_users', after: 1, status: 400, body: { error: { message: 'Invalid cursor', type: 'OAuthException', code: 100 } } }],
      },
    });
    const error = await failure(adapter().list(account('act_2002')));
    expect(error.message).toMatch(/Invalid cursor \(code 100\)/);
    expect(error.retryable).toBe(false);
  });

  it('fails closed when the directory cannot be read', async () => {
    await start({ switches: { faults: [{ path: '/pending_users', status: 500, times: 10 }] } });
    const error = await failure(adapter({ retries: 1 }).list(account('act_1001')));
    expect(error).toMatchObject({ status: 500, retryable: true });
  });
});

describe('rate limits', () => {
  it('waits the minutes the usage header asks for, then goes on', async () => {
    await start({ switches: { rateLimit: { every: 2, retryAfterSeconds: 60 } } });
    const { waits, sleep } = recordingSleep();
    const grants = await adapter({ sleep }).list(account('act_1001'));
    expect(grants).toHaveLength(4);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 60_000)).toBe(true);
    expect(emulator.requests.some((request) => request.status === 400)).toBe(true);
  });

  it('backs off when a rate-limit code comes without a wait', async () => {
    const body = { error: { message: '(#17) User request limit reached', type: 'OAuthException', code: 17 } };
    await start({ switches: { faults: [{ path: '/assigned_users', status: 400, body, times: 2 }] } });
    const { waits, sleep } = recordingSleep();
    await adapter({ sleep, retryBaseMs: 10 }).list(account('act_1001'));
    expect(waits).toEqual([10, 20]);
  });

  it('fails retryably when asked to wait longer than a run waits', async () => {
    await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 3600 } } });
    const error = await failure(adapter({ maxWaitMs: 60_000 }).list(account('act_1001')));
    expect(error).toMatchObject({ retryable: true, status: 400 });
    expect(error.message).toMatch(/asks to wait 3600 s/);
  });
});

describe('credentials', () => {
  it('names the variable when the token is refused and never shows the token', async () => {
    await start({ token: 'EAAGtheRealTokenTheEmulatorWants' });
    const error = await failure(adapter().list(account('act_1001')));
    expect(error.message).toMatch(/LATCH_META_TOKEN is invalid or expired \(code 190\)/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('scrubs the token when an error echoes it', async () => {
    const body = { error: { message: `Malformed access token ${TOKEN}`, type: 'OAuthException', code: 1 } };
    await start({ switches: { faults: [{ path: '/assigned_users', status: 400, body }] } });
    const error = await failure(adapter().list(account('act_1001')));
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
