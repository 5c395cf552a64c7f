import type { IdentityField, KindFacts } from './kind.js';
import { GITHUB_KINDS } from './github/kinds.js';
import { GOOGLE_KINDS } from './google/kinds.js';
import { SLACK_KINDS } from './slack/kinds.js';
import { META_KINDS } from './meta/kinds.js';
import { GOOGLE_ADS_KINDS } from './google-ads/kinds.js';
import { LINKEDIN_KINDS } from './linkedin/kinds.js';
import { TIKTOK_KINDS } from './tiktok/kinds.js';
import { AWS_KINDS } from './aws/kinds.js';
import { JIRA_KINDS } from './jira/kinds.js';

/**
 * Every resource kind Latch knows, in the order schemas, tables and messages list them.
 * Only the platforms' `kinds.ts` files are imported, never their clients, so the loader and
 * the planner stay free of network code. Adding a kind means adding it to its platform's list.
 */
export const KINDS = [...GITHUB_KINDS, ...GOOGLE_KINDS, ...SLACK_KINDS, ...META_KINDS, ...GOOGLE_ADS_KINDS, ...LINKEDIN_KINDS, ...TIKTOK_KINDS, ...AWS_KINDS, ...JIRA_KINDS] as const;

/** One entry of the catalog, with its literal kind and levels. */
export type KindEntry = (typeof KINDS)[number];
export type ResourceKind = KindEntry['kind'];

const BY_KIND: ReadonlyMap<string, KindFacts> = new Map(KINDS.map((facts) => [facts.kind, facts]));

/** The facts of a kind the catalog has; callers hold a `ResourceKind`, so it is always there. */
export function kindFacts(kind: ResourceKind): KindFacts {
  const facts = BY_KIND.get(kind);
  if (!facts) throw new Error(`resource kind ${kind} is not in the catalog`);
  return facts;
}

export function isResourceKind(value: string): value is ResourceKind {
  return BY_KIND.has(value);
}

/**
 * The person fields some kind knows people by, each once. The e-mail comes first whether or
 * not a kind uses it: every person has one, and checks report it before the others.
 */
export const IDENTITY_FIELDS: readonly IdentityField[] = [...new Set<IdentityField>(['email', ...KINDS.map((facts) => facts.identity)])];
