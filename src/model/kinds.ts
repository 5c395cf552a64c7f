import { isResourceKind, KINDS, kindFacts, type KindEntry, type ResourceKind } from '../platforms/kinds.js';
import type { IdentityField } from '../platforms/kind.js';

/*
 * Resource kinds and their access levels, ordered lowest first. The facts live with each
 * platform (`src/platforms/<platform>/kinds.ts`); these are views of that one catalog.
 */

export { isResourceKind, type IdentityField, type ResourceKind };
export type Level = string;

type LevelsOf<K extends ResourceKind> = Extract<KindEntry, { kind: K }>['levels'];

function byKind<T>(value: (facts: KindEntry) => T): Record<ResourceKind, T> {
  return Object.fromEntries(KINDS.map((facts) => [facts.kind, value(facts)])) as Record<ResourceKind, T>;
}

/** Each kind's levels, lowest first (the README's table of kinds). */
export const LEVELS = byKind((facts) => facts.levels) as { readonly [K in ResourceKind]: LevelsOf<K> };

export const RESOURCE_KINDS: ResourceKind[] = KINDS.map((facts) => facts.kind);

export function isLevelOf(kind: ResourceKind, level: string): boolean {
  return kindFacts(kind).levels.includes(level);
}

/** Position of a level in its kind's order; throws on a level the kind does not have. */
export function levelRank(kind: ResourceKind, level: Level): number {
  const rank = kindFacts(kind).levels.indexOf(level);
  if (rank < 0) throw new Error(`"${level}" is not a level of ${kind}`);
  return rank;
}

/** The higher of two levels of one kind. */
export function maxLevel(kind: ResourceKind, a: Level, b: Level): Level {
  return levelRank(kind, a) >= levelRank(kind, b) ? a : b;
}

/** The highest level a kind has. */
export function topLevel(kind: ResourceKind): Level {
  const { levels } = kindFacts(kind);
  return levels[levels.length - 1] as Level;
}
