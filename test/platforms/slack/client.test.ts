import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import type { SlackEmulator } from '../../../src/emulators/slack/index.js';
import { slackFactory } from '../../../src/platforms/slack/index.js';
import { TOKEN, adapter, channel, context, emulator, grant, methodCounts, rejection, revoke } from './helpers.js';

let slack: SlackEmulator | undefined;

async function start(...args: Parameters<typeof emulator>): Promise<SlackEmulator> {
  slack = await emulator(...args);
  return slack;
}

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

/** Everything an error exposes: message, stack, own fields, serialised form. */
function exposed(error: Error): string {
  return [error.message, error.stack, JSON.stringify(error), String(error.cause instanceof Error ? error.cause.message : '')].join('\n');
}

describe('slack client: configuration', () => {
  it('names the missing variable when SLACK_TOKEN is absent', () => {
    expect(() => slackFactory.create(context('http://127.0.0.1:9/api/', { SLACK_TOKEN: '' }))).toThrow(PlatformError);
    expect(() => slackFactory.create(context('http://127.0.0.1:9/api/', { SLACK_TOKEN: undefined }))).toThrow(/SLACK_TOKEN is not set/);
  });

  it('declares its id and kind', () => {
    expect(slackFactory).toMatchObject({ id: 'slack', kinds: ['slack-channel'] });
  });

  it('appends method names to a base URL given without the trailing slash', async () => {
    const emu = await start();
    const grants = await adapter(emu, {}, { LATCH_SLACK_API_URL: emu.url.replace(/\/$/, '') }).list(channel('C0BETA'));
    expect(grants).toHaveLength(1);
    expect(emu.requests.map((r) => r.path)).toContain('/api/conversations.members');
  });
});

describe('slack client: rate limits', () => {
  it('waits out Retry-After and finishes the list', async () => {
    const emu = await start({ switches: { rateLimit: { every: 2, retryAfterSeconds: 1 } } });
    const started = Date.now();
    const grants = await adapter(emu).list(channel('C0APEX'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(grants.map((g) => g.principal)).toEqual(['bot:zapier', 'dana@apexoutdoor.com', 'maria@acme-agency.com']);
    expect(emu.requests.some((r) => r.status === 429)).toBe(true);
  });

  it('holds back only the method that was limited', async () => {
    const emu = await start({
      switches: { faults: [{ path: 'conversations.kick', status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }] },
    });
    const slackAdapter = adapter(emu);
    const started = Date.now();
    const kicked = slackAdapter.apply(revoke('C0APEX', 'maria@acme-agency.com', 'U03MARIA')).then((outcome) => ({ outcome, ms: Date.now() - started }));
    const invited = slackAdapter.apply(grant('C0BETA', 'jake@freelance.dev')).then((outcome) => ({ outcome, ms: Date.now() - started }));
    const [kick, invite] = await Promise.all([kicked, invited]);
    expect(kick.outcome.status).toBe('applied');
    expect(kick.ms).toBeGreaterThanOrEqual(950);
    expect(invite.outcome.status).toBe('applied');
    expect(invite.ms).toBeLessThan(900);
    expect(methodCounts(emu)['conversations.kick']).toBe(2);
  });

  it('treats a ratelimited error body like a 429', async () => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.members', status: 200, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } }] } });
    await expect(adapter(emu).list(channel('C0BETA'))).resolves.toHaveLength(1);
    expect(methodCounts(emu)['conversations.members']).toBe(2);
  });

  it('gives up after a bounded number of tries with a retryable error', async () => {
    const limited = { path: 'conversations.members', status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' }, times: 50 };
    const emu = await start({ switches: { faults: [limited] } });
    const error = await rejection(adapter(emu).list(channel('C0BETA')));
    expect(error).toMatchObject({ code: 'ratelimited', retryable: true, status: 429 });
    expect(methodCounts(emu)['conversations.members']).toBe(4);
  });

  it('does not stall the run on a very long Retry-After', async () => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.members', status: 429, headers: { 'retry-after': '3600' } }] } });
    // Waiting out an hour would outlast the test's timeout: answering at all shows it did not wait.
    const error = await rejection(adapter(emu).list(channel('C0BETA')));
    expect(methodCounts(emu)['conversations.members']).toBe(1);
    expect(error).toMatchObject({ code: 'ratelimited', retryable: true });
    expect(error.message).toContain('retry after 3600 s');
  });

  it('retries a server error and counts every call', async () => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.invite', status: 502 }] } });
    const slackAdapter = adapter(emu);
    await expect(slackAdapter.apply(grant('C0BETA', 'jake@freelance.dev'))).resolves.toMatchObject({ status: 'applied' });
    expect(slackAdapter.calls).toEqual({ reads: 2, writes: 2 });
  });
});

describe('slack client: the token', () => {
  it('is sent as a bearer header', async () => {
    const emu = await start();
    await adapter(emu).list(channel('C0BETA'));
    expect(emu.requests.map((r) => r.authorization)).toEqual(emu.requests.map(() => `Bearer ${TOKEN}`));
  });

  it('is refused with a message that names the variable, not the value', async () => {
    const emu = await start({ token: 'xoxb-the-right-one' });
    const slackAdapter = adapter(emu);
    const error = await rejection(slackAdapter.list(channel('C0BETA')));
    expect(error).toMatchObject({ code: 'invalid_auth', retryable: false });
    expect(error.message).toContain('SLACK_TOKEN was refused');
    expect(exposed(error)).not.toContain(TOKEN);
    // A refusal that cannot pass is remembered: the next channel does not ask again who the token is.
    await expect(slackAdapter.list(channel('C0APEX'))).rejects.toThrow('invalid_auth');
    // The first rejection ends a listing while its sibling calls are still answered: let them land.
    await vi.waitFor(() => expect(methodCounts(emu)['conversations.members']).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(methodCounts(emu)).toEqual({ 'auth.test': 1, 'users.list': 1, 'conversations.members': 2 });
  });

  it.each([
    ['an error code echoing it', { status: 200, body: { ok: false, error: `bad_token_${TOKEN}` } }],
    ['a scope list echoing it', { status: 200, body: { ok: false, error: 'missing_scope', needed: 'users:read', provided: TOKEN } }],
    ['a malformed answer', { status: 200, body: { ok: true, members: TOKEN } }],
    ['a server error', { status: 500, body: { ok: false, error: TOKEN } }],
  ])('never appears in an error from %s', async (_label, fault) => {
    const emu = await start({ switches: { faults: [{ path: 'conversations.members', times: 3, ...fault }] } });
    const error = await rejection(adapter(emu).list(channel('C0BETA')));
    expect(error).toBeInstanceOf(PlatformError);
    expect(exposed(error)).not.toContain(TOKEN);
  });

  it('never appears in an error when Slack cannot be reached', async () => {
    const emu = await start();
    const url = emu.url;
    await emu.close();
    slack = undefined;
    const error = await rejection(adapter({ ...emu, url }).list(channel('C0BETA')));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(exposed(error)).not.toContain(TOKEN);
  });
});
