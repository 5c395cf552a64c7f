import { z } from 'zod';
import { accountId } from './accounts.js';
import { createMetaApi, getAll, readSettings } from './client.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';

/** `GET /{business_id}/owned_ad_accounts?fields=id,name`: one ad account (`id` is `act_<digits>`). */
const OwnedAdAccount = z.object({ id: z.string().min(1), name: z.string() });

/** Every ad account the agency's business owns, cursor-paged: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createMetaApi(readSettings(context.env), context.logger);
  const path = `/${api.settings.businessId}/owned_ad_accounts`;
  const accounts = await getAll(api, 'discover', path, { fields: 'id,name' }, OwnedAdAccount);
  return accounts.map((account): Discovered => ({ kind: 'meta-ad-account', ref: accountId(account.id, 'discover'), name: account.name }));
}

/** The adapter names people of the business by e-mail; system and partner users (`meta-user:…`) have none. */
function emails(_context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>> {
  return Promise.resolve(new Map(principals.filter((principal) => principal.includes('@')).map((principal) => [principal, principal.toLowerCase()])));
}

/** Import from Meta: the ad accounts the agency's Business Manager owns, grouped by name like repositories. */
export const metaImporter: PlatformImporter = {
  discover,
  emails,
  describe: (context) => `Meta Business Manager ${context.env.LATCH_META_BUSINESS_ID ?? '(LATCH_META_BUSINESS_ID is not set)'}`,
};
