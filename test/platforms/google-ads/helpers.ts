import { pino } from 'pino';
import type { ManagedResource, PendingInvitation } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';

export const TOKEN = 'ya29.adsSecretAccessToken0123456789';
export const DEVELOPER_TOKEN = 'devTokenSecretABCDEF123';
export const CUSTOMER = '1234567890';

export function context(env: NodeJS.ProcessEnv): PlatformContext {
  return {
    config: {},
    env: { LATCH_GOOGLE_ADS_TOKEN: TOKEN, LATCH_GOOGLE_ADS_DEVELOPER_TOKEN: DEVELOPER_TOKEN, ...env },
    logger: pino({ level: 'silent' }),
  };
}

export function customer(ref = '123-456-7890'): ManagedResource {
  return { client: 'apex', key: 'ads', kind: 'google-ads-account', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 10, column: 3 } };
}

interface ChangeSpec {
  principal: string;
  resource?: string;
  pending?: PendingInvitation;
  handle?: string;
}

const base = { client: 'apex', kind: 'google-ads-account', resource: CUSTOMER, reason: 'test' } as const;

export function grant(spec: ChangeSpec, to: string): Change {
  return { ...base, ...spec, action: 'grant', from: null, to };
}

export function update(spec: ChangeSpec, from: string, to: string): Change {
  return { ...base, ...spec, action: 'update', from, to };
}

export function revoke(spec: ChangeSpec, from: string): Change {
  return { ...base, ...spec, action: 'revoke', from, to: null };
}

export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** `YYYY-MM-DD HH:MM:SS`, `days` ago. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
}
