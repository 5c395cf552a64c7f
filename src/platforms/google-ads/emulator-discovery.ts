import type { EmulatorRequest, EmulatorResponse, Router } from '../../emulator/harness.js';
import { adsError, noCustomer } from './emulator-errors.js';
import { search } from './emulator-search.js';
import type { GoogleAdsState } from './emulator-state.js';

const CUSTOMER_QUERY = /^\s*SELECT\s+customer\.descriptive_name\s+FROM\s+customer\s*$/i;

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** The one `customer` row GAQL gives for a customer; `descriptiveName` is absent when the account has none. */
function customerRow(id: string, names: Readonly<Record<string, string>>): EmulatorResponse {
  const name = names[id];
  const customer: Record<string, string> = { resourceName: `customers/${id}` };
  if (name) customer.descriptiveName = name;
  return { status: 200, body: { results: [{ customer }], fieldMask: 'customer.descriptiveName', queryResourceConsumption: '1' } };
}

/**
 * `GET /customers:listAccessibleCustomers` (every customer the credential reaches, one
 * unpaged list, as Google Ads answers it) and the `SELECT customer.descriptive_name FROM
 * customer` search. Registered before the access routes: other searches go on to them.
 */
export function addDiscoveryRoutes(router: Router, state: GoogleAdsState, version: string, pageSize: number, names: Readonly<Record<string, string>> = {}): void {
  const digitsNames = Object.fromEntries(Object.entries(names).map(([id, name]) => [id.replace(/-/g, ''), name]));
  for (const prefix of ['', `/${version}`]) {
    router.route('GET', `${prefix}/customers:listAccessibleCustomers`, () => ({
      status: 200,
      body: { resourceNames: [...state.customers.keys()].sort().map((id) => `customers/${id}`) },
    }));
    router.route('POST', `${prefix}/customers/:cid/googleAds:search`, (request: EmulatorRequest) => {
      const customer = state.customers.get(request.params.cid ?? '');
      if (!customer) return noCustomer();
      const query = String(field(request.body, 'query') ?? '');
      if (!/\bFROM\s+customer\s*$/i.test(query)) return search(request, customer, pageSize);
      if (!CUSTOMER_QUERY.test(query)) return adsError(400, 'queryError', 'UNRECOGNIZED_FIELD', 'The emulator selects only customer.descriptive_name from customer.');
      return customerRow(customer.id, digitsNames);
    });
  }
}
