import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import type { PlatformAdapter } from '../../../src/platforms/adapter.js';
import { startMetaEmulator, type MetaEmulator, type MetaSeed } from '../../../src/emulators/meta/index.js';
import { createMetaAdapter } from '../../../src/platforms/meta/index.js';
import { emulatorPerTest } from '../emulator-per-test.js';
import { BUSINESS, TOKEN, account, context, grant, revoke, update } from './helpers.js';

const DAY = 86_400_000;

function seed(): MetaSeed {
  const now = Date.now();
  return {
    businessId: BUSINESS,
    people: { 'maria@acme-agency.com': 'ADMIN', 'dana@apexoutdoor.com': 'EMPLOYEE', 'sam@acme-agency.com': 'EMPLOYEE' },
    invitations: [
      { email: 'finn@apexoutdoor.com', createdTime: new Date(now - 2 * DAY).toISOString() },
      { email: 'old@apexoutdoor.com', createdTime: new Date(now - 40 * DAY).toISOString(), expirationTime: new Date(now - 10 * DAY).toISOString() },
    ],
    adAccounts: { act_1001: { 'maria@acme-agency.com': 'MANAGE', 'dana@apexoutdoor.com': 'ANALYZE' }, act_2002: {} },
  };
}

const emulators = emulatorPerTest<MetaEmulator>();
let emulator: MetaEmulator;

async function setup(): Promise<PlatformAdapter> {
  emulator = emulators.started(await startMetaEmulator({ seed: seed(), token: TOKEN }));
  return run();
}

/** A fresh adapter is a fresh run: the directory is read again. */
function run(): PlatformAdapter {
  return createMetaAdapter(context({ LATCH_META_API_URL: emulator.url }), { retryBaseMs: 1 });
}

const writes = () => emulator.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);

describe('changing an ad account', () => {
  it('grants, updates and revokes a person of the business', async () => {
    const meta = await setup();
    expect(await meta.apply(grant({ principal: 'sam@acme-agency.com' }, 'advertise'))).toEqual({ status: 'applied' });
    expect(await meta.apply(update({ principal: 'dana@apexoutdoor.com' }, 'analyze', 'manage'))).toEqual({ status: 'applied' });
    expect(await meta.apply(revoke({ principal: 'maria@acme-agency.com' }, 'manage'))).toEqual({ status: 'applied' });
    expect(emulator.snapshot().adAccounts.act_1001).toEqual({ 'sam@acme-agency.com': 'ADVERTISE', 'dana@apexoutdoor.com': 'MANAGE' });
    expect(writes()).toEqual(['POST /act_1001/assigned_users', 'POST /act_1001/assigned_users', 'DELETE /act_1001/assigned_users']);
    expect(meta.calls?.writes).toBe(3);
  });

  it.each(['analyze', 'advertise', 'manage'])('writes %s so that it reads back as itself', async (level) => {
    const meta = await setup();
    await meta.apply(grant({ principal: 'sam@acme-agency.com', resource: 'act_2002' }, level));
    expect(await run().list(account('act_2002'))).toEqual([{ principal: 'sam@acme-agency.com', level, handle: expect.any(String) }]);
  });

  it('treats a repeated grant as a replacement, not a duplicate', async () => {
    const meta = await setup();
    await meta.apply(grant({ principal: 'dana@apexoutdoor.com' }, 'analyze'));
    await meta.apply(grant({ principal: 'dana@apexoutdoor.com' }, 'analyze'));
    expect(emulator.snapshot().adAccounts.act_1001?.['dana@apexoutdoor.com']).toBe('ANALYZE');
  });

  it('revoking someone who is not a person of the business changes nothing', async () => {
    const meta = await setup();
    expect(await meta.apply(revoke({ principal: 'nobody@example.com' }, 'analyze'))).toMatchObject({ status: 'unchanged' });
    expect(writes()).toEqual([]);
  });

  it('refuses a level of another kind', async () => {
    const meta = await setup();
    await expect(meta.apply(grant({ principal: 'sam@acme-agency.com' }, 'admin'))).rejects.toThrow(/not a meta-ad-account level/);
  });
});

