import { pino } from 'pino';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';

export const TOKEN = 'AQVlinkedinSecretToken0123456789';
export const ACCOUNT = '502840441';

export function context(env: NodeJS.ProcessEnv): PlatformContext {
  return { config: {}, env: { LATCH_LINKEDIN_TOKEN: TOKEN, ...env }, logger: pino({ level: 'silent' }) };
}

export function adAccount(ref = ACCOUNT): ManagedResource {
  return { client: 'apex', key: 'linkedin-ads', kind: 'linkedin-ad-account', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 11, column: 3 } };
}

const base = { client: 'apex', kind: 'linkedin-ad-account', resource: ACCOUNT, reason: 'test' } as const;

export function grant(principal: string, to: string): Change {
  return { ...base, principal, action: 'grant', from: null, to };
}

export function update(principal: string, from: string, to: string): Change {
  return { ...base, principal, action: 'update', from, to };
}

export function revoke(principal: string, from: string): Change {
  return { ...base, principal, action: 'revoke', from, to: null };
}

export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
