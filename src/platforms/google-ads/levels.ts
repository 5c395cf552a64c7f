import type { Level } from '../../model/kinds.js';

/**
 * Google Ads access roles and Latch levels, one to one. EMAIL_ONLY is its own level, below
 * read-only: Google Ads documents it as an e-mail recipient rather than a user, so it gives
 * no access to the account and never stands in for read-only (a person who only has it is
 * not verified, and an undeclared one is still seen). UNKNOWN and UNSPECIFIED read as
 * nothing, and a listing that meets one fails rather than guess.
 */

export type AccessRole = 'ADMIN' | 'STANDARD' | 'READ_ONLY' | 'EMAIL_ONLY';
export type GoogleAdsLevel = 'email-only' | 'read-only' | 'standard' | 'admin';

const ROLE_OF_LEVEL = {
  'email-only': 'EMAIL_ONLY',
  'read-only': 'READ_ONLY',
  standard: 'STANDARD',
  admin: 'ADMIN',
} as const satisfies Record<GoogleAdsLevel, AccessRole>;

const LEVEL_OF_ROLE = {
  ADMIN: 'admin',
  STANDARD: 'standard',
  READ_ONLY: 'read-only',
  EMAIL_ONLY: 'email-only',
} as const satisfies Record<AccessRole, GoogleAdsLevel>;

export function isGoogleAdsLevel(value: string): value is GoogleAdsLevel {
  return Object.hasOwn(ROLE_OF_LEVEL, value);
}

export function isAccessRole(value: string): value is AccessRole {
  return Object.hasOwn(LEVEL_OF_ROLE, value);
}

/** The Latch level of an access role; undefined for UNKNOWN, UNSPECIFIED or anything new. */
export function levelFromRole(role: string): GoogleAdsLevel | undefined {
  return isAccessRole(role) ? LEVEL_OF_ROLE[role] : undefined;
}

/** The access role Latch writes for a level; throws on a level of another kind. */
export function roleForLevel(level: Level): AccessRole {
  if (!isGoogleAdsLevel(level)) throw new Error(`"${level}" is not a google-ads-account level`);
  return ROLE_OF_LEVEL[level];
}
