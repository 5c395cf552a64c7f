import { splitReviewed } from '../apply/reviewed.js';
import type { Change, Plan } from '../model/plan.js';
import { plural } from '../report/describe.js';
import type { StalePlanPolicy } from './inputs.js';
import type { ReviewedRecord } from './reviewed-marker.js';

/** A change of the plan made at merge that is not carried out, and why. */
export interface Withheld {
  /** The change as the plan made at merge has it. */
  change: Change;
  /** Why it is not carried out. */
  why: string;
}

/** What an apply after merge does, decided before anything is changed. */
export interface ApplyDecision {
  /** Changes to carry out, as the plan made at merge has them. */
  toApply: Change[];
  /** Changes of the plan made at merge that are not carried out. */
  withheld: Withheld[];
  /** Reviewed changes the platforms show already. */
  alreadyDone: Change[];
  /** How the plan made now differs from the reviewed one; empty when it does not. */
  differences: string[];
  /** Why nothing is applied at all; undefined when the apply goes ahead. */
  stop?: string;
}

function all(fresh: Plan, why: string): Withheld[] {
  return fresh.changes.map((change) => ({ change, why }));
}

function target(change: Change): string {
  return `${change.kind}\u0000${change.resource}\u0000${change.principal}`;
}

/**
 * Compares the plan made at merge with the one reviewers saw. Equal fingerprints apply the
 * plan. Otherwise only reviewed changes that still hold are candidates, and a plan that
 * changed since review is applied in that reviewed part or not at all (`policy`). Nothing
 * no one reviewed is ever applied.
 */
export function decideApply(reviewed: ReviewedRecord | undefined, fresh: Plan, policy: StalePlanPolicy): ApplyDecision {
  if (!reviewed) {
    const stop = 'no reviewed plan was found on the pull request (no Latch plan comment with a plan), so nothing was reviewed and nothing is applied';
    return { toApply: [], withheld: all(fresh, 'not reviewed'), alreadyDone: [], differences: [], stop };
  }
  if (reviewed.fingerprint === fresh.fingerprint) return { toApply: [...fresh.changes], withheld: [], alreadyDone: [], differences: [] };
  const changed = `the plan made at merge (${fresh.fingerprint.slice(0, 19)}…) differs from the reviewed plan (${reviewed.fingerprint.slice(0, 19)}…)`;
  if (!reviewed.changes) {
    const stop = `${changed}, and the reviewed plan was too large to carry its change list, so what differs cannot be told: nothing is applied; plan again in a new pull request`;
    return { toApply: [], withheld: all(fresh, 'plan changed since review'), alreadyDone: [], differences: [changed], stop };
  }
  const split = splitReviewed({ fingerprint: reviewed.fingerprint, changes: reviewed.changes, held: [], unread: [], findings: [], warnings: [] }, fresh);
  const differences: string[] = [];
  if (split.notReviewed.length > 0) differences.push(`${plural(split.notReviewed.length, 'change')} no one reviewed (the platforms or the files changed since review): not applied`);
  if (split.changedSinceReview.length > 0) differences.push(`${plural(split.changedSinceReview.length, 'reviewed change')} would now be different: not applied`);
  if (split.unreadable.length > 0) differences.push(`${plural(split.unreadable.length, 'reviewed change')} on resources that cannot be read now: not applied`);
  const stale = differences.length > 0;
  if (split.alreadyDone.length > 0) differences.push(`${plural(split.alreadyDone.length, 'reviewed change')} already in place`);
  const changedTargets = new Set([...split.changedSinceReview, ...split.unreadable].map(target));
  const withheld: Withheld[] = [
    ...split.notReviewed.map((change) => ({ change, why: 'not reviewed' })),
    ...fresh.changes.filter((change) => changedTargets.has(target(change))).map((change) => ({ change, why: 'changed since review' })),
  ];
  if (stale && policy === 'stop') {
    return { toApply: [], withheld: all(fresh, 'plan changed since review (on-stale-plan: stop)'), alreadyDone: split.alreadyDone, differences, stop: `${changed} and on-stale-plan is stop: nothing is applied` };
  }
  return { toApply: split.toApply, withheld, alreadyDone: split.alreadyDone, differences: stale ? [changed, ...differences] : differences };
}
