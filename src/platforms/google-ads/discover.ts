import pLimit from 'p-limit';
import { z } from 'zod';
import { createGoogleAdsApi, readSettings, search, type GoogleAdsApi } from './client.js';
import { accessibleCustomers, configuredLogin } from './route.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';

/** Customers searched for their names at once; Google Ads counts requests per developer token. */
const CONCURRENCY = 4;
const NAME_QUERY = 'SELECT customer.descriptive_name FROM customer';

/** A `FROM customer` row; an account may have no descriptive name. */
const CustomerRow = z.object({ customer: z.object({ descriptiveName: z.string().optional() }) });

/** The account's descriptive name, or its id when it has none; accessible, so it needs a manager only when one is configured. */
async function nameOf(api: GoogleAdsApi, id: string): Promise<string> {
  const rows = await search(api, 'discover', { customer: id, login: configuredLogin(api, id) }, NAME_QUERY, CustomerRow);
  return rows[0]?.customer.descriptiveName?.trim() || id;
}

/** Every customer the credential reaches, with its name: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createGoogleAdsApi(readSettings(context.env, context.config), context.logger);
  const ids = await accessibleCustomers(api, 'discover');
  const limit = pLimit(CONCURRENCY);
  const names = await Promise.all(ids.map((id) => limit(() => nameOf(api, id))));
  return ids.map((id, index): Discovered => ({ kind: 'google-ads-account', ref: id, name: names[index] ?? id }));
}

/** Google Ads names users by e-mail already. */
function emails(_context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>> {
  return Promise.resolve(new Map(principals.filter((principal) => principal.includes('@')).map((principal) => [principal, principal.toLowerCase()])));
}

function describe(context: PlatformContext): string {
  const manager = context.env.LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID;
  return manager ? `Google Ads, customers reached through manager ${manager}` : 'Google Ads, the customers the credential reaches';
}

/** Import from Google Ads: every accessible customer, grouped by descriptive name like repositories. */
export const googleAdsImporter: PlatformImporter = { discover, emails, describe };