describe('people not yet in the business', () => {
  it('invites them once and grants after they accept', async () => {
    const meta = await setup();
    const first = await meta.apply(grant({ principal: 'lena@apexoutdoor.com' }, 'analyze'));
    expect(first).toEqual({ status: 'applied', detail: 'invited to the business; grant after acceptance' });
    const again = await meta.apply(grant({ principal: 'lena@apexoutdoor.com', resource: 'act_2002' }, 'analyze'));
    expect(again).toMatchObject({ status: 'unchanged', detail: expect.stringMatching(/^invited to the business on \d{4}-\d{2}-\d{2}; grant after acceptance$/) });
    expect(await run().apply(grant({ principal: 'lena@apexoutdoor.com' }, 'analyze'))).toMatchObject({ status: 'unchanged' });
    expect(writes()).toEqual([`POST /${BUSINESS}/business_users`]);
    expect(emulator.snapshot().invitations?.map((entry) => entry.email)).toContain('lena@apexoutdoor.com');

    expect(emulator.acceptInvitation('lena@apexoutdoor.com')).toBe(true);
    expect(await run().apply(grant({ principal: 'lena@apexoutdoor.com' }, 'analyze'))).toEqual({ status: 'applied' });
    expect(emulator.snapshot().adAccounts.act_1001?.['lena@apexoutdoor.com']).toBe('ANALYZE');
  });

  it('waits for a pending invitation and renews an expired one', async () => {
    const meta = await setup();
    expect(await meta.apply(grant({ principal: 'finn@apexoutdoor.com' }, 'analyze'))).toMatchObject({ status: 'unchanged' });
    expect(await meta.apply(grant({ principal: 'old@apexoutdoor.com' }, 'analyze'))).toEqual({
      status: 'applied',
      detail: 'business invitation expired; invited to the business again; grant after acceptance',
    });
    expect(emulator.acceptInvitation('old@apexoutdoor.com')).toBe(true);
  });

  it('reports pending business invitations, expired ones marked', async () => {
    await setup();
    const meta = createMetaAdapter(context({ LATCH_META_API_URL: emulator.url }));
    expect(await meta.pendingInvitations()).toEqual([
      { id: expect.any(String), email: 'finn@apexoutdoor.com', expired: false, createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      { id: expect.any(String), email: 'old@apexoutdoor.com', expired: true, createdAt: expect.any(String) },
    ]);
    const later = createMetaAdapter(context({ LATCH_META_API_URL: emulator.url }), { now: () => Date.now() + 60 * DAY });
    expect((await later.pendingInvitations()).map((entry) => entry.expired)).toEqual([true, true]);
  });

  it('does not list pending invitees on an ad account', async () => {
    const meta = await setup();
    const principals = (await meta.list(account('act_1001'))).map((entry) => entry.principal);
    expect(principals).toEqual(['dana@apexoutdoor.com', 'maria@acme-agency.com']);
  });
});

describe('what the client does in their own account', () => {
  it('shows up in the next listing', async () => {
    const meta = await setup();
    emulator.grantByClient('act_2002', 'Ops@ApexOutdoor.com', 'ADVERTISE');
    expect(await meta.list(account('act_2002'))).toEqual([{ principal: 'ops@apexoutdoor.com', level: 'advertise', handle: expect.any(String) }]);
  });
});

describe('write failures', () => {
  it('surfaces a Graph error without the token', async () => {
    const meta = await setup();
    emulator.switches.faults.push({ method: 'POST', path: '/assigned_users', status: 400, body: { error: { message: `(#200) Requires business_management permission to manage the object ${TOKEN}`, code: 200 } } });
    const error = await meta.apply(grant({ principal: 'sam@acme-agency.com' }, 'analyze')).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlatformError);
    expect(String(error)).toMatch(/permission denied/);
    expect(String(error)).not.toContain(TOKEN);
  });
});
