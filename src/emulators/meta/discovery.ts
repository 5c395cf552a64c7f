import type { EmulatorRequest, Router } from '../harness.js';
import { graphError, page } from './routes.js';
import type { MetaState } from './state.js';

export interface DiscoveryOptions {
  /** Ad account names (`act_<digits>` or digits -> name). */
  names?: Readonly<Record<string, string>>;
  /** Most accounts per page whatever `limit` asks; tests lower it to see paging. */
  maxPageSize?: number;
}

/** The request with its `limit` lowered to the cap, so the shared paging answers smaller pages. */
function capped(request: EmulatorRequest, max: number | undefined): EmulatorRequest {
  if (max === undefined) return request;
  const asked = Number.parseInt(request.query.get('limit') ?? '', 10);
  const query = new URLSearchParams(request.query);
  query.set('limit', String(Number.isInteger(asked) && asked > 0 ? Math.min(asked, max) : max));
  return { ...request, query };
}

/**
 * `GET /{business_id}/owned_ad_accounts`: the ad accounts of the business, cursor-paged like
 * every Graph edge. An account without a seeded name is called what Ads Manager shows for it.
 */
export function addDiscoveryRoutes(router: Router, state: MetaState, version: string, options: DiscoveryOptions = {}): void {
  const names = options.names ?? {};
  for (const prefix of ['', `/${version}`]) {
    router.route('GET', `${prefix}/:node/owned_ad_accounts`, (request) => {
      if (request.params.node !== state.businessId) return graphError(400, 100, `(#100) Object ${request.params.node ?? ''} is not a business this token can read`, 33);
      const accounts = [...state.accounts.keys()].sort().map((id) => {
        const digits = id.slice('act_'.length);
        return { id, account_id: digits, name: names[id] ?? names[digits] ?? `Ad account ${digits}` };
      });
      return page(capped(request, options.maxPageSize), accounts);
    });
  }
}
