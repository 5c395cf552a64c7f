import { describe, expect, it } from 'vitest';
import type { ActualGrant } from '../../../src/model/grants.js';
import type { PlatformAdapter } from '../../../src/platforms/adapter.js';
import { startGoogleAdsEmulator, type GoogleAdsEmulator, type GoogleAdsSeed } from '../../../src/emulators/google-ads/index.js';
import { createGoogleAdsAdapter } from '../../../src/platforms/google-ads/index.js';
import { emulatorPerTest } from '../emulator-per-test.js';
import { CUSTOMER, TOKEN, context, customer, daysAgo, grant, revoke, update } from './helpers.js';

function seed(): GoogleAdsSeed {
  return {
    customers: {
      [CUSTOMER]: {
        manager: true,
        users: { 'maria@acme-agency.com': 'ADMIN', 'dana@apexoutdoor.com': 'STANDARD' },
        invitations: [
          { id: '41', email: 'finn@apexoutdoor.com', role: 'READ_ONLY', createdAt: daysAgo(2) },
          { id: '42', email: 'old@apexoutdoor.com', role: 'STANDARD', createdAt: daysAgo(25) },
        ],
      },
    },
  };
}

const emulators = emulatorPerTest<GoogleAdsEmulator>();
let emulator: GoogleAdsEmulator;

async function setup(): Promise<PlatformAdapter> {
  emulator = emulators.started(await startGoogleAdsEmulator({ seed: seed(), token: TOKEN }));
  return createGoogleAdsAdapter(context({ LATCH_GOOGLE_ADS_API_URL: emulator.url }), { retryBaseMs: 1 });
}

async function listed(ads: PlatformAdapter, principal: string): Promise<ActualGrant> {
  const found = (await ads.list(customer())).find((entry) => entry.principal === principal);
  if (!found) throw new Error(`${principal} is not listed`);
  return found;
}

const state = () => emulator.snapshot().customers[CUSTOMER];
const invitationsOf = (email: string) => state()?.invitations?.filter((entry) => entry.email === email) ?? [];

describe('granting', () => {
  it('invites, and the invitee becomes a user on acceptance', async () => {
    const ads = await setup();
    expect(await ads.apply(grant({ principal: 'lena@apexoutdoor.com' }, 'standard'))).toEqual({ status: 'applied', detail: 'invitation sent' });
    expect(invitationsOf('lena@apexoutdoor.com')).toMatchObject([{ role: 'STANDARD', status: 'PENDING' }]);
    expect(emulator.acceptInvitation('lena@apexoutdoor.com')).toBe(1);
    expect(await listed(ads, 'lena@apexoutdoor.com')).toEqual({ principal: 'lena@apexoutdoor.com', level: 'standard', handle: expect.any(String) });
  });

  it.each([
    ['an invitation at that role is pending', 'finn@apexoutdoor.com', 'read-only', { status: 'unchanged', detail: 'invitation already pending' }],
    ['the person already has that role', 'dana@apexoutdoor.com', 'standard', { status: 'unchanged' }],
    ['the person has another role', 'dana@apexoutdoor.com', 'admin', { status: 'applied' }],
    ['an invitation at another role is pending', 'finn@apexoutdoor.com', 'admin', { status: 'applied', detail: 'invitation replaced by one with the new role' }],
  ])('ends in the asked state when %s', async (_why, principal, level, outcome) => {
    const ads = await setup();
    expect(await ads.apply(grant({ principal }, level))).toEqual(outcome);
    expect((await listed(ads, principal)).level).toBe(level);
  });
});

describe('updating', () => {
  it('changes the role of an accepted user by its resource name', async () => {
    const ads = await setup();
    const dana = await listed(ads, 'dana@apexoutdoor.com');
    expect(await ads.apply(update({ principal: dana.principal, handle: dana.handle }, 'standard', 'read-only'))).toEqual({ status: 'applied' });
    expect(state()?.users['dana@apexoutdoor.com']).toBe('READ_ONLY');
  });

  it('finds the user when the change carries no resource name', async () => {
    const ads = await setup();
    await ads.apply(update({ principal: 'dana@apexoutdoor.com' }, 'standard', 'admin'));
    expect(state()?.users['dana@apexoutdoor.com']).toBe('ADMIN');
  });

  it.each([
    ['a pending invitation', 'finn@apexoutdoor.com', 'invitation replaced by one with the new role'],
    ['an expired invitation', 'old@apexoutdoor.com', 'expired invitation replaced by a new one'],
  ])('replaces %s, whose role cannot change', async (_what, principal, detail) => {
    const ads = await setup();
    const before = await listed(ads, principal);
    expect(await ads.apply(update({ principal, pending: before.pending, handle: before.handle }, before.level, 'admin'))).toEqual({ status: 'applied', detail });
    const after = await listed(ads, principal);
    expect(after).toMatchObject({ level: 'admin', pending: { expired: false } });
    expect(after.pending?.id).not.toBe(before.pending?.id);
    expect(invitationsOf(principal)).toHaveLength(1);
  });

  it('refuses to demote the last admin of a manager account', async () => {
    const ads = await setup();
    const error = await ads.apply(update({ principal: 'maria@acme-agency.com' }, 'admin', 'standard')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ platform: 'google-ads', retryable: false });
    expect(String(error)).toMatch(/keeps at least one admin on a manager account.*\(LAST_ADMIN_USER_OF_MANAGER\)/);
    expect(state()?.users['maria@acme-agency.com']).toBe('ADMIN');
  });
});

describe('revoking', () => {
  it('removes a user, then finds nothing left to remove', async () => {
    const ads = await setup();
    const dana = await listed(ads, 'dana@apexoutdoor.com');
    const change = revoke({ principal: dana.principal, handle: dana.handle }, 'standard');
    expect(await ads.apply(change)).toEqual({ status: 'applied' });
    expect(await ads.apply(change)).toEqual({ status: 'unchanged' });
    expect(await ads.apply(revoke({ principal: 'dana@apexoutdoor.com' }, 'standard'))).toEqual({ status: 'unchanged' });
    expect(state()?.users).not.toHaveProperty('dana@apexoutdoor.com');
  });

  it('cancels an invitation, once', async () => {
    const ads = await setup();
    const finn = await listed(ads, 'finn@apexoutdoor.com');
    const change = revoke({ principal: finn.principal, pending: finn.pending, handle: finn.handle }, 'read-only');
    expect(await ads.apply(change)).toEqual({ status: 'applied', detail: 'invitation cancelled' });
    expect(await ads.apply(change)).toEqual({ status: 'unchanged' });
    expect(invitationsOf('finn@apexoutdoor.com')).toEqual([]);
  });
});

describe('what the client does in their own account', () => {
  it('shows up in the next listing', async () => {
    const ads = await setup();
    emulator.grantByClient('123-456-7890', 'ops@apexoutdoor.com', 'READ_ONLY');
    expect(await listed(ads, 'ops@apexoutdoor.com')).toMatchObject({ level: 'read-only' });
    expect(ads.calls?.writes).toBe(0);
  });
});
