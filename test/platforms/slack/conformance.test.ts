import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../src/emulators/harness.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import type { SlackEmulator } from '../../../src/emulators/slack/index.js';
import { readActual } from '../../../src/read/read.js';
import { adapter, channel, context, emulator, grant, membersOf, rejection, revoke, seed } from './helpers.js';

/**
 * What Slack documents and Latch relies on, one test (or table) each:
 *
 * - conversations.kick answers `not_in_channel` when the user is not in the channel, and the
 *   same code when the calling app is not: only conversations.members tells the two apart.
 *   https://api.slack.com/methods/conversations.kick (errors: not_in_channel, cant_kick_self,
 *   cant_kick_from_general, restricted_action, channel_not_found, user_not_found)
 * - conversations.invite answers `not_in_channel` when the app is not in the channel.
 *   https://api.slack.com/methods/conversations.invite
 * - conversations.members answers `channel_not_found` for a private channel the app is not
 *   in; a list is `{ok: true, members: [...]}` with `response_metadata.next_cursor`.
 *   https://api.slack.com/methods/conversations.members
 * - Every method answers HTTP 200 with `ok`; a failure is `{ok: false, error}`.
 *   https://api.slack.com/web#responses
 */

let slack: SlackEmulator | undefined;

async function start(...args: Parameters<typeof emulator>): Promise<SlackEmulator> {
  slack = await emulator(...args);
  return slack;
}

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

function writes(emu: SlackEmulator): string[] {
  return emu.requests.filter((request) => /conversations\.(kick|invite)$/.test(request.path)).map((request) => request.path);
}

describe('slack conformance: removing someone', () => {
  it('reports someone already out of the channel as unchanged, confirmed by the member list', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(revoke('C0BETA', 'dana@apexoutdoor.com'))).resolves.toEqual({ status: 'unchanged', detail: 'already out of the channel' });
    expect(emu.requests.map((request) => request.path)).toContain('/api/conversations.members');
  });

  it('fails, telling the admin to add the app, when the app is not in the channel', async () => {
    const emu = await start();
    emu.removeApp('C0APEX');
    const error = await rejection(adapter(emu).apply(revoke('C0APEX', 'dana@apexoutdoor.com')));
    expect(error.message).toMatch(/channel C0APEX: not_in_channel: the Slack app is not a member of the channel.*add the app to the channel/);
    expect(membersOf(emu, 'C0APEX')).toContain('U01DANA');
  });

  it('fails on a private channel the app is not in, which Slack hides', async () => {
    const base = seed();
    base.channels.G0SECRET = { name: 'secret', members: ['U01DANA'], withoutApp: true };
    const emu = await start({ seed: base });
    const error = await rejection(adapter(emu).apply(revoke('G0SECRET', 'dana@apexoutdoor.com')));
    expect(error.message).toMatch(/channel_not_found: .*a private channel needs the app added to it/);
    expect(membersOf(emu, 'G0SECRET')).toContain('U01DANA');
  });

  it('fails when a workspace preference keeps the app from removing members', async () => {
    const emu = await start({ kickRestricted: true });
    const error = await rejection(adapter(emu).apply(revoke('C0APEX', 'dana@apexoutdoor.com')));
    expect(error.message).toMatch(/restricted_action: a workspace setting/);
    expect(membersOf(emu, 'C0APEX')).toContain('U01DANA');
  });

  it('fails on #general, from which nobody can be removed', async () => {
    const base = seed();
    base.channels.C0GENERAL = { name: 'general', members: ['U01DANA'], general: true };
    const emu = await start({ seed: base });
    await expect(adapter(emu).apply(revoke('C0GENERAL', 'dana@apexoutdoor.com'))).rejects.toThrow(/cant_kick_from_general/);
  });

  it('fails to invite into a channel the app is not in, telling the admin to add it', async () => {
    const emu = await start();
    emu.removeApp('C0EMPTY');
    await expect(adapter(emu).apply(grant('C0EMPTY', 'finn@apexoutdoor.com'))).rejects.toThrow(/not_in_channel: the Slack app is not a member of the channel; add the app/);
  });
});

/** Reads one channel the way a plan does, through the real factory and environment. */
async function readChannel(emu: SlackEmulator, env: NodeJS.ProcessEnv = {}) {
  const adapters = new AdapterSet(context(emu.url, { LATCH_RETRY_BASE_MS: '1', ...env }));
  const [reading] = await readActual([channel('C0APEX')], adapters, { concurrency: 2, logger: pino({ level: 'silent' }) });
  return reading;
}

const MEMBERS = '/api/conversations.members';

describe('slack conformance: a member list is used only when positively complete', () => {
  it.each<[string, Omit<Fault, 'path'>, RegExp]>([
    ['a 200 with an error body', { status: 200, body: { error: { message: 'Internal' } } }, /malformed response/],
    ['a 200 with ok: false', { status: 200, body: { ok: false, error: 'fatal_error' } }, /fatal_error/],
    ['an empty body', { status: 200, raw: '' }, /malformed response/],
    ['an HTML page', { status: 200, raw: '<html><body>Slack is down</body></html>' }, /malformed response/],
    ['truncated JSON', { status: 200, raw: '{"ok":true,"members":["U01DANA",', headers: { 'content-type': 'application/json' } }, /malformed response/],
    ['no members field', { status: 200, body: { ok: true, response_metadata: { next_cursor: '' } } }, /malformed response at members/],
  ])('leaves the channel unread on %s, changing nothing', async (_what, fault, message) => {
    const emu = await start({ switches: { faults: [{ path: MEMBERS, ...fault, times: 5 }] } });
    const before = emu.snapshot();
    const reading = await readChannel(emu);
    expect(reading).toMatchObject({ ok: false });
    expect(reading && !reading.ok ? reading.error : '').toMatch(/channel C0APEX/);
    expect(reading && !reading.ok ? reading.error : '').toMatch(message);
    expect(writes(emu)).toEqual([]);
    expect(emu.snapshot()).toEqual(before);
  });
});

describe('slack conformance: timeouts', () => {
  it('gives up on a hung call after one retry, naming the channel and the timeout', async () => {
    const hung: Fault = { path: MEMBERS, status: 200, body: { ok: true, members: [] }, hangMs: 1500, times: 2 };
    const emu = await start({ switches: { faults: [hung] } });
    const reading = await readChannel(emu, { LATCH_HTTP_TIMEOUT_MS: '200' });
    expect(reading).toMatchObject({ ok: false });
    expect(reading && !reading.ok ? reading.error : '').toMatch(/conversations\.members for channel C0APEX: timed out after 0\.2 s/);
  });

  it('retries a hung call once and uses the answer that comes in time', async () => {
    const hung: Fault = { path: MEMBERS, status: 200, body: { ok: true, members: [] }, hangMs: 1500, times: 1 };
    const emu = await start({ switches: { faults: [hung] } });
    const reading = await readChannel(emu, { LATCH_HTTP_TIMEOUT_MS: '200' });
    expect(reading).toMatchObject({ ok: true });
    expect(reading && reading.ok ? reading.grants.map((g) => g.principal) : []).toContain('dana@apexoutdoor.com');
  });

  it('refuses a malformed LATCH_HTTP_TIMEOUT_MS with a clear message', async () => {
    const emu = await start();
    const reading = await readChannel(emu, { LATCH_HTTP_TIMEOUT_MS: 'soon' });
    expect(reading && !reading.ok ? reading.error : '').toMatch(/LATCH_HTTP_TIMEOUT_MS must be a whole number of milliseconds/);
  });
});
