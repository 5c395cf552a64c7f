import { oneKindAdapter } from '../one-kind.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { googleAdsImporter } from './discover.js';
import { GOOGLE_ADS_KINDS } from './kinds.js';
import { applyCustomerChange, listCustomerGrants } from './access.js';
import { PLATFORM, createGoogleAdsApi, customerId, readSettings, type GoogleAdsTuning } from './client.js';
import { createRouter } from './route.js';

export type { GoogleAdsTuning } from './client.js';
export { INVITATION_DAYS } from './access.js';

const KINDS = GOOGLE_ADS_KINDS.map((facts) => facts.kind);

/**
 * The Google Ads adapter (customer user access and invitations, REST). Configuration comes
 * from the environment only: `LATCH_GOOGLE_ADS_API_URL` (default
 * https://googleads.googleapis.com/v26), `LATCH_GOOGLE_ADS_TOKEN` (OAuth access token,
 * scope adwords), `LATCH_GOOGLE_ADS_DEVELOPER_TOKEN` and optionally
 * `LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID`; the manager of a customer that needs its own comes
 * from `google-ads.loginCustomerIds` of platforms.yaml, else from the manager hierarchy the
 * credential reaches. A resource's `ref` is the customer id, with or without dashes.
 */
export function createGoogleAdsAdapter(context: PlatformContext, tuning: GoogleAdsTuning = {}): PlatformAdapter {
  const api = createGoogleAdsApi(readSettings(context.env, context.config), context.logger, tuning);
  const router = createRouter(api);
  return oneKindAdapter({
    id: PLATFORM,
    kindWords: 'a Google Ads kind',
    kinds: KINDS,
    calls: api.http.calls,
    target: (ref, operation) => router.targetOf(customerId(ref, operation), operation),
    list: (customer) => listCustomerGrants(api, customer),
    apply: (customer, change) => applyCustomerChange(api, customer, change),
  });
}

export const googleAdsFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createGoogleAdsAdapter(context),
  importer: googleAdsImporter,
} satisfies AdapterFactory;
