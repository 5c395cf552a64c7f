import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { PLATFORM, createLinkedinApi, failure, readSettings } from './client.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';

/** More pages than this means the paging is broken, not that the agency has that many accounts. */
const MAX_PAGES = 1000;
const WHAT = 'GET /adAccounts?q=search';

/** One page of the ad accounts finder: `start/count` paging, `total` when LinkedIn knows it. */
const AdAccountPage = z.object({
  elements: z.array(z.object({ id: z.number().int().nonnegative(), name: z.string() })),
  paging: z.object({ total: z.number().optional() }).optional(),
});

/** Every ad account the token's member has a role on, paged until `paging.total`: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createLinkedinApi(readSettings(context.env), context.logger);
  const found: Discovered[] = [];
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const query = new URLSearchParams({ q: 'search', start: String(found.length), count: String(api.pageSize) });
    const answer = await api.http.send('discover', WHAT, { method: 'GET', url: `${api.settings.baseUrl}/adAccounts?${query.toString()}` });
    if (answer.status !== 200) throw failure(api, answer, 'discover', WHAT);
    const page = AdAccountPage.safeParse(answer.body);
    if (!page.success) throw new PlatformError(PLATFORM, 'discover', `${WHAT}: malformed response`, { status: answer.status });
    for (const account of page.data.elements) found.push({ kind: 'linkedin-ad-account', ref: String(account.id), name: account.name });
    const total = page.data.paging?.total;
    const done = page.data.elements.length === 0 || (total !== undefined ? found.length >= total : page.data.elements.length < api.pageSize);
    if (done) return found;
  }
  throw new PlatformError(PLATFORM, 'discover', `${WHAT}: more than ${MAX_PAGES} pages; paging looks broken`);
}

/** LinkedIn names people by member URN and publishes no e-mail for them. */
function emails(): Promise<Map<string, string>> {
  return Promise.resolve(new Map());
}

/** Import from LinkedIn: the ad accounts the token's member can see, grouped by name like repositories. */
export const linkedinImporter: PlatformImporter = {
  discover,
  emails,
  describe: () => 'LinkedIn Campaign Manager, the ad accounts the token can see',
};
