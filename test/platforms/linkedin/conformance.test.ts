import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../src/emulators/harness.js';
import { startLinkedinEmulator, type LinkedinEmulator } from '../../../src/emulators/linkedin/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { ACCOUNT, TOKEN, adAccount, context } from './helpers.js';

/**
 * What LinkedIn documents and Latch relies on:
 *
 * - The ad account users finder `GET /adAccountUsers?q=accounts&accounts=<urn>` answers
 *   `{elements: [{account, user, role}], paging: {start, count, total}}`; roles are
 *   ACCOUNT_BILLING_ADMIN, ACCOUNT_MANAGER, CAMPAIGN_MANAGER, CREATIVE_MANAGER and VIEWER;
 *   a user is created with PUT on the compound key, changed with a PARTIAL_UPDATE, removed
 *   with DELETE.
 *   https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-account-users
 * - Every call carries `LinkedIn-Version: YYYYMM` and `X-Restli-Protocol-Version: 2.0.0`;
 *   a sunset version answers 426.
 *   https://learn.microsoft.com/en-us/linkedin/marketing/versioning
 * - Errors are `{status, serviceErrorCode, code, message}`.
 *   https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
 */

const FINDER = '/rest/adAccountUsers';
const MARIA = 'urn:li:person:Maria_123';

let emulator: LinkedinEmulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(faults: Fault[] = []): Promise<LinkedinEmulator> {
  emulator = await startLinkedinEmulator({
    seed: { accounts: { [ACCOUNT]: { 'urn:li:person:OwnerAbc': 'ACCOUNT_BILLING_ADMIN', [MARIA]: 'ACCOUNT_MANAGER' } } },
    token: TOKEN,
    switches: { faults },
  });
  return emulator;
}

async function readAccount(emu: LinkedinEmulator, env: NodeJS.ProcessEnv = {}) {
  const adapters = new AdapterSet(context({ LATCH_LINKEDIN_API_URL: `${emu.url}/rest`, LATCH_RETRY_BASE_MS: '1', ...env }));
  const [reading] = await readActual([adAccount()], adapters, { concurrency: 2, logger: pino({ level: 'silent' }) });
  return reading;
}

function writes(emu: LinkedinEmulator): string[] {
  return emu.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
}

describe('linkedin conformance: the finder', () => {
  it('reads every documented role, the billing admin as owner', async () => {
    const emu = await start();
    const reading = await readAccount(emu);
    expect(reading).toMatchObject({
      ok: true,
      grants: [
        { principal: MARIA, level: 'account-manager' },
        { principal: 'urn:li:person:OwnerAbc', level: 'account-manager', owner: true },
      ],
    });
    expect(emu.requests[0]?.query).toContain(`accounts=${encodeURIComponent(`urn:li:sponsoredAccount:${ACCOUNT}`)}`);
  });
});

describe('linkedin conformance: a list is used only when positively complete', () => {
  it.each<[string, Omit<Fault, 'path'>, RegExp]>([
    ['a 200 with an error body', { status: 200, body: { status: 500, serviceErrorCode: 65604, code: 'INTERNAL_SERVER_ERROR', message: 'Empty entity body' } }, /Empty entity body \(INTERNAL_SERVER_ERROR\)/],
    ['an empty body', { status: 200, raw: '' }, /malformed response: an empty body/],
    ['an HTML page', { status: 200, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, /malformed response: an HTML page/],
    ['truncated JSON', { status: 200, raw: '{"elements":[{"account":"urn:li:spons', headers: { 'content-type': 'application/json' } }, /malformed response: text that is not JSON/],
    ['no elements field', { status: 200, body: { paging: { start: 0, count: 100, total: 2 } } }, /malformed response at elements/],
  ])('leaves the account unread on %s, changing nothing', async (_what, fault, message) => {
    const emu = await start([{ method: 'GET', path: FINDER, ...fault, times: 5 }]);
    const before = emu.snapshot();
    const reading = await readAccount(emu);
    const error = reading && !reading.ok ? reading.error : 'read';
    expect(error).toMatch(new RegExp(`GET /adAccountUsers\\?q=accounts for urn:li:sponsoredAccount:${ACCOUNT}`));
    expect(error).toMatch(message);
    expect(writes(emu)).toEqual([]);
    expect(emu.snapshot()).toEqual(before);
  });
});

describe('linkedin conformance: timeouts', () => {
  it('gives up on a hung finder after one retry, naming the account and the timeout', async () => {
    const emu = await start([{ method: 'GET', path: FINDER, status: 200, body: { elements: [], paging: { start: 0, count: 100, total: 0 } }, hangMs: 1500, times: 3 }]);
    const reading = await readAccount(emu, { LATCH_HTTP_TIMEOUT_MS: '200' });
    expect(reading && !reading.ok ? reading.error : 'read').toMatch(/for urn:li:sponsoredAccount:502840441: timed out after 0\.2 s/);
  });
});
