import { pino } from 'pino';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';
import type { TiktokSeed } from '../../../src/emulators/tiktok/index.js';

export const TOKEN = 'tt-act-0123456789abcdefSecretToken';
export const BC = '7000000000000000001';
export const ACCOUNT = '7012345678901234567';
export const SHARED = '7098765432109876543';
export const BIG = '7055555555555555555';

/** The agency's Business Center: its own account, a client's shared one, one with many members. */
export function seed(): TiktokSeed {
  const many = Object.fromEntries(Array.from({ length: 120 }, (_, index) => [`analyst${String(index).padStart(3, '0')}@acme-agency.com`, 'ANALYST' as const]));
  return {
    bcId: BC,
    members: { 'lead@acme-agency.com': 'ADMIN', 'nina@acme-agency.com': 'STANDARD', 'priya@acme-agency.com': 'STANDARD' },
    invitations: [{ email: 'omar@acme-agency.com', assets: { [ACCOUNT]: 'OPERATOR' } }],
    accounts: {
      [ACCOUNT]: { name: 'Apex TikTok', members: { 'lead@acme-agency.com': 'ADMIN', 'nina@acme-agency.com': 'OPERATOR' } },
      [SHARED]: { name: 'Bloom TikTok', relation: 'OWNER_PARTNER', members: { 'priya@acme-agency.com': 'ANALYST' } },
      [BIG]: { name: 'Big', members: many },
    },
  };
}

export function context(env: NodeJS.ProcessEnv): PlatformContext {
  return { config: {}, env: { LATCH_TIKTOK_TOKEN: TOKEN, LATCH_TIKTOK_BC_ID: BC, ...env }, logger: pino({ level: 'silent' }) };
}

export function adAccount(ref = ACCOUNT): ManagedResource {
  return { client: 'apex', key: 'tiktok-ads', kind: 'tiktok-ad-account', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 12, column: 3 } };
}

const base = { client: 'apex', kind: 'tiktok-ad-account', resource: ACCOUNT, reason: 'test' } as const;

export function grant(principal: string, to: string, resource = ACCOUNT): Change {
  return { ...base, resource, principal, action: 'grant', from: null, to };
}

export function update(principal: string, from: string, to: string): Change {
  return { ...base, principal, action: 'update', from, to };
}

export function revoke(principal: string, from: string, resource = ACCOUNT): Change {
  return { ...base, resource, principal, action: 'revoke', from, to: null };
}

export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
