import { afterEach, describe, expect, it } from 'vitest';
import { startGoogleAdsEmulator, type GoogleAdsEmulator, type GoogleAdsEmulatorOptions, type GoogleAdsSeed } from '../../../src/emulators/google-ads/index.js';
import { createGoogleAdsAdapter, type GoogleAdsTuning } from '../../../src/platforms/google-ads/index.js';
import { zonedToUtc } from '../../../src/zoned-time.js';
import type { PlatformsConfig } from '../../../src/load/model.js';
import { CUSTOMER, DEVELOPER_TOKEN, TOKEN, context, customer } from './helpers.js';
import { planAgainst } from './repo.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';

/**
 * The documented Google Ads API behaviour Latch relies on, one block per page. The emulator
 * models each; these tests hold the adapter to it.
 */
const DOCS = {
  queryStructure: 'https://developers.google.com/google-ads/api/docs/query/structure',
  accessRole: 'https://developers.google.com/google-ads/api/reference/rpc/v26/AccessRoleEnum.AccessRole',
  invitationStatus: 'https://developers.google.com/google-ads/api/reference/rpc/v26/AccessInvitationStatusEnum.AccessInvitationStatus',
  invitation: 'https://developers.google.com/google-ads/api/reference/rpc/v26/CustomerUserAccessInvitation',
  timeZone: 'https://developers.google.com/google-ads/api/fields/v26/customer#customer.time_zone',
  loginCustomerId: 'https://developers.google.com/google-ads/api/rest/auth',
  hierarchy: 'https://developers.google.com/google-ads/api/docs/account-management/get-account-hierarchy',
  customerClient: 'https://developers.google.com/google-ads/api/reference/rpc/v26/CustomerClient',
  permissionDenied: 'https://developers.google.com/google-ads/api/reference/rpc/v26/AuthorizationErrorEnum.AuthorizationError',
  search: 'https://developers.google.com/google-ads/api/rest/reference/rest/v26/customers.googleAds/search',
} as const;

const DAY_MS = 86_400_000;
let emulator: GoogleAdsEmulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(seed: GoogleAdsSeed, options: Partial<GoogleAdsEmulatorOptions> = {}): Promise<GoogleAdsEmulator> {
  emulator = await startGoogleAdsEmulator({ seed, token: TOKEN, developerToken: DEVELOPER_TOKEN, ...options });
  return emulator;
}

function adapter(url: string, options: { tuning?: GoogleAdsTuning; env?: NodeJS.ProcessEnv; config?: PlatformsConfig } = {}) {
  const made = context({ LATCH_GOOGLE_ADS_API_URL: `${url}/v26`, ...options.env });
  return createGoogleAdsAdapter({ ...made, config: options.config ?? {} }, { retryBaseMs: 1, ...options.tuning });
}

describe(`AccessRole: EMAIL_ONLY is an e-mail recipient, not a user (${DOCS.accessRole})`, () => {
  const seed = (): GoogleAdsSeed => ({ customers: { [CUSTOMER]: { users: { 'olivia@apexoutdoor.com': 'ADMIN', 'nina@acme-agency.com': 'EMAIL_ONLY' } } } });

  it('reads EMAIL_ONLY as email-only, never as read-only', async () => {
    const ads = adapter((await start(seed())).url);
    expect(await ads.list(customer())).toContainEqual(expect.objectContaining({ principal: 'nina@acme-agency.com', level: 'email-only' }));
  });

  it('does not verify a read-only person who only receives e-mails', async () => {
    const { url } = await start(seed());
    const { plan } = await planAgainst(url, { mode: 'verify', people: '  nina: { email: nina@acme-agency.com, role: agency-lead }\n' });
    const nina = plan.requests?.find((request) => request.principal === 'nina@acme-agency.com');
    expect(nina).toMatchObject({ status: 'wrong-level', wanted: 'read-only', actual: 'email-only' });
    expect(nina?.ask).toBe('change nina@acme-agency.com from email-only to read-only on Google Ads account 123-456-7890');
  });
});

