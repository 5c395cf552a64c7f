import type { Repository } from '../load/types.js';
import type { DesiredGrant, ManagedResource } from '../model/grants.js';
import { levelRank } from '../model/kinds.js';
import { candidatesOf, managedResourcesOf, type Candidate } from '../load/candidates.js';
import { departuresOf, type Departure } from './leavers.js';

/** A grant the repository asked for whose `until` is before today: it is revoked, not granted. */
export type ExpiredGrant = DesiredGrant;

export interface DesiredState {
  /** Every resource every client declares, verify-mode ones included. */
  resources: ManagedResource[];
  /** What should exist today: one entry per (kind, resource, principal). */
  grants: DesiredGrant[];
  /**
   * Grants dropped because they expired, one per (kind, resource, principal) that no live
   * source still asks for (whatever the platform has there is revoked), or whose level was
   * above what still holds (the platform's level is lowered, naming the end date).
   */
  expired: ExpiredGrant[];
  /** Agency people with a last day in policies/people.yaml (passed or to come): their grants end then, in every client. */
  departures?: Departure[];
}

function groupKey(candidate: Candidate, principal: string): string {
  return `${candidate.resource.kind}\u0000${candidate.resource.ref}\u0000${principal}`;
}

/** Highest level first; at equal levels the source that lasts longer; then the order of the file. */
function strongerFirst(a: Candidate, b: Candidate): number {
  const byLevel = levelRank(b.resource.kind, b.level) - levelRank(a.resource.kind, a.level);
  if (byLevel !== 0) return byLevel;
  if (a.until === b.until) return 0;
  if (a.until === undefined) return -1;
  if (b.until === undefined) return 1;
  return a.until > b.until ? -1 : 1;
}

function merge(sources: Candidate[], principal: string): DesiredGrant {
  const ordered = [...sources].sort(strongerFirst);
  const [winner] = ordered;
  if (!winner) throw new Error('a desired grant needs at least one source');
  const grant: DesiredGrant = {
    client: winner.resource.client,
    kind: winner.resource.kind,
    resource: winner.resource.ref,
    principal,
    person: winner.person,
    side: winner.side,
    level: winner.level,
    because: ordered.map((source) => source.trace),
  };
  if (winner.until !== undefined) grant.until = winner.until;
  return grant;
}

/** Code-unit order: the same on every machine, unlike locale-aware comparison. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareGrants(a: DesiredGrant, b: DesiredGrant): number {
  return compareText(a.client, b.client) || compareText(a.kind, b.kind) || compareText(a.resource, b.resource) || compareText(a.principal, b.principal);
}

function compareResources(a: ManagedResource, b: ManagedResource): number {
  return compareText(a.client, b.client) || compareText(a.kind, b.kind) || compareText(a.ref, b.ref) || compareText(a.key, b.key);
}

function collect(groups: Map<string, { principal: string; sources: Candidate[] }>, candidate: Candidate, principal: string): void {
  const key = groupKey(candidate, principal);
  const group = groups.get(key);
  if (group) group.sources.push(candidate);
  else groups.set(key, { principal, sources: [candidate] });
}

/**
 * Pure. Expands roles and explicit grants into desired grants (max level wins when several
 * sources ask for the same (kind, resource, principal); `because` lists every source, winner
 * first), each traced to file:line:column of the person's `role` value or the grant entry;
 * drops expired ones into `expired` (a person's `until` applies to all their grants, a grant's
 * own `until` to that grant; expired means until < today). Principal = the identity field
 * value lower-cased. policies/people.yaml is already resolved into the client files when they
 * are loaded (identities, and a leaver's last day as the person's `until`), so both shapes of
 * a repository expand alike. Sorted deterministically. Expects a validated repository: sources whose
 * person lacks the identity a kind needs are refused by validation and skipped here.
 */
export function expandDesired(repository: Repository, today: string): DesiredState {
  const resources: ManagedResource[] = [];
  const live = new Map<string, { principal: string; sources: Candidate[] }>();
  const ended = new Map<string, { principal: string; sources: Candidate[] }>();
  for (const client of repository.clients) {
    resources.push(...managedResourcesOf(client));
    for (const candidate of candidatesOf(client, repository.roles, repository.guardrails, today)) {
      if (candidate.principal === undefined) continue;
      collect(candidate.expired ? ended : live, candidate, candidate.principal);
    }
  }
  const grants = [...live.values()].map((group) => merge(group.sources, group.principal));
  const liveByKey = new Map([...live.keys()].map((key, index) => [key, grants[index] as DesiredGrant]));
  // An ended grant matters where nothing live asks for the pair, or where it raised the level
  // above what still holds (a lapsed exception): the plan names its end date either way.
  const expired = [...ended.entries()]
    .map(([key, group]) => ({ still: liveByKey.get(key), gone: merge(group.sources, group.principal) }))
    .filter(({ still, gone }) => !still || levelRank(gone.kind, gone.level) > levelRank(still.kind, still.level))
    .map(({ gone }) => gone);
  const departures = departuresOf(repository);
  return {
    resources: resources.sort(compareResources),
    grants: grants.sort(compareGrants),
    expired: expired.sort(compareGrants),
    ...(departures.length > 0 ? { departures } : {}),
  };
}
