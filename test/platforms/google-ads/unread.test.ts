import { afterEach, describe, expect, it } from 'vitest';
import { startGoogleAdsEmulator, type GoogleAdsEmulator, type GoogleAdsSeed } from '../../../src/emulators/google-ads/index.js';
import type { Fault } from '../../../src/emulators/harness.js';
import { CUSTOMER, DEVELOPER_TOKEN, TOKEN } from './helpers.js';
import { planAgainst } from './repo.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';

/** Maria is declared; dana is not, so a complete listing would revoke her. */
const SEED: GoogleAdsSeed = {
  customers: { [CUSTOMER]: { users: { 'maria@acme-agency.com': 'ADMIN', 'dana@apexoutdoor.com': 'STANDARD' } } },
};

let emulator: GoogleAdsEmulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const search = { method: 'POST', path: 'googleAds:search', times: 10 } as const;

describe('a Google Ads listing that is not positively complete leaves the account unread', () => {
  it('revokes dana when the listing is complete', async () => {
    emulator = await startGoogleAdsEmulator({ seed: structuredClone(SEED), token: TOKEN, developerToken: DEVELOPER_TOKEN });
    const { plan } = await planAgainst(emulator.url);
    expect(plan.unread).toEqual([]);
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'revoke', principal: 'dana@apexoutdoor.com' })]);
  });

  it.each<[string, Fault, RegExp]>([
    ['a 200 with an error body', { ...search, status: 200, body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } } }, /an error in a 200 answer: Internal error encountered\. \(INTERNAL\)/],
    ['an empty body', { ...search, status: 200, raw: '', headers: { 'content-type': 'application/json' } }, /empty response/],
    ['an HTML page', { ...search, status: 200, raw: '<!DOCTYPE html><html><body>Service Unavailable</body></html>' }, /not JSON \(an HTML page\)/],
    ['truncated JSON', { ...search, status: 200, raw: '{"results":[{"customerUserAccess":{"resourceName":"customers/1234567890/custo', headers: { 'content-type': 'application/json' } }, /not JSON \(truncated or invalid JSON\)/],
    ['a missing list field', { ...search, status: 200, body: {} }, /malformed response at fieldMask/],
    ['a list field that is not a list', { ...search, status: 200, body: { results: 'none', fieldMask: 'customerUserAccess.emailAddress' } }, /malformed response at results/],
  ])('on %s', async (_what, fault, message) => {
    emulator = await startGoogleAdsEmulator({ seed: structuredClone(SEED), token: TOKEN, developerToken: DEVELOPER_TOKEN, switches: { faults: [fault] } });
    const { plan } = await planAgainst(emulator.url);
    expect(plan.unread).toEqual([{ client: 'apex', kind: 'google-ads-account', resource: '123-456-7890', error: expect.stringMatching(message) }]);
    expect(plan.unread[0]?.error).toMatch(/customers\/1234567890\/googleAds:search/);
    expect(plan.changes).toEqual([]);
    expect(emulator.requests.filter((request) => request.path.endsWith(':mutate'))).toEqual([]);
    expect(emulator.snapshot().customers[CUSTOMER]?.users).toEqual(SEED.customers[CUSTOMER]?.users);
  });

  it('leaves the account unread when listAccessibleCustomers answers with an HTML page', async () => {
    const fault: Fault = { method: 'GET', path: 'listAccessibleCustomers', status: 200, raw: '<html>Temporarily unavailable</html>' };
    emulator = await startGoogleAdsEmulator({ seed: structuredClone(SEED), token: TOKEN, developerToken: DEVELOPER_TOKEN, switches: { faults: [fault] } });
    const { plan } = await planAgainst(emulator.url);
    expect(plan.unread[0]?.error).toMatch(/customer 1234567890: finding the manager account to reach it through: .*listAccessibleCustomers: response is not JSON \(an HTML page\)/);
    expect(plan.changes).toEqual([]);
  });

  it('leaves the account unread when a search hangs past LATCH_HTTP_TIMEOUT_MS', async () => {
    const hang: Fault = { ...search, status: 503, hangMs: 10_000 };
    emulator = await startGoogleAdsEmulator({ seed: structuredClone(SEED), token: TOKEN, developerToken: DEVELOPER_TOKEN, switches: { faults: [hang] } });
    const { plan } = await planAgainst(emulator.url, { env: { LATCH_HTTP_TIMEOUT_MS: '200', LATCH_RETRY_BASE_MS: '10' } });
    expect(plan.unread).toEqual([{ client: 'apex', kind: 'google-ads-account', resource: '123-456-7890', error: expect.stringMatching(/timed out after 0\.2 s/) }]);
    expect(plan.changes).toEqual([]);
    expect(emulator.requests.filter((request) => request.path.endsWith(':mutate'))).toEqual([]);
  });
});
