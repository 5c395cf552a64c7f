import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { adsError, noCustomer, quotaExhausted } from './errors.js';
import { addDiscoveryRoutes } from './discovery.js';
import { addRoutes } from './routes.js';
import { acceptInvitation, clientsOf, createState, grantByClient, snapshotOf, type AccessRole, type GoogleAdsSeed, type GoogleAdsState } from './state.js';

export type { AccessRole, GoogleAdsSeed, GoogleAdsSeedCustomer, GoogleAdsSeedInvitation, InvitationStatus } from './state.js';

const VERSION = 'v26';
/** Google Ads answers searches in pages of 10,000 rows. */
const PAGE_SIZE = 10_000;

/** A running Google Ads REST emulator plus the hands of the people who use the Google Ads UI. */
export interface GoogleAdsEmulator extends Emulator {
  /** Current state, in the seed's shape, invitations included. */
  snapshot(): GoogleAdsSeed;
  /** The invitee accepts their pending invitations (of one customer, or all); returns how many. */
  acceptInvitation(email: string, customerId?: string): number;
  /** The client gives someone a role in their own account (for verify-mode tests and the demo). */
  grantByClient(customerId: string, email: string, role: AccessRole): void;
}

export interface GoogleAdsEmulatorOptions {
  seed: GoogleAdsSeed;
  /** When set, every request must carry `Authorization: Bearer <t>`. */
  token?: string;
  /** When set, every request must carry this `developer-token`. */
  developerToken?: string;
  /** The clock invitations expire by; default Date.now. */
  now?: () => number;
  switches?: Partial<EmulatorSwitches>;
  port?: number;
  /** Rows per search page; only tests change it, to see paging without 10,000 rows. */
  pageSize?: number;
  /** Descriptive names of customers, by id: what `SELECT customer.descriptive_name FROM customer` answers. */
  names?: Record<string, string>;
}

/**
 * Google Ads' account access: without `login-customer-id` a call reaches only customers the
 * user is a user of; with it, the login customer must be one of those, and the target that
 * customer itself or a client under it at any depth. Anything else is USER_PERMISSION_DENIED.
 */
function checkAccess(state: GoogleAdsState, request: EmulatorRequest): EmulatorResponse | undefined {
  const target = /^(?:\/v\d+)?\/customers\/(\d+)\//.exec(request.path)?.[1];
  if (!target) return undefined;
  const header = request.headers['login-customer-id'];
  const login = typeof header === 'string' ? header : undefined;
  if (login === undefined) return state.accessible.has(target) ? undefined : noCustomer();
  if (!state.accessible.has(login)) return noCustomer();
  return login === target || clientsOf(state, login).has(target) ? undefined : noCustomer();
}

function checkCredentials(options: GoogleAdsEmulatorOptions, request: EmulatorRequest): EmulatorResponse | undefined {
  if (options.token !== undefined) {
    const bearer = /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== options.token) return adsError(401, 'authenticationError', 'OAUTH_TOKEN_INVALID', 'Oauth token is invalid.');
  }
  if (options.developerToken !== undefined && request.headers['developer-token'] !== options.developerToken) {
    return adsError(401, 'authenticationError', 'DEVELOPER_TOKEN_INVALID', 'The developer token is not valid.');
  }
  return undefined;
}

/**
 * Serves the part of the Google Ads REST API Latch uses on 127.0.0.1: listAccessibleCustomers,
 * GAQL search on customer, customer_client, customer_user_access and
 * customer_user_access_invitation, and the two mutate endpoints, with Google Ads' shapes,
 * page tokens, manager access through `login-customer-id`, invitations that expire after 20
 * days, GoogleAdsFailure error codes and RESOURCE_EXHAUSTED throttling. Paths work at the
 * root and under /v26.
 */
export async function startGoogleAdsEmulator(options: GoogleAdsEmulatorOptions): Promise<GoogleAdsEmulator> {
  const state = createState(options.seed, options.now);
  const router = new Router();
  addDiscoveryRoutes(router, state, VERSION, options.pageSize ?? PAGE_SIZE, options.names);
  addRoutes(router, state, VERSION);
  const emulator = await startEmulator({
    router,
    rateLimitAnswer: quotaExhausted,
    notFound: () => ({ status: 404, body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } }),
    authorize: (request) => checkCredentials(options, request) ?? checkAccess(state, request),
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    acceptInvitation: (email, customerId) => acceptInvitation(state, email, customerId),
    grantByClient: (customerId, email, role) => grantByClient(state, customerId, email, role),
  };
}
