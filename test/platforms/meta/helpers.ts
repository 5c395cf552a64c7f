import { pino } from 'pino';
import type { ManagedResource, PendingInvitation } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';

export const TOKEN = 'EAAGmetaSecretTokenValue0123456789';
export const BUSINESS = '555000111';

export function context(env: NodeJS.ProcessEnv): PlatformContext {
  return {
    config: {},
    env: { LATCH_META_TOKEN: TOKEN, LATCH_META_BUSINESS_ID: BUSINESS, ...env },
    logger: pino({ level: 'silent' }),
  };
}

export function account(ref = 'act_1001'): ManagedResource {
  return { client: 'apex', key: 'meta-ads', kind: 'meta-ad-account', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 9, column: 3 } };
}

interface ChangeSpec {
  principal: string;
  resource?: string;
  pending?: PendingInvitation;
}

const base = { client: 'apex', kind: 'meta-ad-account', reason: 'test' } as const;

export function grant(spec: ChangeSpec, to: string): Change {
  return { ...base, resource: 'act_1001', ...spec, action: 'grant', from: null, to };
}

export function update(spec: ChangeSpec, from: string, to: string): Change {
  return { ...base, resource: 'act_1001', ...spec, action: 'update', from, to };
}

export function revoke(spec: ChangeSpec, from: string): Change {
  return { ...base, resource: 'act_1001', ...spec, action: 'revoke', from, to: null };
}

/** Records the waits the adapter asks for without spending them. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
