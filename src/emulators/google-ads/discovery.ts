import type { EmulatorRequest, Router } from '../harness.js';
import { noCustomer } from './errors.js';
import { accessTables, search, type Row, type Table } from './search.js';
import { clientsOf, type CustomerState, type GoogleAdsState } from './state.js';

/** The one `customer` row GAQL gives for a customer; `descriptive_name` is absent when the account has none. */
function customerTable(customer: CustomerState, name: string | undefined): Table {
  const row: Row = { resource_name: `customers/${customer.id}`, id: customer.id, descriptive_name: name, time_zone: customer.timeZone, manager: customer.manager };
  return { fields: ['id', 'descriptive_name', 'time_zone', 'manager'], rows: [row] };
}

/**
 * `customer_client`: only managers have rows, one per client at any depth and one for the
 * manager itself (level 0); `level` is an int64, so JSON carries it as a string.
 */
function customerClientTable(state: GoogleAdsState, customer: CustomerState): Table {
  const rows: Row[] = [...clientsOf(state, customer.id)].map(([id, level]) => ({
    resource_name: `customers/${customer.id}/customerClients/${id}`,
    client_customer: `customers/${id}`,
    id,
    level: String(level),
    manager: state.customers.get(id)?.manager ?? false,
    time_zone: state.customers.get(id)?.timeZone,
  }));
  return { fields: ['client_customer', 'id', 'level', 'manager', 'time_zone'], rows };
}

/**
 * `GET /customers:listAccessibleCustomers` (the customers the credential's user is a user of,
 * one unpaged list, `resourceNames` absent when there are none) and every
 * `googleAds:search`, over customer, customer_client and the two access resources.
 */
export function addDiscoveryRoutes(router: Router, state: GoogleAdsState, version: string, pageSize: number, names: Readonly<Record<string, string>> = {}): void {
  const digitsNames = Object.fromEntries(Object.entries(names).map(([id, name]) => [id.replace(/-/g, ''), name]));
  for (const prefix of ['', `/${version}`]) {
    router.route('GET', `${prefix}/customers:listAccessibleCustomers`, () => {
      const resourceNames = [...state.accessible].filter((id) => state.customers.has(id)).sort().map((id) => `customers/${id}`);
      return { status: 200, body: resourceNames.length > 0 ? { resourceNames } : {} };
    });
    router.route('POST', `${prefix}/customers/:cid/googleAds:search`, (request: EmulatorRequest) => {
      const customer = state.customers.get(request.params.cid ?? '');
      if (!customer) return noCustomer();
      const tables: Record<string, Table> = {
        ...accessTables(customer, state.now()),
        customer: customerTable(customer, digitsNames[customer.id]),
        customer_client: customerClientTable(state, customer),
      };
      return search(request, tables, pageSize);
    });
  }
}
