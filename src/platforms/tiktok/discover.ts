import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';
import { advertiserId } from './accounts.js';
import { createTiktokApi, getAll, readSettings } from './client.js';
import { Asset } from './schema.js';

/** `bc/asset/get/` documents page sizes of 1-50. */
const PAGE_SIZE = 50;

/** Every ad account of the agency's Business Center, its own and those partners share: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createTiktokApi(readSettings(context.env), context.logger);
  const assets = await getAll(api, 'discover', '/bc/asset/get/', { bc_id: api.settings.bcId, asset_type: 'ADVERTISER' }, Asset, PAGE_SIZE);
  return assets.map((asset): Discovered => ({
    kind: 'tiktok-ad-account',
    ref: advertiserId(asset.asset_id, 'discover'),
    name: asset.asset_name ?? `Ad account ${asset.asset_id}`,
  }));
}

/** The adapter names members by their e-mail; members whose e-mail is hidden (`tiktok-user:…`) have none. */
function emails(_context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>> {
  return Promise.resolve(new Map(principals.filter((principal) => principal.includes('@')).map((principal) => [principal, principal.toLowerCase()])));
}

/** Import from TikTok: the ad accounts of the agency's Business Center, grouped by name like repositories. */
export const tiktokImporter: PlatformImporter = {
  discover,
  emails,
  describe: (context) => `TikTok Business Center ${context.env.LATCH_TIKTOK_BC_ID ?? '(LATCH_TIKTOK_BC_ID is not set)'}`,
};
