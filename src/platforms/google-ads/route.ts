import pLimit from 'p-limit';
import { PlatformError, describeError } from '../../errors.js';
import { GoogleAdsError, customerId, expectBody, search, type GoogleAdsApi, type Target } from './client.js';
import { AccessibleCustomers, CustomerClientRow } from './schema.js';

/** Managers searched for their clients at once; Google Ads counts requests per developer token. */
const CONCURRENCY = 4;
const CLIENTS_QUERY = 'SELECT customer_client.client_customer, customer_client.level FROM customer_client';

/** Picks the `login-customer-id` of each customer. */
export interface Router {
  /** The customer with the manager its calls go through; throws when nothing reaches it. */
  targetOf(customer: string, operation: string): Promise<Target>;
}

interface Hierarchy {
  /** Client -> the accessible manager closest above it. */
  managers: Map<string, { manager: string; level: number }>;
  /** Accessible customers whose clients could not be read, with why. */
  unread: string[];
}

/** `GET customers:listAccessibleCustomers`: the customers the credential reaches without a manager. */
export async function accessibleCustomers(api: GoogleAdsApi, operation: string): Promise<string[]> {
  const what = 'GET customers:listAccessibleCustomers';
  const answer = await api.http.send(operation, what, { method: 'GET', url: `${api.settings.baseUrl}/customers:listAccessibleCustomers` });
  const body = expectBody(api, answer, operation, what, AccessibleCustomers);
  return body.resourceNames.map((name) => customerId(name.slice('customers/'.length), operation)).sort();
}

/**
 * Every client under every accessible manager (customer_client lists direct and indirect
 * ones), each asked as itself. One that cannot be read (a cancelled account) only narrows
 * what is found: a route is never a grant, so a customer no manager reaches fails on its own.
 */
async function readHierarchy(api: GoogleAdsApi, operation: string, accessible: readonly string[]): Promise<Hierarchy> {
  const limit = pLimit(CONCURRENCY);
  const managers = new Map<string, { manager: string; level: number }>();
  const unread: string[] = [];
  const lists = await Promise.all(
    accessible.map((manager) =>
      limit(async () => {
        try {
          return { manager, rows: await search(api, operation, { customer: manager, login: manager }, CLIENTS_QUERY, CustomerClientRow) };
        } catch (error) {
          unread.push(`${manager}: ${describeError(error)}`);
          return { manager, rows: [] };
        }
      }),
    ),
  );
  for (const { manager, rows } of lists) {
    for (const { customerClient } of rows) {
      const client = customerClient.clientCustomer.slice('customers/'.length);
      const known = managers.get(client);
      if (client === manager || (known && known.level <= customerClient.level)) continue;
      managers.set(client, { manager, level: customerClient.level });
    }
  }
  return { managers, unread: unread.sort() };
}

/**
 * platforms.yaml's manager for the customer first, then LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID,
 * then what the credential reaches: a customer it reaches directly needs no manager, any
 * other goes through the accessible manager closest above it. The accessible list and the
 * hierarchy are read once per run, and only when a customer needs them.
 */
/** The manager platforms.yaml names for the customer, else LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID. */
export function configuredLogin(api: GoogleAdsApi, customer: string): string | undefined {
  return api.settings.logins.get(customer) ?? api.settings.loginCustomerId;
}

export function createRouter(api: GoogleAdsApi): Router {
  let accessible: Promise<string[]> | undefined;
  let hierarchy: Promise<Hierarchy> | undefined;

  /** The manager to go through (undefined: none needed), or the managers that could not be read. */
  async function routeOf(customer: string, operation: string): Promise<{ login?: string } | { unread: string[] }> {
    accessible ??= accessibleCustomers(api, operation);
    const direct = await accessible;
    if (direct.includes(customer)) return {};
    hierarchy ??= readHierarchy(api, operation, direct);
    const { managers, unread } = await hierarchy;
    const found = managers.get(customer);
    return found ? { login: found.manager } : { unread };
  }

  return {
    async targetOf(customer, operation) {
      const configured = configuredLogin(api, customer);
      if (configured) return { customer, login: configured };
      let route: { login?: string } | { unread: string[] };
      try {
        route = await routeOf(customer, operation);
      } catch (error) {
        const codes = error instanceof GoogleAdsError ? error.codes : [];
        const known = error instanceof PlatformError ? error : undefined;
        const message = `customer ${customer}: finding the manager account to reach it through: ${describeError(error)}`;
        throw new GoogleAdsError(operation, message, codes, { status: known?.status, retryable: known?.retryable ?? false, cause: error });
      }
      if (!('unread' in route)) return { customer, ...route };
      const skipped = route.unread.length > 0 ? `; managers not read: ${route.unread.join('; ')}` : '';
      throw new GoogleAdsError(
        operation,
        `customer ${customer}: these credentials reach it neither directly nor through a manager account they reach (USER_PERMISSION_DENIED); name its manager under google-ads.loginCustomerIds in policies/platforms.yaml${skipped}`,
        ['USER_PERMISSION_DENIED'],
        { status: 403 },
      );
    },
  };
}
