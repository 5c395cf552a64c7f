import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { addDiscoveryRoutes } from './discovery.js';
import { addRoutes, graphError } from './routes.js';
import { acceptInvitation, createState, grantByClient, snapshotOf, type MetaSeed, type MetaTask, type MetaState, type MetaWrite } from './state.js';

export type { MetaBusinessRole, MetaSeed, MetaSeedInvitation, MetaTask, MetaWrite } from './state.js';

const VERSION = 'v25.0';
/** Calls in the emulated quota window behind `call_count` (a percentage). */
const WINDOW_CALLS = 1000;

/** A running Graph API emulator plus the hands of the people who use Business Manager. */
export interface MetaEmulator extends Emulator {
  /** Current state, in the seed's shape, pending invitations included. */
  snapshot(): MetaSeed;
  /** The invitee accepts their business invitation and becomes a person of the business; false when there is none open. */
  acceptInvitation(email: string): boolean;
  /** The client gives someone a task (unpacked as Meta does) in their own ad account (for verify-mode tests and the demo). */
  grantByClient(account: string, email: string, task: MetaTask): void;
  /** Every write to an `assigned_users` edge, with its content type and parameters as sent. */
  readonly writes: readonly MetaWrite[];
}

export interface MetaEmulatorOptions {
  seed: MetaSeed;
  /** When set, every request must carry `Authorization: Bearer <t>` (or `access_token=<t>`). */
  token?: string;
  switches?: Partial<EmulatorSwitches>;
  port?: number;
  /** Ad account names (`act_<digits>` or digits -> name) that `owned_ad_accounts` shows. */
  names?: Record<string, string>;
  /** Most ad accounts per `owned_ad_accounts` page; only tests lower it, to see paging. */
  maxPageSize?: number;
}

function usageHeader(state: MetaState, callCount: number, regainMinutes: number): Record<string, string> {
  const usage = { [state.businessId]: [{ type: 'ads_management', call_count: callCount, total_cputime: callCount, total_time: callCount, estimated_time_to_regain_access: regainMinutes }] };
  return { 'x-business-use-case-usage': JSON.stringify(usage) };
}

/** Meta's answer to too many calls on an ad account: code 80004, and minutes to wait in the usage header. */
function rateLimited(state: MetaState, retryAfterSeconds: number): EmulatorResponse {
  const answer = graphError(
    400,
    80004,
    'There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.',
    2446079,
  );
  return { ...answer, headers: usageHeader(state, 100, Math.ceil(retryAfterSeconds / 60)) };
}

function checkToken(token: string | undefined, request: EmulatorRequest): EmulatorResponse | undefined {
  if (token === undefined) return undefined;
  const bearer = /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if ((bearer ?? request.query.get('access_token')) === token) return undefined;
  return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
}

/**
 * Serves the part of the Graph API (Marketing API) Latch uses on 127.0.0.1: ad account
 * assigned users, business users, pending business invitations, with Meta's shapes,
 * cursor paging, error codes and `X-Business-Use-Case-Usage` header. Paths work at the
 * root and under /v25.0. State lives in maps, so thousands of accounts answer fast.
 */
export async function startMetaEmulator(options: MetaEmulatorOptions): Promise<MetaEmulator> {
  const state = createState(options.seed);
  const router = new Router();
  addRoutes(router, state, VERSION);
  addDiscoveryRoutes(router, state, VERSION, { names: options.names, maxPageSize: options.maxPageSize });
  let calls = 0;
  const emulator = await startEmulator({
    router,
    rateLimitAnswer: (seconds) => rateLimited(state, seconds),
    notFound: (request) => graphError(400, 2500, `Unknown path components: ${request.path}`),
    authorize: (request) => checkToken(options.token, request),
    commonHeaders: () => {
      calls += 1;
      return usageHeader(state, Math.min(100, Math.floor((calls * 100) / WINDOW_CALLS)), 0);
    },
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    acceptInvitation: (email) => acceptInvitation(state, email),
    grantByClient: (account, email, task) => grantByClient(state, account, email, task),
    writes: state.writes,
  };
}
