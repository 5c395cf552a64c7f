import pLimit from 'p-limit';
import { z } from 'zod';
import type { PlatformContext } from '../platforms/adapter.js';
import { PLATFORM, createGoogleAdsApi, customerId, failure, readSettings, search, type GoogleAdsApi } from '../platforms/google-ads/client.js';
import type { Discovered, PlatformImporter } from './types.js';

/** Customers searched for their names at once; Google Ads counts requests per developer token. */
const CONCURRENCY = 4;
const NAME_QUERY = 'SELECT customer.descriptive_name FROM customer';

/** `GET customers:listAccessibleCustomers`: every customer the credential reaches, in one answer. */
const AccessibleCustomers = z.object({ resourceNames: z.array(z.string().regex(/^customers\/\d+$/)).default([]) });

/** A `FROM customer` row; an account may have no descriptive name. */
const CustomerRow = z.object({ customer: z.object({ descriptiveName: z.string().optional() }) });

async function accessibleCustomers(api: GoogleAdsApi): Promise<string[]> {
  const what = 'GET customers:listAccessibleCustomers';
  const answer = await api.http.send('discover', what, { method: 'GET', url: `${api.settings.baseUrl}/customers:listAccessibleCustomers` });
  if (answer.status < 200 || answer.status >= 300) throw failure(api, answer, 'discover', what);
  const parsed = AccessibleCustomers.safeParse(answer.body);
  if (!parsed.success) throw failure(api, { ...answer, status: 502 }, 'discover', `${what}: malformed response`);
  return parsed.data.resourceNames.map((name) => customerId(name.slice('customers/'.length), 'discover'));
}

/** The account's descriptive name, or its id when it has none. */
async function nameOf(api: GoogleAdsApi, id: string): Promise<string> {
  const rows = await search(api, 'discover', id, NAME_QUERY, CustomerRow);
  return rows[0]?.customer.descriptiveName?.trim() || id;
}

/** Every customer the credential reaches, with its name: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createGoogleAdsApi(readSettings(context.env), context.logger);
  const ids = await accessibleCustomers(api);
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
export const googleAdsImporter: PlatformImporter = { id: PLATFORM, discover, emails, describe };
