import type { DesiredState } from '../desire/expand.js';
import type { DeclaredPerson, DesiredGrant, ResourceReading, Side } from '../model/grants.js';
import type { Change, Finding, Held, Plan, Unread, Warning } from '../model/plan.js';
import type { EmergencyRecord } from '../model/lifecycle.js';
import { holdEmergencies } from './emergency.js';
import { fingerprintChanges } from './fingerprint.js';
import { guardResource } from './guards.js';
import { compareChanges, compareHeld, compareText, compareUnread, resourceKey } from './order.js';
import { planResource } from './resource.js';

export interface PlanInput {
  /** What the repository asks for: resources, live grants and expired ones. */
  desired: DesiredState;
  /** One reading per managed resource of `desired.resources` in mode 'manage' (verify-mode resources are planned elsewhere). */
  readings: ResourceReading[];
  /** Logins or e-mails Latch never changes (guardrails.neverTouch), compared case-insensitively. */
  neverTouch: readonly string[];
  /** Drift found by whole-platform audits, passed through to the plan. */
  findings?: Finding[];
  /** Warnings from loading the repository, passed through ahead of the planner's own. */
  warnings?: Warning[];
  /**
   * Every declared identity (login or e-mail, lower-cased) with its side and the clients that
   * declare it, so a revocation can say "another client's person". Defaults to what the
   * desired grants show.
   */
  people?: ReadonlyMap<string, DeclaredPerson>;
  /** Grants `latch revoke` removed: not granted again while the files still declare them. */
  emergencies?: readonly EmergencyRecord[];
}

type ByResource = Map<string, Map<string, DesiredGrant>>;

function indexByResource(grants: readonly DesiredGrant[]): ByResource {
  const index: ByResource = new Map();
  for (const grant of grants) {
    const key = resourceKey(grant.kind, grant.resource);
    let byPrincipal = index.get(key);
    if (!byPrincipal) {
      byPrincipal = new Map();
      index.set(key, byPrincipal);
    }
    byPrincipal.set(grant.principal, grant);
  }
  return index;
}

/** Identities as far as the desired grants show them, when the caller knows no more. */
function peopleOf(desired: DesiredState): Map<string, DeclaredPerson> {
  const clients = new Map<string, Set<string>>();
  const sides = new Map<string, Side>();
  for (const grant of [...desired.grants, ...desired.expired]) {
    if (!sides.has(grant.principal)) sides.set(grant.principal, grant.side);
    const set = clients.get(grant.principal) ?? new Set<string>();
    set.add(grant.client);
    clients.set(grant.principal, set);
  }
  return new Map([...sides].map(([principal, side]) => [principal, { side, clients: [...(clients.get(principal) ?? [])].sort() }]));
}

function compareWarnings(a: Warning, b: Warning): number {
  return compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message);
}

function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.platform, b.platform) || compareText(a.subject, b.subject) || compareText(a.message, b.message);
}

/**
 * Pure: the plan that makes every readable managed resource match the repository. A resource
 * whose reading failed, or that has no reading, gets an `Unread` entry and no change at all:
 * a revocation needs a complete listing. Sorted and fingerprinted, so equal inputs in any
 * order give an identical plan.
 */
export function makePlan(input: PlanInput): Plan {
  const { desired, readings } = input;
  const desiredIndex = indexByResource(desired.grants);
  const expiredIndex = indexByResource(desired.expired);
  const declared = new Set(desired.resources.map((resource) => resourceKey(resource.kind, resource.ref)));
  const people = input.people ?? peopleOf(desired);
  const neverTouch = new Set(input.neverTouch.map((principal) => principal.toLowerCase()));
  const empty = new Map<string, DesiredGrant>();

  const changes: Change[] = [];
  const held: Held[] = [];
  const unread: Unread[] = [];
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const reading of readings) {
    const { resource } = reading;
    const key = resourceKey(resource.kind, resource.ref);
    if (resource.mode !== 'manage' || seen.has(key)) continue;
    seen.add(key);
    const client = resource.client === '' ? null : resource.client;
    if (!reading.ok) {
      unread.push({ client, kind: resource.kind, resource: resource.ref, error: reading.error });
      continue;
    }
    const desire = { desired: desiredIndex.get(key) ?? empty, expired: expiredIndex.get(key) ?? empty, declared: declared.has(key), people };
    const planned = planResource(resource, reading.grants, desire);
    const guarded = guardResource(resource, planned.outcomes, neverTouch);
    changes.push(...guarded.changes);
    held.push(...guarded.held);
    warnings.push(...planned.warnings);
  }
  for (const resource of desired.resources) {
    const key = resourceKey(resource.kind, resource.ref);
    if (resource.mode !== 'manage' || seen.has(key)) continue;
    seen.add(key);
    unread.push({ client: resource.client, kind: resource.kind, resource: resource.ref, error: 'not read: nothing is planned for it' });
  }

  const emergency = holdEmergencies(changes, desired.grants, input.emergencies ?? []);
  emergency.changes.sort(compareChanges);
  return {
    fingerprint: fingerprintChanges(emergency.changes),
    changes: emergency.changes,
    held: held.sort(compareHeld),
    unread: unread.sort(compareUnread),
    findings: [...(input.findings ?? [])].sort(compareFindings),
    warnings: [...(input.warnings ?? []), ...warnings.sort(compareWarnings)],
    ...(emergency.emergencies.length > 0 ? { emergencies: emergency.emergencies } : {}),
  };
}
