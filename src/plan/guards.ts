import type { ActualGrant, ManagedResource } from '../model/grants.js';
import type { Level } from '../model/kinds.js';
import type { Change, Held } from '../model/plan.js';
import { kindFacts } from '../platforms/kinds.js';
import type { PrincipalOutcome } from './resource.js';

export interface GuardedResource {
  /** The changes that go ahead. */
  changes: Change[];
  /** The changes held back, each with the guardrail that holds it. */
  held: Held[];
}

/** "revoke admin", "change admin to push", "grant push". */
function describeAction(change: Change): string {
  if (change.action === 'grant') return `grant ${change.to}`;
  if (change.action === 'update') return `change ${change.from} to ${change.to}`;
  return `revoke ${change.from}`;
}

function hold(change: Change, rule: Held['rule'], why: string): Held {
  const { client, kind, resource, principal } = change;
  return { rule, client, kind, resource, principal, reason: `${why}; Latch would ${describeAction(change)} (${change.reason})` };
}

function isActive(grant: ActualGrant, level: Level): boolean {
  return !grant.pending && grant.level === level;
}

/**
 * Whether a principal administers the resource once the plan is applied. A new grant may
 * become an invitation, so it does not count until it is accepted.
 */
function administersAfter(outcome: PrincipalOutcome, top: Level, change: Change | undefined): boolean {
  if (outcome.actuals.some((grant) => grant !== outcome.primary && isActive(grant, top))) return true;
  if (!outcome.primary || outcome.primary.pending) return false;
  return (change ? change.to : outcome.primary.level) === top;
}

/**
 * Applies the guardrails to one resource's planned changes: `neverTouch` principals are held,
 * then, when the rest would leave an administered resource that has an active admin without
 * one, the changes that remove its admins are held too and everything else goes ahead.
 */
export function guardResource(resource: ManagedResource, outcomes: readonly PrincipalOutcome[], neverTouch: ReadonlySet<string>): GuardedResource {
  const held: Held[] = [];
  const planned = new Map<PrincipalOutcome, Change>();
  for (const outcome of outcomes) {
    const { change } = outcome;
    if (!change) continue;
    if (neverTouch.has(outcome.principal)) held.push(hold(change, 'never-touch', `${outcome.principal} is in guardrails neverTouch`));
    else planned.set(outcome, change);
  }
  // A kind with an admin level locks everybody out when its last active holder goes.
  const top = kindFacts(resource.kind).adminLevel;
  if (top !== undefined) {
    const hadAdmin = outcomes.some((outcome) => outcome.actuals.some((grant) => isActive(grant, top)));
    const keepsAdmin = outcomes.some((outcome) => administersAfter(outcome, top, planned.get(outcome)));
    if (hadAdmin && !keepsAdmin) {
      for (const [outcome, change] of planned) {
        if (!outcome.primary || !isActive(outcome.primary, top)) continue;
        held.push(hold(change, 'last-admin', `would remove the last admin of ${resource.ref}: no active ${top} would remain`));
        planned.delete(outcome);
      }
    }
  }
  return { changes: [...planned.values()], held };
}
