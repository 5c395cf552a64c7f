/**
 * Resource kinds and their access levels, ordered lowest first (the README's table of kinds).
 * Every other part of Latch (schemas, roles, adapters, planner) derives from this table.
 */
export const LEVELS = {
  'github-repo': ['pull', 'triage', 'push', 'maintain', 'admin'],
  'github-team': ['member', 'maintainer'],
  'drive-folder': ['reader', 'commenter', 'writer', 'organizer'],
  'ga4-property': ['viewer', 'analyst', 'editor', 'admin'],
  'google-group': ['member', 'manager', 'owner'],
  'slack-channel': ['member'],
  'meta-ad-account': ['limited', 'analyze', 'advertise', 'manage'],
  'google-ads-account': ['email-only', 'read-only', 'standard', 'admin'],
  'linkedin-ad-account': ['viewer', 'creative-manager', 'campaign-manager', 'account-manager'],
} as const satisfies Record<string, readonly string[]>;

export type ResourceKind = keyof typeof LEVELS;
export type Level = string;

export const RESOURCE_KINDS = Object.keys(LEVELS) as ResourceKind[];

export function isResourceKind(value: string): value is ResourceKind {
  return Object.hasOwn(LEVELS, value);
}

export function isLevelOf(kind: ResourceKind, level: string): boolean {
  return (LEVELS[kind] as readonly string[]).includes(level);
}

/** Position of a level in its kind's order; throws on a level the kind does not have. */
export function levelRank(kind: ResourceKind, level: Level): number {
  const rank = (LEVELS[kind] as readonly string[]).indexOf(level);
  if (rank < 0) throw new Error(`"${level}" is not a level of ${kind}`);
  return rank;
}

/** The higher of two levels of one kind. */
export function maxLevel(kind: ResourceKind, a: Level, b: Level): Level {
  return levelRank(kind, a) >= levelRank(kind, b) ? a : b;
}

/** The highest level a kind has: the one that administers the resource. */
export function topLevel(kind: ResourceKind): Level {
  const levels = LEVELS[kind];
  return levels[levels.length - 1] as Level;
}

/**
 * Which field of a person is their identity on a kind's platform. LinkedIn never shows a
 * member's e-mail to the API, so its ad accounts know people by member URN only.
 */
export const IDENTITY_FIELD = {
  'github-repo': 'github',
  'github-team': 'github',
  'drive-folder': 'email',
  'ga4-property': 'email',
  'google-group': 'email',
  'slack-channel': 'email',
  'meta-ad-account': 'email',
  'google-ads-account': 'email',
  'linkedin-ad-account': 'linkedin',
} as const satisfies Record<ResourceKind, string>;

/** A person field a platform knows people by. */
export type IdentityField = (typeof IDENTITY_FIELD)[ResourceKind];

/** The platform that holds each kind's grants, by the id its adapter registers (`policies/platforms.yaml`). */
export const PLATFORM_OF_KIND = {
  'github-repo': 'github',
  'github-team': 'github',
  'drive-folder': 'google',
  'ga4-property': 'google',
  'google-group': 'google',
  'slack-channel': 'slack',
  'meta-ad-account': 'meta',
  'google-ads-account': 'google-ads',
  'linkedin-ad-account': 'linkedin',
} as const satisfies Record<ResourceKind, string>;
