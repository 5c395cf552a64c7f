/**
 * TikTok Business Center gives each member one permission per ad account (`advertiser_role`):
 * ANALYST views ads and performance, OPERATOR also creates and edits ads, ADMIN also manages
 * finance, settings and the account's members. Latch's levels are those three, lowest first.
 * https://ads.tiktok.com/help/article/about-assets-and-asset-level-permissions
 */

export type TiktokRole = 'ANALYST' | 'OPERATOR' | 'ADMIN';
export type TiktokLevel = 'analyst' | 'operator' | 'admin';

const ROLE_OF_LEVEL = {
  analyst: 'ANALYST',
  operator: 'OPERATOR',
  admin: 'ADMIN',
} as const satisfies Record<TiktokLevel, TiktokRole>;

const LEVEL_OF_ROLE = {
  ANALYST: 'analyst',
  OPERATOR: 'operator',
  ADMIN: 'admin',
} as const satisfies Record<TiktokRole, TiktokLevel>;

export function isTiktokLevel(value: string): value is TiktokLevel {
  return Object.hasOwn(ROLE_OF_LEVEL, value);
}

/** The Latch level of an `advertiser_role`; undefined for a role TikTok does not document. */
export function levelFromRole(role: string): TiktokLevel | undefined {
  return Object.hasOwn(LEVEL_OF_ROLE, role) ? LEVEL_OF_ROLE[role as TiktokRole] : undefined;
}

/** The `advertiser_role` to send for a Latch level; throws on a level of another kind. */
export function roleForLevel(level: string): TiktokRole {
  if (!isTiktokLevel(level)) throw new Error(`"${level}" is not a tiktok-ad-account level`);
  return ROLE_OF_LEVEL[level];
}
