import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { CODES, addRoutes, answer } from './routes.js';
import { acceptInvitation, createState, grantByHand, rejectInvitation, snapshotOf, type AdvertiserRole, type TiktokSeed, type TiktokWrite } from './state.js';

export type { AdvertiserRole, TiktokSeed, TiktokSeedAccount, TiktokSeedInvitation, TiktokWrite } from './state.js';

/** A running API for Business emulator plus the hands of the people who use Business Center. */
export interface TiktokEmulator extends Emulator {
  /** Current state in the seed's shape, invitations included. */
  snapshot(): TiktokSeed;
  /** The invitee accepts and becomes a member with the accounts the invitation named; false when none is pending. */
  acceptInvitation(email: string): boolean;
  /** The invitee declines; the invitation stays listed as REJECTED. */
  rejectInvitation(email: string): boolean;
  /** Someone in Business Center (the client, on a shared account) gives a member a role. */
  grantByHand(account: string, email: string, role: AdvertiserRole): void;
  /** Every write as sent: path, content type, JSON body. */
  readonly writes: readonly TiktokWrite[];
}

export interface TiktokEmulatorOptions {
  seed: TiktokSeed;
  /** When set, every request must carry `Access-Token: <t>`. */
  token?: string;
  switches?: Partial<EmulatorSwitches>;
  port?: number;
  /** Most items per page whatever `page_size` asks; only tests and the demo lower it, to see paging. */
  maxPageSize?: number;
}

/** TikTok's throttling: HTTP 200, code 40100, no header saying how long to wait. */
function rateLimited(): EmulatorResponse {
  return answer(CODES.tooMany, 'Too many requests. Please retry in some time.');
}

function checkToken(token: string | undefined, request: EmulatorRequest): EmulatorResponse | undefined {
  if (token === undefined) return undefined;
  const sent = request.headers['access-token'];
  if (sent === undefined || sent === '') return answer(CODES.noToken, 'Access token is empty.');
  return sent === token ? undefined : answer(CODES.badToken, 'Access token is incorrect or has been revoked.');
}

/**
 * Serves the Business Center part of TikTok API for Business v1.3 on 127.0.0.1: members and
 * invitations (`bc/member/get|invite|delete`), ad accounts (`bc/asset/get`), members by ad
 * account (`bc/asset/member/get`) and assignments (`bc/asset/assign|unassign`), with the
 * `{code, message, request_id, data}` envelope under HTTP 200, `page`/`page_size` paging with
 * `page_info`, and the documented return codes.
 */
export async function startTiktokEmulator(options: TiktokEmulatorOptions): Promise<TiktokEmulator> {
  const state = createState(options.seed, options.maxPageSize);
  const router = new Router();
  addRoutes(router, state);
  const emulator = await startEmulator({
    router,
    rateLimitAnswer: rateLimited,
    notFound: () => ({ status: 404, body: { code: 40400, message: 'Not Found' } }),
    authorize: (request) => checkToken(options.token, request),
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    acceptInvitation: (email) => acceptInvitation(state, email),
    rejectInvitation: (email) => rejectInvitation(state, email),
    grantByHand: (account, email, role) => grantByHand(state, account, email, role),
    writes: state.writes,
  };
}
