import { pino } from 'pino';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../src/emulators/harness.js';
import type { ActualGrant } from '../../../src/model/grants.js';
import { startMetaEmulator, type MetaEmulator, type MetaSeed } from '../../../src/emulators/meta/index.js';
import { createMetaAdapter } from '../../../src/platforms/meta/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { BUSINESS, TOKEN, account, context, update } from './helpers.js';

/**
 * What the Marketing API reference documents and Latch relies on:
 *
 * - An ad account's assigned users carry `tasks`, "all unpacked roles/tasks"; the tasks are
 *   MANAGE, ADVERTISE, ANALYZE, DRAFT and AA_ANALYZE. ANALYZE is View performance; DRAFT
 *   (Creative Hub mockups) and AA_ANALYZE (Analytics) do not include it.
 * - The POST documents exactly `user` (required) and `tasks` (array of those enums); the
 *   DELETE documents `user`. Both answer `{success: bool}`.
 * - Reading needs `business`; a list is `{data: [...], paging}`.
 *   https://developers.facebook.com/docs/marketing-api/reference/ad-account/assigned_users/
 * - Array parameters travel as JSON: the reference's examples send form fields with a
 *   JSON-encoded array (`-F 'tasks=["MANAGE"]'`).
 *   https://developers.facebook.com/docs/marketing-api/business-asset-management/guides/ad-accounts
 * - Errors are `{error: {message, type, code, error_subcode}}`, whatever the HTTP status.
 *   https://developers.facebook.com/docs/graph-api/guides/error-handling
 */

const PATH = '/v25.0/act_1001/assigned_users';

function seed(): MetaSeed {
  return {
    businessId: BUSINESS,
    people: { 'maria@acme-agency.com': 'ADMIN', 'dana@apexoutdoor.com': 'EMPLOYEE', 'ana@apexoutdoor.com': 'EMPLOYEE', 'mock@apexoutdoor.com': 'EMPLOYEE' },
    adAccounts: {
      act_1001: { 'maria@acme-agency.com': 'MANAGE', 'dana@apexoutdoor.com': 'ANALYZE', 'ana@apexoutdoor.com': ['AA_ANALYZE'], 'mock@apexoutdoor.com': 'DRAFT' },
    },
  };
}

let emulator: MetaEmulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(faults: Fault[] = []): Promise<MetaEmulator> {
  emulator = await startMetaEmulator({ seed: seed(), token: TOKEN, switches: { faults } });
  return emulator;
}

function levels(grants: ActualGrant[]): Record<string, string> {
  return Object.fromEntries(grants.map((grant) => [grant.principal, grant.level]));
}

describe('meta conformance: tasks', () => {
  it('maps every documented task: AA_ANALYZE and DRAFT alone read as limited, not analyze', async () => {
    const emu = await start();
    const grants = await createMetaAdapter(context({ LATCH_META_API_URL: `${emu.url}/v25.0` })).list(account());
    expect(levels(grants)).toEqual({
      'ana@apexoutdoor.com': 'limited',
      'dana@apexoutdoor.com': 'analyze',
      'maria@acme-agency.com': 'manage',
      'mock@apexoutdoor.com': 'limited',
    });
  });

  it('raises a DRAFT-only person to analyze with the tasks Meta documents for it', async () => {
    const emu = await start();
    const meta = createMetaAdapter(context({ LATCH_META_API_URL: `${emu.url}/v25.0` }), { retryBaseMs: 1 });
    await expect(meta.apply(update({ principal: 'mock@apexoutdoor.com' }, 'limited', 'analyze'))).resolves.toEqual({ status: 'applied' });
    expect(emu.snapshot().adAccounts.act_1001?.['mock@apexoutdoor.com']).toBe('ANALYZE');
  });
});

