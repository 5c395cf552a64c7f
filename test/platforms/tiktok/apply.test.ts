import { afterEach, describe, expect, it } from 'vitest';
import { startTiktokEmulator, type TiktokEmulator } from '../../../src/emulators/tiktok/index.js';
import { createTiktokAdapter } from '../../../src/platforms/tiktok/index.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { ACCOUNT, BC, BIG, TOKEN, adAccount, context, grant, revoke, seed, update } from './helpers.js';

let emulator: TiktokEmulator;

onlyLocalNetwork();
afterEach(async () => emulator.close());

async function start(): Promise<TiktokEmulator> {
  emulator = await startTiktokEmulator({ seed: seed(), token: TOKEN });
  return emulator;
}

function adapter() {
  return createTiktokAdapter(context({ LATCH_TIKTOK_API_URL: `${emulator.url}/open_api/v1.3` }), { retryBaseMs: 1 });
}

const members = (account = ACCOUNT) => emulator.snapshot().accounts[account]?.members;
const writes = () => emulator.writes.map((write) => ({ path: write.path, body: write.body }));

describe('members of the Business Center', () => {
  it('assigns the account with the role, as JSON naming the Business Center, the user id and the asset', async () => {
    await start();
    expect(await adapter().apply(grant('priya@acme-agency.com', 'analyst'))).toEqual({ status: 'applied' });
    expect(members()?.['priya@acme-agency.com']).toBe('ANALYST');
    const [write] = emulator.writes;
    expect(write?.contentType).toContain('application/json');
    expect(write?.body).toEqual({ bc_id: BC, user_id: expect.stringMatching(/^\d+$/) as string, asset_type: 'ADVERTISER', asset_id: ACCOUNT, advertiser_role: 'ANALYST' });
  });

  it('changes a role by assigning again', async () => {
    await start();
    expect(await adapter().apply(update('nina@acme-agency.com', 'operator', 'admin'))).toEqual({ status: 'applied' });
    expect(members()?.['nina@acme-agency.com']).toBe('ADMIN');
    expect(writes().map((write) => write.path)).toEqual(['/bc/asset/assign/']);
  });

  it('unassigns on revoke, and a second revoke changes nothing', async () => {
    await start();
    const tiktok = adapter();
    expect(await tiktok.apply(revoke('nina@acme-agency.com', 'operator'))).toEqual({ status: 'applied' });
    expect(members()?.['nina@acme-agency.com']).toBeUndefined();
    expect(writes()).toEqual([{ path: '/bc/asset/unassign/', body: { bc_id: BC, user_id: expect.any(String) as string, asset_type: 'ADVERTISER', asset_id: ACCOUNT } }]);
    expect(await adapter().apply(revoke('stranger@acme-agency.com', 'operator'))).toMatchObject({ status: 'unchanged' });
  });

  it('reads back what it wrote: plan, apply, plan shows the declared levels', async () => {
    await start();
    const tiktok = adapter();
    await tiktok.apply(grant('priya@acme-agency.com', 'operator'));
    await tiktok.apply(revoke('nina@acme-agency.com', 'operator'));
    expect((await adapter().list(adAccount())).map(({ principal, level }) => [principal, level])).toEqual([
      ['lead@acme-agency.com', 'admin'],
      ['omar@acme-agency.com', 'operator'],
      ['priya@acme-agency.com', 'operator'],
    ]);
  });

  it('reads the Business Center members once per run', async () => {
    await start();
    const tiktok = adapter();
    await tiktok.apply(grant('priya@acme-agency.com', 'analyst'));
    await tiktok.apply(grant('nina@acme-agency.com', 'analyst', BIG));
    const firstPages = emulator.requests.filter((request) => request.path.endsWith('/bc/member/get/') && new URLSearchParams(request.query).get('page') === '1');
    expect(firstPages).toHaveLength(1);
  });
});

describe('people who are not members yet', () => {
  it('invites them to the Business Center with the account and the role, once', async () => {
    await start();
    const tiktok = adapter();
    expect(await tiktok.apply(grant('zoe@acme-agency.com', 'operator'))).toMatchObject({ status: 'applied', detail: expect.stringContaining('invited') as string });
    expect(writes()).toEqual([{ path: '/bc/member/invite/', body: { bc_id: BC, emails: ['zoe@acme-agency.com'], user_role: 'STANDARD', asset_ids: [ACCOUNT], advertiser_role: 'OPERATOR' } }]);
    expect(await tiktok.apply(grant('zoe@acme-agency.com', 'analyst', BIG))).toMatchObject({ status: 'unchanged' });
    expect(emulator.writes).toHaveLength(1);
  });

  it('shows the invitation as a pending grant, and the member once accepted', async () => {
    await start();
    await adapter().apply(grant('zoe@acme-agency.com', 'analyst'));
    expect((await adapter().list(adAccount())).find((entry) => entry.principal === 'zoe@acme-agency.com')).toEqual({ principal: 'zoe@acme-agency.com', level: 'analyst', pending: { id: 'zoe@acme-agency.com', expired: false } });
    expect(emulator.acceptInvitation('zoe@acme-agency.com')).toBe(true);
    const accepted = (await adapter().list(adAccount())).find((entry) => entry.principal === 'zoe@acme-agency.com');
    expect(accepted).toMatchObject({ level: 'analyst' });
    expect(accepted).not.toHaveProperty('pending');
  });

  it('leaves an open invitation alone on a re-run', async () => {
    await start();
    expect(await adapter().apply(grant('omar@acme-agency.com', 'operator'))).toMatchObject({ status: 'unchanged' });
    expect(emulator.writes).toHaveLength(0);
  });

  it('removes a declined invitation before inviting again: TikTok ignores e-mails invited before', async () => {
    await start();
    emulator.rejectInvitation('omar@acme-agency.com');
    expect(await adapter().apply(grant('omar@acme-agency.com', 'operator'))).toMatchObject({ status: 'applied' });
    expect(writes().map((write) => write.path)).toEqual(['/bc/member/delete/', '/bc/member/invite/']);
    expect(emulator.snapshot().invitations).toContainEqual({ email: 'omar@acme-agency.com', status: 'PENDING', assets: { [ACCOUNT]: 'OPERATOR' } });
  });

  it('cancels an invitation that names only this account', async () => {
    await start();
    expect(await adapter().apply(revoke('omar@acme-agency.com', 'operator'))).toEqual({ status: 'applied', detail: 'invitation to the Business Center cancelled' });
    expect(writes()).toEqual([{ path: '/bc/member/delete/', body: { bc_id: BC, user_email: 'omar@acme-agency.com' } }]);
    expect(emulator.snapshot().invitations).toEqual([]);
  });

  it('refuses to cancel an invitation that also names other accounts', async () => {
    await start();
    await adapter().apply(revoke('omar@acme-agency.com', 'operator'));
    await adapter().apply(grant('omar@acme-agency.com', 'operator'));
    const invitation = emulator.snapshot().invitations?.[0];
    expect(invitation?.assets).toEqual({ [ACCOUNT]: 'OPERATOR' });
    await expect(adapter().apply(revoke('omar@acme-agency.com', 'operator', BIG))).rejects.toThrow(`also names ad accounts ${ACCOUNT}`);
  });
});
