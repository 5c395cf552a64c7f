import type { Level } from '../../model/kinds.js';

/**
 * LinkedIn ad account roles and Latch levels. ACCOUNT_BILLING_ADMIN (exactly one per
 * account, the one who is billed) reads as `account-manager` plus ownership: Latch never
 * revokes, lowers or grants it.
 */

export type LinkedinRole = 'ACCOUNT_BILLING_ADMIN' | 'ACCOUNT_MANAGER' | 'CAMPAIGN_MANAGER' | 'CREATIVE_MANAGER' | 'VIEWER';
export type LinkedinLevel = 'viewer' | 'creative-manager' | 'campaign-manager' | 'account-manager';

const ROLE_OF_LEVEL = {
  viewer: 'VIEWER',
  'creative-manager': 'CREATIVE_MANAGER',
  'campaign-manager': 'CAMPAIGN_MANAGER',
  'account-manager': 'ACCOUNT_MANAGER',
} as const satisfies Record<LinkedinLevel, LinkedinRole>;

const LEVEL_OF_ROLE = {
  ACCOUNT_BILLING_ADMIN: 'account-manager',
  ACCOUNT_MANAGER: 'account-manager',
  CAMPAIGN_MANAGER: 'campaign-manager',
  CREATIVE_MANAGER: 'creative-manager',
  VIEWER: 'viewer',
} as const satisfies Record<LinkedinRole, LinkedinLevel>;

export const OWNER_ROLE: LinkedinRole = 'ACCOUNT_BILLING_ADMIN';

export function isLinkedinLevel(value: string): value is LinkedinLevel {
  return Object.hasOwn(ROLE_OF_LEVEL, value);
}

export function isLinkedinRole(value: string): value is LinkedinRole {
  return Object.hasOwn(LEVEL_OF_ROLE, value);
}

/** The Latch level of a role and whether it is the account's owner; undefined for a role Latch does not know. */
export function levelFromRole(role: string): { level: LinkedinLevel; owner: boolean } | undefined {
  if (!isLinkedinRole(role)) return undefined;
  return { level: LEVEL_OF_ROLE[role], owner: role === OWNER_ROLE };
}

/** The role Latch writes for a level (never the billing admin); throws on a level of another kind. */
export function roleForLevel(level: Level): LinkedinRole {
  if (!isLinkedinLevel(level)) throw new Error(`"${level}" is not a linkedin-ad-account level`);
  return ROLE_OF_LEVEL[level];
}