describe(`AccessInvitationStatus: invitations expire 20 days after creation (${DOCS.invitationStatus})`, () => {
  const created = Date.parse('2026-10-01T12:00:00Z');
  const seed = (): GoogleAdsSeed => ({
    customers: {
      [CUSTOMER]: {
        users: { 'olivia@apexoutdoor.com': 'ADMIN' },
        invitations: [
          { id: '51', email: 'nina@acme-agency.com', role: 'READ_ONLY', createdAt: '2026-10-01 12:00:00' },
          { id: '52', email: 'gone@apexoutdoor.com', role: 'READ_ONLY', createdAt: '2026-10-01 12:00:00', status: 'DECLINED' },
        ],
      },
    },
  });

  it('reads an EXPIRED invitation as expired, with its age, and leaves DECLINED ones out', async () => {
    const now = () => created + 30 * DAY_MS;
    const { url } = await start(seed(), { now });
    expect(await adapter(url, { tuning: { now } }).list(customer())).toEqual([
      { principal: 'nina@acme-agency.com', level: 'read-only', pending: { id: '51', expired: true, createdAt: '2026-10-01T12:00:00.000Z' }, handle: `customers/${CUSTOMER}/customerUserAccessInvitations/51` },
      expect.objectContaining({ principal: 'olivia@apexoutdoor.com' }),
    ]);
  });

  it('trusts the EXPIRED status even when the adapter clock says otherwise', async () => {
    const { url } = await start(seed(), { now: () => created + 30 * DAY_MS });
    const listed = await adapter(url, { tuning: { now: () => created + DAY_MS } }).list(customer());
    expect(listed.find((grant) => grant.principal === 'nina@acme-agency.com')?.pending?.expired).toBe(true);
  });

  it('asks the client to invite again, not to add a missing person', async () => {
    const { url } = await start(seed(), { now: () => created + 30 * DAY_MS });
    const { plan } = await planAgainst(url, { mode: 'verify', people: '  nina: { email: nina@acme-agency.com, role: agency-lead }\n', today: '2026-10-31' });
    const nina = plan.requests?.find((request) => request.principal === 'nina@acme-agency.com');
    expect(nina).toMatchObject({ status: 'expired', ageDays: 30 });
    expect(nina?.ask).toBe('the invitation for nina@acme-agency.com to Google Ads account 123-456-7890 expired (sent 30 days ago): send it again with read-only');
  });
});

