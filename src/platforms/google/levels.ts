import { PlatformError } from '../../errors.js';
import { LEVELS, type Level } from '../../model/kinds.js';

export const PLATFORM = 'google';

/** Roles a Drive permission can carry. */
export type DriveRole = 'owner' | 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader';
/** Roles Latch writes, one per drive-folder level: an owner is never made, and `fileOrganizer` is only ever read. */
const WRITABLE_DRIVE_ROLES = ['reader', 'commenter', 'writer', 'organizer'] as const satisfies readonly DriveRole[];
export type WritableDriveRole = (typeof WRITABLE_DRIVE_ROLES)[number];

/**
 * Drive's `fileOrganizer` (a shared drive's "Content manager") can move and delete files,
 * more than `writer`, and Latch has no level between writer and organizer. It is read as
 * `organizer` so that an audit never under-reports what someone can do; a person declared
 * `organizer` who is a content manager is therefore left as is. The owner reads as
 * `organizer` too, flagged as the owner so it is never lowered or revoked.
 */
const DRIVE_LEVEL: ReadonlyMap<string, Level> = new Map(
  Object.entries({
    owner: 'organizer',
    organizer: 'organizer',
    fileOrganizer: 'organizer',
    writer: 'writer',
    commenter: 'commenter',
    reader: 'reader',
  } satisfies Record<DriveRole, Level>),
);

export function driveLevel(role: string): Level | undefined {
  return DRIVE_LEVEL.get(role);
}

/** Where a Drive item lives: `organizer` and `fileOrganizer` exist only on shared drive items. */
export type DriveLocation = 'my-drive' | 'shared-drive';

/** Why `level` cannot be given on an item in `location`; undefined when it can. */
export function driveLevelRefusal(level: Level, location: DriveLocation): string | undefined {
  if (level !== 'organizer' || location === 'shared-drive') return undefined;
  return 'Drive has organizer only on shared drives and this folder is in a My Drive: declare writer at most, or move the folder to a shared drive';
}

/** The levels of drive-folder are Drive's own role names, as far as the item's drive has them. */
export function driveRole(level: Level, location: DriveLocation, operation: string): WritableDriveRole {
  const role = WRITABLE_DRIVE_ROLES.find((candidate) => candidate === level);
  if (!role) throw new PlatformError(PLATFORM, operation, `"${level}" is not a drive-folder level`);
  const refusal = driveLevelRefusal(level, location);
  if (refusal) throw new PlatformError(PLATFORM, operation, refusal);
  return role;
}

const GA4_PREFIX = 'predefinedRoles/';

/**
 * Data restrictions (`no-cost-data`, `no-revenue-data`) narrow what a role shows; they are
 * not a level of their own, so they are ignored when reading a level and kept when the
 * level changes.
 */
const GA4_RESTRICTIONS: ReadonlySet<string> = new Set([`${GA4_PREFIX}no-cost-data`, `${GA4_PREFIX}no-revenue-data`]);

export function isGa4Restriction(role: string): boolean {
  return GA4_RESTRICTIONS.has(role);
}

/** The highest level among a binding's roles; undefined when it has none Latch knows. */
export function ga4Level(roles: readonly string[]): Level | undefined {
  const levels = LEVELS['ga4-property'] as readonly string[];
  let best = -1;
  for (const role of roles) {
    if (!role.startsWith(GA4_PREFIX)) continue;
    best = Math.max(best, levels.indexOf(role.slice(GA4_PREFIX.length)));
  }
  return best < 0 ? undefined : levels[best];
}

/** Roles of a binding at `level`, keeping the data restrictions of `current`. */
export function ga4Roles(level: Level, current: readonly string[], operation: string): string[] {
  if (!(LEVELS['ga4-property'] as readonly string[]).includes(level)) {
    throw new PlatformError(PLATFORM, operation, `"${level}" is not a ga4-property level`);
  }
  return [`${GA4_PREFIX}${level}`, ...current.filter(isGa4Restriction)];
}

/** Unknown roles on a binding (a custom role, a new predefined one) make a level unreliable. */
export function unknownGa4Roles(roles: readonly string[]): string[] {
  const levels = LEVELS['ga4-property'] as readonly string[];
  return roles.filter((role) => !isGa4Restriction(role) && !(role.startsWith(GA4_PREFIX) && levels.includes(role.slice(GA4_PREFIX.length))));
}

export type GroupRole = 'MEMBER' | 'MANAGER' | 'OWNER';

const GROUP_ROLES: ReadonlyArray<readonly [GroupRole, Level]> = [
  ['MEMBER', 'member'],
  ['MANAGER', 'manager'],
  ['OWNER', 'owner'],
];

export function groupLevel(role: string): Level | undefined {
  return GROUP_ROLES.find(([candidate]) => candidate === role)?.[1];
}

export function groupRole(level: Level, operation: string): GroupRole {
  const found = GROUP_ROLES.find(([, candidate]) => candidate === level);
  if (!found) throw new PlatformError(PLATFORM, operation, `"${level}" is not a google-group level`);
  return found[0];
}
