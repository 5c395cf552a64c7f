import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { addDiscoveryRoutes } from './discovery.js';
import { addRoutes, linkedinError } from './routes.js';
import { createState, grantByClient, snapshotOf, type LinkedinRole, type LinkedinSeed } from './state.js';

export type { LinkedinRole, LinkedinSeed } from './state.js';

/** A running LinkedIn Marketing API emulator plus the hands of an account's billing admin. LinkedIn has no invitations. */
export interface LinkedinEmulator extends Emulator {
  /** Current state, in the seed's shape. */
  snapshot(): LinkedinSeed;
  /** The client gives a member a role in their own ad account (for verify-mode tests and the demo). */
  grantByClient(account: string, personUrn: string, role: LinkedinRole): void;
}

export interface LinkedinEmulatorOptions {
  seed: LinkedinSeed;
  /** When set, every request must carry `Authorization: Bearer <t>`. */
  token?: string;
  switches?: Partial<EmulatorSwitches>;
  port?: number;
  /** Versions (YYYYMM) older than this answer 426, as sunset versions do. Default: none. */
  sunsetBefore?: string;
  /** Ad account names, by id (digits), that `adAccounts?q=search` shows. */
  names?: Record<string, string>;
  /** Most ad accounts per `adAccounts?q=search` page; only tests lower it, to see paging. */
  maxPageSize?: number;
}

/** LinkedIn's daily quota answer. */
function rateLimited(retryAfterSeconds: number): EmulatorResponse {
  const answer = linkedinError(429, 'TOO_MANY_REQUESTS', 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.', 101);
  return { ...answer, headers: { 'retry-after': String(retryAfterSeconds) } };
}

/** Token, version and protocol headers, checked the way the API gateway does before any resource. */
function checkHeaders(options: LinkedinEmulatorOptions, request: EmulatorRequest): EmulatorResponse | undefined {
  if (options.token !== undefined && /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] !== options.token) {
    return linkedinError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
  }
  const version = String(request.headers['linkedin-version'] ?? '');
  if (!version) return linkedinError(400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
  const sunset = options.sunsetBefore !== undefined && version.slice(0, 6) < options.sunsetBefore;
  if (!/^\d{6}(\.\d{2})?$/.test(version) || sunset) return linkedinError(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
  if (request.headers['x-restli-protocol-version'] !== '2.0.0') {
    return linkedinError(400, 'ILLEGAL_ARGUMENT', 'X-Restli-Protocol-Version 2.0.0 is required for this resource');
  }
  return undefined;
}

/**
 * Serves the part of the LinkedIn Marketing API Latch uses on 127.0.0.1: the ad account
 * users finder and the PUT / PARTIAL_UPDATE / DELETE of one user by Rest.li 2.0 compound
 * key, with LinkedIn's start/count paging, error envelope, header checks and 429 quota
 * answers. Paths work at the root and under /rest.
 */
export async function startLinkedinEmulator(options: LinkedinEmulatorOptions): Promise<LinkedinEmulator> {
  const state = createState(options.seed);
  const router = new Router();
  addRoutes(router, state);
  addDiscoveryRoutes(router, state, { names: options.names, maxPageSize: options.maxPageSize });
  const emulator = await startEmulator({
    router,
    rateLimitAnswer: rateLimited,
    notFound: () => linkedinError(404, 'NOT_FOUND', 'Not Found'),
    authorize: (request) => checkHeaders(options, request),
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    grantByClient: (account, personUrn, role) => grantByClient(state, account, personUrn, role),
  };
}
