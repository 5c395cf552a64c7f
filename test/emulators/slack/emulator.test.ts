import { afterEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/emulators/slack/index.js';
import { BOT, TOKEN, emulator, membersOf } from '../../platforms/slack/helpers.js';

let slack: SlackEmulator | undefined;

async function start(...args: Parameters<typeof emulator>): Promise<SlackEmulator> {
  slack = await emulator(...args);
  return slack;
}

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

interface Reply {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

async function post(emu: SlackEmulator, method: string, args: Record<string, string>, token = TOKEN): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${emu.url}${method}`, { method: 'POST', headers, body: new URLSearchParams(args).toString() });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

describe('slack emulator', () => {
  it('pages conversations.members with next_cursor, empty on the last page', async () => {
    const emu = await start();
    const first = await post(emu, 'conversations.members', { channel: 'C0APEX', limit: '3' });
    expect(first.body).toEqual({ ok: true, members: [BOT, 'U01DANA', 'U03MARIA'], response_metadata: { next_cursor: expect.any(String) } });
    const cursor = (first.body.response_metadata as { next_cursor: string }).next_cursor;
    const second = await post(emu, 'conversations.members', { channel: 'C0APEX', limit: '3', cursor });
    expect(second.body).toEqual({ ok: true, members: ['U04GONE', 'U05ZAP'], response_metadata: { next_cursor: '' } });
  });

  it.each([
    ['conversations.members', { channel: 'C0NOPE' }, 'channel_not_found'],
    ['conversations.members', { channel: 'C0APEX', cursor: 'bm9wZQ==' }, 'invalid_cursor'],
    ['users.lookupByEmail', { email: 'nobody@example.com' }, 'users_not_found'],
    ['users.info', { user: 'U0NOPE' }, 'user_not_found'],
    ['conversations.invite', { channel: 'C0OLD', users: 'U02FINN' }, 'is_archived'],
    ['conversations.invite', { channel: 'C0APEX', users: 'U01DANA' }, 'already_in_channel'],
    ['conversations.invite', { channel: 'C0APEX', users: BOT }, 'cant_invite_self'],
    ['conversations.kick', { channel: 'C0APEX', user: 'U02FINN' }, 'not_in_channel'],
    ['conversations.kick', { channel: 'C0APEX', user: BOT }, 'cant_kick_self'],
  ])('answers %s %j with HTTP 200 and error %s', async (method, args, error) => {
    const emu = await start();
    const reply = await post(emu, method, args);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, error });
  });

  it('lists users with the fields Slack sends, e-mails hidden for bots', async () => {
    const emu = await start();
    const reply = await post(emu, 'users.list', { limit: '1000' });
    const members = reply.body.members as Array<Record<string, unknown>>;
    expect(members).toHaveLength(7);
    expect(members[0]).toEqual({ id: 'U01DANA', team_id: 'T0ACME', name: 'dana', deleted: false, is_bot: false, profile: { email: 'Dana@ApexOutdoor.com' } });
    expect(members.find((m) => m.id === 'U05ZAP')).toMatchObject({ is_bot: true, profile: {} });
    expect(members.find((m) => m.id === 'U04GONE')).toMatchObject({ deleted: true });
    expect(reply.body.response_metadata).toEqual({ next_cursor: '' });
  });

  it('invites all or nobody, unless forced', async () => {
    const emu = await start();
    const refused = await post(emu, 'conversations.invite', { channel: 'C0BETA', users: 'U01DANA,U02FINN' });
    expect(refused.body).toEqual({ ok: false, error: 'already_in_channel', errors: [{ user: 'U02FINN', ok: false, error: 'already_in_channel' }] });
    expect(membersOf(emu, 'C0BETA')).not.toContain('U01DANA');
    const forced = await post(emu, 'conversations.invite', { channel: 'C0BETA', users: 'U01DANA,U02FINN', force: 'true' });
    expect(forced.body).toMatchObject({ ok: true, channel: { id: 'C0BETA', name: 'beta' } });
    expect(membersOf(emu, 'C0BETA')).toEqual([BOT, 'U02FINN', 'U01DANA']);
  });

  it('checks the token: none, wrong, in the body', async () => {
    const emu = await start();
    expect((await post(emu, 'auth.test', {}, '')).body).toEqual({ ok: false, error: 'not_authed' });
    expect((await post(emu, 'auth.test', {}, 'xoxb-wrong')).body).toEqual({ ok: false, error: 'invalid_auth' });
    expect((await post(emu, 'auth.test', { token: TOKEN }, '')).body).toMatchObject({ ok: true, user_id: BOT, team_id: 'T0ACME' });
  });

  it('answers the rate-limit switch with 429 and Retry-After', async () => {
    const emu = await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 7 } } });
    const reply = await post(emu, 'auth.test', {});
    expect(reply).toEqual({ status: 429, retryAfter: '7', body: { ok: false, error: 'ratelimited' } });
  });

  it('answers missing_scope with what is needed and what the token has', async () => {
    const emu = await start({ scopes: ['users:read'] });
    const reply = await post(emu, 'conversations.kick', { channel: 'C0APEX', user: 'U01DANA' });
    expect(reply.body).toEqual({ ok: false, error: 'missing_scope', needed: 'channels:manage', provided: 'users:read' });
  });

  it('answers an unknown method with unknown_method', async () => {
    const emu = await start();
    const reply = await post(emu, 'chat.scheduleMessage', {});
    expect(reply.body).toEqual({ ok: false, error: 'unknown_method' });
  });

  it('records drift made by hand, and snapshots the workspace', async () => {
    const emu = await start();
    emu.joinByHand('C0EMPTY', 'U06JAKE');
    const snapshot = emu.snapshot();
    expect(snapshot.channels.C0EMPTY).toEqual({ name: 'empty', members: [BOT, 'U06JAKE'], archived: false });
    expect(snapshot.users.map((u) => u.id)).toContain(BOT);
    expect(() => emu.joinByHand('C0NOPE', 'U06JAKE')).toThrow(/no channel C0NOPE/);
    expect(() => emu.joinByHand('C0APEX', 'U0NOPE')).toThrow(/no user U0NOPE/);
  });
});
