import { pino } from 'pino';
import { afterEach } from 'vitest';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { Level, ResourceKind } from '../../../src/model/kinds.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';
import { startGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions, type GoogleSeed } from '../../../src/emulators/google/index.js';
import { createGoogleAdapter, type GoogleAdapter, type GoogleTuning } from '../../../src/platforms/google/index.js';

export const TOKEN = 'ya29.unitTestSecretValue-0123456789abcdef';

/** A My Drive folder, a shared-drive folder, two GA4 properties of one account, a group. */
export function seed(): GoogleSeed {
  return {
    drive: {
      FOLDER1: [
        { email: 'Maria@acme-agency.com', role: 'owner' },
        { email: 'dana@apexoutdoor.com', role: 'writer' },
        { email: 'finn@apexoutdoor.com', role: 'reader' },
        { email: 'team@apexoutdoor.com', role: 'commenter', type: 'group' },
        { email: 'domain:apexoutdoor.com', role: 'reader' },
        { email: 'anyone', role: 'reader' },
      ],
      SHARED1: [
        { email: 'lead@acme-agency.com', role: 'organizer', inheritedFrom: '0ADRIVE' },
        { email: 'ops@acme-agency.com', role: 'fileOrganizer' },
        { email: 'dana@apexoutdoor.com', role: 'reader' },
        { email: 'dana@apexoutdoor.com', role: 'writer', inheritedFrom: '0ADRIVE' },
      ],
      EMPTY1: [],
    },
    sharedDrives: { SHARED1: '0ADRIVE' },
    ga4: {
      '123456789': {
        account: '1000',
        bindings: [
          { user: 'Dana@apexoutdoor.com', roles: ['predefinedRoles/analyst'] },
          { user: 'finn@apexoutdoor.com', roles: ['predefinedRoles/viewer', 'predefinedRoles/no-cost-data'] },
        ],
        accountBindings: [{ user: 'boss@acme-agency.com', roles: ['predefinedRoles/admin'] }],
      },
      '222': { account: '1000', bindings: [] },
      '333': { bindings: [{ user: 'solo@apexoutdoor.com', roles: ['predefinedRoles/editor'] }] },
    },
    groups: {
      'apex-team@acme-agency.com': [
        { email: 'maria@acme-agency.com', role: 'OWNER' },
        { email: 'Dana@apexoutdoor.com', role: 'MEMBER' },
        { email: 'finn@apexoutdoor.com', role: 'MANAGER' },
      ],
      'empty@acme-agency.com': [],
    },
  };
}

export async function emulator(options: Partial<GoogleEmulatorOptions> = {}): Promise<GoogleEmulator> {
  return startGoogleEmulator({ seed: seed(), token: TOKEN, ...options });
}

/** Starts `emulator(...)` for one test and closes every one it started after that test, whether or not it passed. */
export function emulatorPerTest(): (options?: Partial<GoogleEmulatorOptions>) => Promise<GoogleEmulator> {
  const started: GoogleEmulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((running) => running.close()));
  });
  return async (options) => {
    const running = await emulator(options);
    started.push(running);
    return running;
  };
}

export function context(url: string, env: NodeJS.ProcessEnv = {}): PlatformContext {
  return {
    config: { google: { customer: 'C01abc2de', subject: 'latch@acme-agency.com' } },
    env: { LATCH_GOOGLE_API_URL: url, LATCH_GOOGLE_ACCESS_TOKEN: TOKEN, ...env },
    logger: pino({ level: 'silent' }),
  };
}

/** Waits Google asks for, recorded instead of spent. */
export function recordedSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

export function adapter(google: GoogleEmulator, tuning: GoogleTuning = {}, env: NodeJS.ProcessEnv = {}): GoogleAdapter {
  return createGoogleAdapter(context(google.url, env), { baseDelayMs: 1, ...tuning });
}

export function resource(kind: ResourceKind, ref: string): ManagedResource {
  return { client: 'apex', key: 'res', kind, ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 7, column: 3 } };
}

const base = { client: 'apex', reason: 'role client-admin in clients/apex.yaml:12' };

export function grant(kind: ResourceKind, resourceRef: string, principal: string, to: Level): Change {
  return { ...base, action: 'grant', kind, resource: resourceRef, principal, from: null, to };
}

export function update(kind: ResourceKind, resourceRef: string, principal: string, from: Level, to: Level, handle?: string): Change {
  return { ...base, action: 'update', kind, resource: resourceRef, principal, from, to, ...(handle ? { handle } : {}) };
}

export function revoke(kind: ResourceKind, resourceRef: string, principal: string, from: Level, handle?: string): Change {
  return { ...base, action: 'revoke', kind, resource: resourceRef, principal, from, to: null, reason: 'not declared', ...(handle ? { handle } : {}) };
}

/** Requests the emulator answered, as `METHOD path`. */
export function transcript(google: GoogleEmulator): string[] {
  return google.requests.map((request) => `${request.method} ${request.path}`);
}

/** The rejection of a promise, failing the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-error: ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}
