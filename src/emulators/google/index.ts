import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorSwitches, type RecordedRequest } from '../harness.js';
import { addBatchRoute } from './batch.js';
import { addDiscoveryRoutes } from './discovery.js';
import { addDriveRoutes } from './drive.js';
import { checkToken, rateLimited, unknownRoute } from './errors.js';
import { addGa4Routes } from './ga4.js';
import { addGroupRoutes } from './groups.js';
import { checkScopes } from './scopes.js';
import { addPermission, createState, snapshotOf, type DriveRole, type GoogleSeed } from './state.js';

export type { GoogleSeed, SeedBinding, SeedPermission } from './state.js';

/** A running emulator of Drive, Analytics Admin and Directory, plus a hand in the Drive UI. */
export interface GoogleEmulator extends Emulator {
  /** Current state, in the seed's shape, deep-copied. */
  snapshot(): GoogleSeed;
  /**
   * Every call answered inside a batch (`POST /batch/drive/v3`), in order. `requests` holds
   * each batch once, as the one HTTP request it is; Drive counts each of these calls against
   * its quota as a request of its own.
   */
  batched: RecordedRequest[];
  /** Someone shares a file by hand in Drive (drift tests, the demo); `anyone` and `domain:<d>` share by link. */
  shareByHand(fileId: string, email: string, role: string): void;
}

export interface GoogleEmulatorOptions {
  /** The Google side as it is before the test; read, never changed. */
  seed: GoogleSeed;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * The scopes the token was granted (full URLs); each method then refuses a token without
   * one it accepts, as Google does. Default: a token that may do everything.
   */
  scopes?: readonly string[];
  /** Latency, rate limiting and faults, changeable later through `switches` on the emulator. */
  switches?: Partial<EmulatorSwitches>;
  /** Fixed port (the demo); default any free port. */
  port?: number;
  /** Largest page any list answers, whatever the client asks: forces pagination in tests. */
  maxPageSize?: number;
}

function driveRoleOf(role: string): DriveRole {
  const roles: readonly DriveRole[] = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'];
  const found = roles.find((candidate) => candidate === role);
  if (!found) throw new Error(`"${role}" is not a Drive role`);
  return found;
}

/**
 * Serves the parts of three Google APIs Latch uses under one root, as googleapis' `rootUrl`
 * reaches them: `/drive/v3/files/{id}/permissions`, `/v1alpha/properties/{p}[/accessBindings]`,
 * `/v1alpha/accounts/{a}/accessBindings` and `/admin/directory/v1/groups/{g}/members`, with
 * Google's JSON shapes, error bodies, page tokens and 429 + Retry-After when rate limited,
 * and Drive's batch endpoint `/batch/drive/v3` (batch.ts).
 * Every request is answered from indexed maps, so thousands of resources answer as fast as one.
 */
export async function startGoogleEmulator(options: GoogleEmulatorOptions): Promise<GoogleEmulator> {
  const state = createState(options.seed);
  const maxPageSize = Math.max(1, options.maxPageSize ?? Number.MAX_SAFE_INTEGER);
  const granted = options.scopes ? new Set(options.scopes) : undefined;
  const router = new Router();
  const authorize = (request: EmulatorRequest) => checkToken(options.token, request) ?? (granted ? checkScopes(granted, request) : undefined);
  const batched: RecordedRequest[] = [];
  // The switches exist once the server runs; a batch reads them as they are then.
  const live: { switches?: EmulatorSwitches } = {};
  addBatchRoute(router, { router, authorize, switches: () => live.switches ?? { latencyMs: 0, faults: [] }, recorded: batched });
  addDriveRoutes(router, state, maxPageSize);
  addGa4Routes(router, state, maxPageSize);
  addGroupRoutes(router, state, maxPageSize);
  addDiscoveryRoutes(router, state, maxPageSize);

  const emulator = await startEmulator({
    router,
    rateLimitAnswer: rateLimited,
    notFound: unknownRoute,
    authorize,
    switches: options.switches,
    port: options.port,
  });
  live.switches = emulator.switches;
  return {
    ...emulator,
    batched,
    snapshot: () => snapshotOf(state),
    shareByHand: (fileId, email, role) => {
      addPermission(state, fileId, { email, role: driveRoleOf(role) });
    },
  };
}
