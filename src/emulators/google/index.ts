import { Router, startEmulator, type Emulator, type EmulatorSwitches } from '../harness.js';
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
 * Google's JSON shapes, error bodies, page tokens and 429 + Retry-After when rate limited.
 * Every request is answered from indexed maps, so thousands of resources answer as fast as one.
 */
export async function startGoogleEmulator(options: GoogleEmulatorOptions): Promise<GoogleEmulator> {
  const state = createState(options.seed);
  const maxPageSize = Math.max(1, options.maxPageSize ?? Number.MAX_SAFE_INTEGER);
  const granted = options.scopes ? new Set(options.scopes) : undefined;
  const router = new Router();
  addDriveRoutes(router, state, maxPageSize);
  addGa4Routes(router, state, maxPageSize);
  addGroupRoutes(router, state, maxPageSize);
  addDiscoveryRoutes(router, state, maxPageSize);

  const emulator = await startEmulator({
    router,
    rateLimitAnswer: rateLimited,
    notFound: unknownRoute,
    authorize: (request) => checkToken(options.token, request) ?? (granted ? checkScopes(granted, request) : undefined),
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    shareByHand: (fileId, email, role) => {
      addPermission(state, fileId, { email, role: driveRoleOf(role) });
    },
  };
}
