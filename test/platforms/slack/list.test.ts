import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import type { SlackEmulator } from '../../../src/emulators/slack/index.js';
import { SlackApiError } from '../../../src/platforms/slack/index.js';
import { adapter, BOT, channel, emulator, methodCounts, rejection } from './helpers.js';

let slack: SlackEmulator | undefined;

async function start(...args: Parameters<typeof emulator>): Promise<SlackEmulator> {
  slack = await emulator(...args);
  return slack;
}

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

describe('slack list', () => {
  it('lists members by e-mail, bots as owners, without the token user or deactivated accounts', async () => {
    const emu = await start();
    const grants = await adapter(emu).list(channel('C0APEX'));
    expect(grants).toEqual([
      { principal: 'bot:zapier', level: 'member', owner: true, handle: 'U05ZAP' },
      { principal: 'dana@apexoutdoor.com', level: 'member', handle: 'U01DANA' },
      { principal: 'maria@acme-agency.com', level: 'member', handle: 'U03MARIA' },
    ]);
    expect(grants.map((g) => g.handle)).not.toContain(BOT);
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.list': 1, 'conversations.members': 1 });
    expect(emu.requests.every((r) => r.method === 'POST')).toBe(true);
  });

  it('lists an empty channel as no grants', async () => {
    const emu = await start();
    await expect(adapter(emu).list(channel('C0EMPTY'))).resolves.toEqual([]);
  });

  it('follows next_cursor through every page of members and users', async () => {
    const emu = await start();
    const grants = await adapter(emu, { pageSize: 2 }).list(channel('C0APEX'));
    expect(grants.map((g) => g.principal)).toEqual(['bot:zapier', 'dana@apexoutdoor.com', 'maria@acme-agency.com']);
    // 5 members (the bot included) in pages of 2; 7 users in pages of 2.
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.list': 4, 'conversations.members': 3 });
  });

  it('copes with Slack returning fewer items than the limit asks', async () => {
    const emu = await start({ maxPageSize: 1 });
    const grants = await adapter(emu).list(channel('C0APEX'));
    expect(grants).toHaveLength(3);
    expect(methodCounts(emu)['conversations.members']).toBe(5);
    expect(methodCounts(emu)['users.list']).toBe(7);
  });

  it('reads the user list and auth.test once per run, however many channels', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    const lists = await Promise.all(['C0APEX', 'C0BETA', 'C0EMPTY', 'C0OLD'].map((ref) => slackAdapter.list(channel(ref))));
    expect(lists.map((grants) => grants.length)).toEqual([3, 1, 0, 1]);
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.list': 1, 'conversations.members': 4 });
    expect(slackAdapter.calls).toEqual({ reads: 6, writes: 0 });
  });

  it('asks users.info only for a member who joined after the user list was read', async () => {
    const emu = await start();
    const slackAdapter = adapter(emu);
    await slackAdapter.list(channel('C0APEX'));
    emu.addUser({ id: 'U07NEW', email: 'new@apexoutdoor.com', name: 'new' });
    emu.joinByHand('C0BETA', 'U07NEW');
    const grants = await slackAdapter.list(channel('C0BETA'));
    expect(grants.map((g) => g.principal)).toEqual(['finn@apexoutdoor.com', 'new@apexoutdoor.com']);
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.list': 1, 'conversations.members': 2, 'users.info': 1 });
  });

  it('fails on a channel Slack does not know, naming the channel and the code', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu).list(channel('C0NOPE')));
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ code: 'channel_not_found', platform: 'slack', operation: 'list', retryable: false });
    expect(error.message).toContain('channel C0NOPE');
    expect(error.message).toContain('channel_not_found');
  });

  it.each(['#general', 'apex', 'D0DIRECT', ''])('refuses the reference %j before calling Slack', async (ref) => {
    const emu = await start();
    const error = await rejection(adapter(emu).list(channel(ref)));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.message).toContain('is not a channel id');
    expect(emu.requests).toHaveLength(0);
  });

  it.each([
    ['an error answer', { status: 200, body: { ok: false, error: 'fetch_members_failed' } }, 'fetch_members_failed'],
    ['a server error', { status: 503, body: { ok: false, error: 'service_unavailable' } }, 'http_503'],
  ])('fails closed when the second page of members fails with %s', async (_label, fault, code) => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.members', after: 1, times: 5, ...fault }] } });
    const error = await rejection(adapter(emu, { pageSize: 2 }).list(channel('C0APEX')));
    expect(error).toMatchObject({ code, retryable: true });
  });

  it('fails closed when a page of the user list fails, and tries the list again for the next channel', async () => {
    const emu = await start({ switches: { faults: [{ path: 'users.list', after: 1, status: 500, times: 3 }] } });
    const slackAdapter = adapter(emu, { pageSize: 3 });
    const error = await rejection(slackAdapter.list(channel('C0APEX')));
    expect(error).toMatchObject({ code: 'http_500', retryable: true });
    await expect(slackAdapter.list(channel('C0BETA'))).resolves.toEqual([{ principal: 'finn@apexoutdoor.com', level: 'member', handle: 'U02FINN' }]);
  });

  it('fails closed when a member has no e-mail the token can see', async () => {
    const emu = await start({ scopes: ['channels:read', 'users:read'] });
    const error = await rejection(adapter(emu).list(channel('C0BETA')));
    expect(error).toMatchObject({ code: 'email_hidden' });
    expect(error.message).toContain('users:read.email');
    expect(error.message).toContain('U02FINN');
  });

  it('says which scope is missing', async () => {
    const emu = await start({ scopes: ['users:read', 'users:read.email'] });
    const error = await rejection(adapter(emu).list(channel('C0APEX')));
    expect(error).toMatchObject({ code: 'missing_scope', retryable: false });
    expect(error.message).toContain('lacks the Slack scope channels:read');
  });

  it('maps not_in_channel on the member list to a message saying what to do', async () => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.members', status: 200, body: { ok: false, error: 'not_in_channel' } }] } });
    const error = await rejection(adapter(emu).list(channel('C0APEX')));
    expect(error).toMatchObject({ code: 'not_in_channel' });
    expect(error.message).toContain('add the app to the channel');
  });

  it('refuses an answer that lacks the member list', async () => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.members', status: 200, body: { ok: true } }] } });
    const error = await rejection(adapter(emu).list(channel('C0APEX')));
    expect(error).toMatchObject({ code: 'malformed_response' });
    expect(error.message).toContain('members');
  });
});
