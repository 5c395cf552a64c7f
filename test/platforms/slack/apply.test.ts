import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import type { Change } from '../../../src/model/plan.js';
import type { SlackEmulator } from '../../../src/emulators/slack/index.js';
import { BOT, adapter, channel, emulator, grant, membersOf, methodCounts, rejection, revoke } from './helpers.js';

let slack: SlackEmulator | undefined;

async function start(...args: Parameters<typeof emulator>): Promise<SlackEmulator> {
  slack = await emulator(...args);
  return slack;
}

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

describe('slack apply', () => {
  it('invites a person by e-mail, and reports a second invite as unchanged', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    await expect(slackAdapter.apply(grant('C0BETA', 'Dana@apexoutdoor.com'))).resolves.toEqual({ status: 'applied', detail: 'added to the channel' });
    expect(membersOf(emu, 'C0BETA')).toContain('U01DANA');
    await expect(slackAdapter.apply(grant('C0BETA', 'dana@apexoutdoor.com'))).resolves.toEqual({ status: 'unchanged', detail: 'already in the channel' });
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.lookupByEmail': 1, 'conversations.invite': 2 });
    expect(slackAdapter.calls).toEqual({ reads: 2, writes: 2 });
  });

  it('removes a member, and reports a second removal as unchanged', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    await expect(slackAdapter.apply(revoke('C0APEX', 'maria@acme-agency.com'))).resolves.toEqual({ status: 'applied', detail: 'removed from the channel' });
    expect(membersOf(emu, 'C0APEX')).not.toContain('U03MARIA');
    await expect(slackAdapter.apply(revoke('C0APEX', 'maria@acme-agency.com'))).resolves.toEqual({ status: 'unchanged', detail: 'already out of the channel' });
  });

  it('removes by the id a listing handed over, without looking the e-mail up', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    const listed = await slackAdapter.list(channel('C0APEX'));
    const maria = listed.find((g) => g.principal === 'maria@acme-agency.com');
    await expect(slackAdapter.apply(revoke('C0APEX', 'maria@acme-agency.com', maria?.handle))).resolves.toMatchObject({ status: 'applied' });
    expect(methodCounts(emu)['users.lookupByEmail']).toBeUndefined();
  });

  it('looks each e-mail up once per run', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    await Promise.all(['C0APEX', 'C0BETA', 'C0EMPTY'].map((ref) => slackAdapter.apply(grant(ref, 'jake@freelance.dev'))));
    await slackAdapter.apply(revoke('C0APEX', 'jake@freelance.dev'));
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.lookupByEmail': 1, 'conversations.invite': 3, 'conversations.kick': 1 });
  });

  it('uses the user list already read in this run instead of asking for each e-mail', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    await slackAdapter.list(channel('C0BETA'));
    await slackAdapter.apply(grant('C0BETA', 'jake@freelance.dev'));
    await expect(slackAdapter.apply(grant('C0BETA', 'newcomer@apexoutdoor.com'))).rejects.toThrow('no Slack user with e-mail newcomer@apexoutdoor.com');
    // Only the e-mail the list did not have is looked up.
    expect(methodCounts(emu)['users.lookupByEmail']).toBe(1);
  });

  it('says plainly when nobody in the workspace has the e-mail', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu).apply(grant('C0BETA', 'nobody@apexoutdoor.com')));
    expect(error).toMatchObject({ code: 'users_not_found', operation: 'grant', retryable: false });
    expect(error.message).toContain('no Slack user with e-mail nobody@apexoutdoor.com');
  });

  it('treats removing someone without a Slack account as done', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(revoke('C0BETA', 'nobody@apexoutdoor.com'))).resolves.toMatchObject({ status: 'unchanged' });
    expect(methodCounts(emu)['conversations.kick']).toBeUndefined();
  });

  it.each([
    ['an archived channel', grant('C0OLD', 'finn@apexoutdoor.com'), 'is_archived'],
    ['an unknown channel', grant('C0NOPE', 'finn@apexoutdoor.com'), 'channel_not_found'],
    ['a deactivated account', grant('C0BETA', 'gone@apexoutdoor.com'), 'user_deactivated'],
    ['removal from an unknown channel', revoke('C0NOPE', 'finn@apexoutdoor.com'), 'channel_not_found'],
  ])('fails on %s with the code', async (_label, change, code) => {
    const emu = await start();
    const error = await rejection(adapter(emu).apply(change));
    expect(error).toMatchObject({ code, platform: 'slack', retryable: false });
  });

  it('maps cant_invite from Slack', async () => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.invite', status: 200, body: { ok: false, error: 'cant_invite' } }] } });
    const error = await rejection(adapter(emu).apply(grant('C0BETA', 'jake@freelance.dev')));
    expect(error).toMatchObject({ code: 'cant_invite' });
    expect(error.message).toContain('jake@freelance.dev in channel C0BETA');
  });

  it('never invites or removes its own user', async () => {
    const emu = await start({
      seed: {
        team: 'T0ACME',
        botUserId: BOT,
        users: [{ id: BOT, email: 'latch@acme-agency.com', name: 'latch' }],
        channels: { C0APEX: { members: [] } },
      },
    });
    const error = await rejection(adapter(emu).apply(revoke('C0APEX', 'latch@acme-agency.com')));
    expect(error).toMatchObject({ code: 'cant_kick_self' });
    expect(membersOf(emu, 'C0APEX')).toContain(BOT);
    expect(methodCounts(emu)['conversations.kick']).toBeUndefined();
  });

  it.each<[string, Change]>([
    ['an update (a channel has one level)', { ...grant('C0APEX', 'dana@apexoutdoor.com'), action: 'update', from: 'member', to: 'member' }],
    ['removing a bot', revoke('C0APEX', 'bot:zapier', 'U05ZAP')],
    ['a kind that is not Slack', { ...grant('C0APEX', 'dana@apexoutdoor.com'), kind: 'github-team' }],
  ])('refuses %s without calling Slack', async (_label, change) => {
    const emu = await start();
    const error = await rejection(adapter(emu).apply(change));
    expect(error).toBeInstanceOf(PlatformError);
    expect(emu.requests).toHaveLength(0);
  });
});