describe(`creation_date_time is "YYYY-MM-DD HH:MM:SS" in the account's time zone (${DOCS.invitation}, ${DOCS.timeZone})`, () => {
  it.each([
    ['America/New_York', '2025-03-01 10:00:00', '2025-03-01T15:00:00.000Z'],
    ['America/New_York', '2025-07-01 10:00:00', '2025-07-01T14:00:00.000Z'],
    ['Asia/Kolkata', '2025-07-01 10:00:00', '2025-07-01T04:30:00.000Z'],
    ['America/New_York', '2025-03-09 02:30:00', '2025-03-09T07:30:00.000Z'],
    ['America/New_York', '2025-11-02 01:30:00', '2025-11-02T05:30:00.000Z'],
    ['Europe/Berlin', '2025-10-26 02:30:00', '2025-10-26T00:30:00.000Z'],
    ['UTC', '2025-02-29 10:00:00', undefined],
  ])('%s %s is %s', (zone, text, iso) => {
    const at = zonedToUtc(text, zone);
    expect(at === undefined ? undefined : new Date(at).toISOString()).toBe(iso);
  });

  // Created 10:00 EST; the 20 days end across the spring DST change, at 11:00 EDT = 15:00Z.
  const seed = (): GoogleAdsSeed => ({
    customers: { [CUSTOMER]: { timeZone: 'America/New_York', users: { 'olivia@apexoutdoor.com': 'ADMIN' }, invitations: [{ id: '61', email: 'nina@acme-agency.com', role: 'READ_ONLY', createdAt: '2025-03-01 10:00:00' }] } },
  });

  it.each([
    ['2025-03-21T14:59:59Z', false],
    ['2025-03-21T15:00:00Z', true],
  ])('a New York invitation judged at %s is expired: %s', async (at, expired) => {
    const { url } = await start(seed(), { now: () => Date.parse('2025-03-02T00:00:00Z') });
    const [nina] = (await adapter(url, { tuning: { now: () => Date.parse(at) } }).list(customer())).filter((grant) => grant.pending);
    expect(nina?.pending).toEqual({ id: '61', expired, createdAt: '2025-03-01T15:00:00.000Z' });
  });

  it.each<[string, GoogleAdsSeed]>([
    ['with invitations', seed()],
    ['without invitations', { customers: { [CUSTOMER]: { timeZone: 'Asia/Kolkata', users: { 'olivia@apexoutdoor.com': 'ADMIN' } } } }],
  ])('reads the time zone along with the invitations (customer is their attributed resource): two searches %s', async (_case, accountSeed) => {
    const { url, requests } = await start(accountSeed, { now: () => Date.parse('2025-03-02T00:00:00Z') });
    await adapter(url).list(customer());
    const searches = requests.filter((request) => request.path.endsWith('googleAds:search'));
    expect(searches).toHaveLength(2);
  });
});

describe(`login-customer-id: a client is reached through a manager above it (${DOCS.loginCustomerId}, ${DOCS.permissionDenied})`, () => {
  // The credential is a user of two managers: 111 has client 123 directly; 222 has 333 (a
  // sub-manager) which has client 444. Neither client is accessible on its own.
  const seed = (): GoogleAdsSeed => ({
    accessible: ['1111111111', '2222222222'],
    customers: {
      '1111111111': { manager: true, users: { 'maria@acme-agency.com': 'ADMIN' }, clients: [CUSTOMER] },
      '2222222222': { manager: true, users: { 'maria@acme-agency.com': 'ADMIN' }, clients: ['3333333333'] },
      '3333333333': { manager: true, users: { 'ops@acme-agency.com': 'ADMIN' }, clients: ['4444444444'] },
      [CUSTOMER]: { users: { 'olivia@apexoutdoor.com': 'ADMIN' } },
      '4444444444': { users: { 'ivan@northwind.com': 'ADMIN' } },
    },
  });

  it('refuses a client without a manager, and with a manager that is not above it (USER_PERMISSION_DENIED)', async () => {
    const { url } = await start(seed());
    await expect(adapter(url, { env: { LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID: '2222222222' } }).list(customer())).rejects.toThrow(/\(USER_PERMISSION_DENIED\)/);
    await expect(adapter(url, { config: { 'google-ads': { loginCustomerIds: { '123-456-7890': '4444444444' } } } }).list(customer())).rejects.toThrow(/\(USER_PERMISSION_DENIED\)/);
  });

  it(`finds each account's manager through customer_client (${DOCS.hierarchy}, ${DOCS.customerClient})`, async () => {
    const { url, requests } = await start(seed());
    const ads = adapter(url);
    expect(await ads.list(customer())).toEqual([expect.objectContaining({ principal: 'olivia@apexoutdoor.com' })]);
    expect(await ads.list(customer('444-444-4444'))).toEqual([expect.objectContaining({ principal: 'ivan@northwind.com' })]);
    const paths = requests.map((request) => `${request.method} ${request.path} ${request.status}`);
    expect(paths).toEqual([
      'GET /v26/customers:listAccessibleCustomers 200',
      'POST /v26/customers/1111111111/googleAds:search 200',
      'POST /v26/customers/2222222222/googleAds:search 200',
      ...Array<string>(2).fill(`POST /v26/customers/${CUSTOMER}/googleAds:search 200`),
      ...Array<string>(2).fill('POST /v26/customers/4444444444/googleAds:search 200'),
    ]);
  });

  it('writes through the manager it found, too', async () => {
    const { url, snapshot } = await start(seed());
    const outcome = await adapter(url).apply({ client: 'northwind', kind: 'google-ads-account', resource: '444-444-4444', principal: 'nina@acme-agency.com', action: 'grant', from: null, to: 'read-only', reason: 'test' });
    expect(outcome).toEqual({ status: 'applied', detail: 'invitation sent' });
    expect(snapshot().customers['4444444444']?.invitations).toEqual([expect.objectContaining({ email: 'nina@acme-agency.com', role: 'READ_ONLY', status: 'PENDING' })]);
  });

  it('takes the manager platforms.yaml names before anything else, without discovery', async () => {
    const { url, requests } = await start(seed());
    const ads = adapter(url, { config: { 'google-ads': { loginCustomerIds: { '444-444-4444': '333-333-3333', '123-456-7890': '1111111111' } } } });
    // 333 is not accessible itself: Google Ads refuses it as login-customer-id.
    await expect(ads.list(customer('4444444444'))).rejects.toThrow(/USER_PERMISSION_DENIED/);
    expect(await ads.list(customer())).toHaveLength(1);
    expect(requests.some((request) => request.path.includes('listAccessibleCustomers'))).toBe(false);
  });

  it('says what to do when no accessible manager reaches the account', async () => {
    const lonely = seed();
    lonely.customers['5555555555'] = { users: { 'x@apexoutdoor.com': 'ADMIN' } };
    const { url } = await start(lonely);
    await expect(adapter(url).list(customer('5555555555'))).rejects.toThrow(
      'google-ads list: customer 5555555555: these credentials reach it neither directly nor through a manager account they reach (USER_PERMISSION_DENIED); name its manager under google-ads.loginCustomerIds in policies/platforms.yaml',
    );
  });
});

