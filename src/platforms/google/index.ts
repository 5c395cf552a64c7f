import { PlatformError } from '../../errors.js';
import type { ActualGrant, ManagedResource } from '../../model/grants.js';
import type { ResourceKind } from '../../model/kinds.js';
import type { Change } from '../../model/plan.js';
import type { AdapterFactory, ApplyOutcome, CallCounts, PlatformAdapter, PlatformContext } from '../adapter.js';
import { googleImporter } from './discover.js';
import { GOOGLE_KINDS } from './kinds.js';
import { createApis, readSettings, type GoogleApi, type GoogleTuning } from './client.js';
import { applyDriveChange, knownLocation } from './drive.js';
import { createDriveReader } from './drive-batch.js';
import { applyGa4Change, listGa4Grants, type AccountBindings } from './ga4.js';
import { applyGroupChange, listGroupGrants } from './groups.js';
import { PLATFORM, driveLevelRefusal } from './levels.js';

export type { GoogleTuning } from './client.js';

/** The Google adapter, whose call counts are always there. */
export interface GoogleAdapter extends PlatformAdapter {
  readonly calls: CallCounts;
}

const KINDS = GOOGLE_KINDS.map((facts) => facts.kind);
type GoogleKind = (typeof KINDS)[number];

function kindOf(kind: ResourceKind, operation: string): GoogleKind {
  const found = KINDS.find((candidate) => candidate === kind);
  if (!found) throw new PlatformError(PLATFORM, operation, `resource kind ${kind} is not a Google kind`);
  return found;
}

/** Drive ids are letters, digits, `-` and `_`; anything else would change the request path. */
const DRIVE_ID = /^[A-Za-z0-9_-]+$/;

function fileIdOf(ref: string, operation: string): string {
  if (!DRIVE_ID.test(ref)) throw new PlatformError(PLATFORM, operation, `drive-folder reference "${ref}" is not a Drive file or folder id`);
  return ref;
}

interface Part {
  list(api: GoogleApi, ref: string): Promise<ActualGrant[]>;
  apply(api: GoogleApi, ref: string, change: Change): Promise<ApplyOutcome>;
}

/**
 * The Google adapter: Drive folders (Drive v3 permissions), GA4 properties (Analytics Admin
 * v1alpha access bindings) and Google groups (Admin SDK Directory members), one module each.
 * The Drive folders announced by `prepare` are read in batches of 50 (drive-batch.ts).
 *
 * Configuration comes from the environment and platforms.yaml only: `LATCH_GOOGLE_API_URL`
 * (one root for the three APIs, default Google's own), `LATCH_GOOGLE_ACCESS_TOKEN` (used as is
 * when set; otherwise the service account key of `GOOGLE_APPLICATION_CREDENTIALS` impersonating
 * `google.subject`),
 * `LATCH_DRIVE_NOTIFY` (default true) and `LATCH_HTTP_TIMEOUT_MS`. Listing runs with read-only
 * scopes and applying with write scopes (scopes.ts), so a run that only plans never asks for
 * a write scope. `tuning` only shortens retries for tests.
 */
export function createGoogleAdapter(context: PlatformContext, tuning: GoogleTuning = {}): GoogleAdapter {
  const apis = createApis(readSettings(context.env, context.config), context.env, context.logger, tuning);
  const accounts: AccountBindings = new Map();
  const folders = createDriveReader(apis.read);
  const parts: Record<GoogleKind, Part> = {
    'drive-folder': {
      list: (_client, ref) => folders.list(fileIdOf(ref, 'list')),
      apply: (client, ref, change) => applyDriveChange(client, fileIdOf(ref, change.action), change),
    },
    'ga4-property': {
      list: (client, ref) => listGa4Grants(client, ref, accounts),
      apply: applyGa4Change,
    },
    'google-group': { list: listGroupGrants, apply: applyGroupChange },
  };

  return {
    id: PLATFORM,
    kinds: KINDS,
    calls: apis.read.calls,
    /** Announces the Drive folders of the run, so that they are read in batches (drive-batch.ts). */
    prepare(resources: readonly ManagedResource[]) {
      folders.expect(resources.filter((resource) => resource.kind === 'drive-folder' && DRIVE_ID.test(resource.ref)).map((resource) => resource.ref));
      return Promise.resolve();
    },
    async list(resource: ManagedResource) {
      return parts[kindOf(resource.kind, 'list')].list(apis.read, resource.ref);
    },
    async apply(change: Change) {
      return parts[kindOf(change.kind, change.action)].apply(apis.write, change.resource, change);
    },
    refuse(change: Change) {
      if (change.kind !== 'drive-folder' || change.to === null) return undefined;
      const location = knownLocation(apis.read, change.resource);
      return location ? driveLevelRefusal(change.to, location) : undefined;
    },
  };
}

export const googleFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createGoogleAdapter(context),
  importer: googleImporter,
} satisfies AdapterFactory;
