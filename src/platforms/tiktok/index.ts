import { oneKindAdapter } from '../one-kind.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { advertiserId, applyAccountChange, listAccountGrants } from './accounts.js';
import { PLATFORM, createTiktokApi, readSettings, type TiktokTuning } from './client.js';
import { createDirectoryCache } from './directory.js';
import { tiktokImporter } from './discover.js';
import { TIKTOK_KINDS } from './kinds.js';

export type { TiktokTuning } from './client.js';
export { UNRESOLVED_PREFIX } from './accounts.js';

const KINDS = TIKTOK_KINDS.map((facts) => facts.kind);

/**
 * The TikTok adapter (API for Business v1.3, Business Center). Configuration comes from the
 * environment only: `LATCH_TIKTOK_API_URL` (default https://business-api.tiktok.com/open_api/v1.3),
 * `LATCH_TIKTOK_TOKEN` (sent as `Access-Token`) and `LATCH_TIKTOK_BC_ID` (the agency's
 * Business Center, in whose scope accounts are read, assigned and people invited). The
 * Business Center's members are read once per run, and only when a change is applied.
 */
export function createTiktokAdapter(context: PlatformContext, tuning: TiktokTuning = {}): PlatformAdapter {
  const api = createTiktokApi(readSettings(context.env), context.logger, tuning);
  const directory = createDirectoryCache(api);
  return oneKindAdapter({
    id: PLATFORM,
    kindWords: 'a TikTok kind',
    kinds: KINDS,
    calls: api.http.calls,
    target: advertiserId,
    list: (advertiser) => listAccountGrants(api, advertiser),
    apply: (advertiser, change) => applyAccountChange(api, directory, advertiser, change),
  });
}

export const tiktokFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createTiktokAdapter(context),
  importer: tiktokImporter,
} satisfies AdapterFactory;