describe(`googleAds:search leaves results out when nothing matches, and always carries fieldMask (${DOCS.search})`, () => {
  it('reads an account with no invitations as complete', async () => {
    const { url, requests } = await start({ customers: { [CUSTOMER]: { users: { 'olivia@apexoutdoor.com': 'ADMIN' } } } });
    expect(await adapter(url).list(customer())).toHaveLength(1);
    expect(requests.every((request) => request.status === 200)).toBe(true);
  });
});

describe(`GAQL: one resource in FROM, fields of its attributed resources alongside (${DOCS.queryStructure})`, () => {
  async function search(url: string, query: string) {
    const response = await fetch(`${url}/v26/customers/${CUSTOMER}/googleAds:search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'developer-token': DEVELOPER_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it('joins the customer, with its resource name, to each access row', async () => {
    const { url } = await start({ customers: { [CUSTOMER]: { timeZone: 'Europe/Berlin', users: { 'olivia@apexoutdoor.com': 'ADMIN' } } } });
    const { status, body } = await search(url, 'SELECT customer_user_access.email_address, customer.time_zone FROM customer_user_access');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      results: [{ customerUserAccess: { resourceName: expect.stringMatching(/customerUserAccesses/), emailAddress: 'olivia@apexoutdoor.com' }, customer: { resourceName: `customers/${CUSTOMER}`, timeZone: 'Europe/Berlin' } }],
    });
  });

  it('refuses fields of a resource that is not attributed, such as the other access resource', async () => {
    const { url } = await start({ customers: { [CUSTOMER]: { users: { 'olivia@apexoutdoor.com': 'ADMIN' } } } });
    const { status, body } = await search(url, 'SELECT customer_user_access.email_address, customer_user_access_invitation.email_address FROM customer_user_access');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('UNRECOGNIZED_FIELD');
  });
});