describe('meta conformance: writes send the documented parameters in the documented encoding', () => {
  it('POSTs user and tasks form-encoded, tasks a JSON array string, and DELETEs by user alone', async () => {
    const emu = await start();
    const meta = createMetaAdapter(context({ LATCH_META_API_URL: `${emu.url}/v25.0` }), { retryBaseMs: 1 });
    await meta.apply(update({ principal: 'dana@apexoutdoor.com' }, 'analyze', 'advertise'));
    await meta.apply({ client: 'apex', kind: 'meta-ad-account', resource: 'act_1001', principal: 'maria@acme-agency.com', action: 'revoke', from: 'manage', to: null, reason: 'test' });
    const [post, remove] = emu.writes;
    expect(post?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(post?.params).toEqual({ user: expect.any(String), tasks: '["ADVERTISE","ANALYZE","DRAFT"]' });
    expect(remove).toMatchObject({ method: 'DELETE', contentType: '', params: { user: expect.any(String) } });
    expect(Object.keys(remove?.params ?? {})).toEqual(['user']);
  });

  it.each([
    ['a bare task name', 'ANALYZE'],
    ['a comma list', 'ADVERTISE,ANALYZE'],
    ['a task Meta does not document', '["VIEW"]'],
  ])('the emulator refuses tasks given as %s, as Graph does', async (_what, tasks) => {
    const emu = await start();
    const listed = await createMetaAdapter(context({ LATCH_META_API_URL: `${emu.url}/v25.0` })).list(account());
    const user = listed.find((grant) => grant.principal === 'dana@apexoutdoor.com')?.handle ?? '';
    const answer = await request(`${emu.url}${PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user, tasks }).toString(),
    });
    const body = (await answer.body.json()) as { error?: { code?: number; message?: string } };
    expect(answer.statusCode).toBe(400);
    expect(body.error?.code).toBe(100);
    expect(body.error?.message).toMatch(/param tasks/);
    expect(emu.snapshot().adAccounts.act_1001?.['dana@apexoutdoor.com']).toBe('ANALYZE');
  });
});

async function readAccount(emu: MetaEmulator, env: NodeJS.ProcessEnv = {}) {
  const adapters = new AdapterSet(context({ LATCH_META_API_URL: `${emu.url}/v25.0`, LATCH_RETRY_BASE_MS: '1', ...env }));
  const [reading] = await readActual([account()], adapters, { concurrency: 2, logger: pino({ level: 'silent' }) });
  return reading && !reading.ok ? reading.error : 'read';
}

describe('meta conformance: a list is used only when positively complete', () => {
  it.each<[string, Omit<Fault, 'path'>, RegExp]>([
    ['a 200 with an error body', { status: 200, body: { error: { message: 'Please reduce the amount of data', type: 'OAuthException', code: 1 } } }, /Please reduce the amount of data \(code 1\)/],
    ['an empty body', { status: 200, raw: '' }, /malformed response: an empty body/],
    ['an HTML page', { status: 200, raw: '<!DOCTYPE html><html><body>Sorry, something went wrong.</body></html>' }, /malformed response: an HTML page/],
    ['truncated JSON', { status: 200, raw: '{"data":[{"id":"1","tasks":["ANAL', headers: { 'content-type': 'application/json' } }, /malformed response: text that is not JSON/],
    ['no data field', { status: 200, body: { paging: {} } }, /malformed response at data/],
  ])('leaves the account unread on %s, changing nothing', async (_what, fault, message) => {
    const emu = await start([{ method: 'GET', path: '/act_1001/assigned_users', ...fault, times: 5 }]);
    const before = emu.snapshot();
    const error = await readAccount(emu);
    expect(error).toMatch(/GET \/act_1001\/assigned_users/);
    expect(error).toMatch(message);
    expect(emu.writes).toEqual([]);
    expect(emu.snapshot()).toEqual(before);
  });
});

describe('meta conformance: timeouts', () => {
  it('gives up on a hung list after one retry, naming the account and the timeout', async () => {
    const emu = await start([{ method: 'GET', path: '/act_1001/assigned_users', status: 200, body: { data: [] }, hangMs: 1500, times: 3 }]);
    const error = await readAccount(emu, { LATCH_HTTP_TIMEOUT_MS: '200' });
    expect(error).toMatch(/GET \/act_1001\/assigned_users: timed out after 0\.2 s/);
  });
});
