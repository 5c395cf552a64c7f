import type { Change, Plan } from '../model/plan.js';
import { plural } from '../text.js';
import { changeTarget, splitReviewed } from './reviewed.js';

/** What to do when the plan made now differs from the reviewed one: apply its reviewed part, or nothing. */
export type StalePlanPolicy = 'apply-reviewed' | 'stop';

/** What reviewers saw: the fingerprint, and the changes when they were carried along. */
export interface ReviewedChanges {
  /** Fingerprint of the plan reviewers saw. */
  fingerprint: string;
  /** The reviewed changes; undefined when only the fingerprint was carried (a list too large to embed). */
  changes?: Change[];
}

/** A change that is not carried out, and why. */
export interface Withheld {
  /** The change as the plan made now has it (or, for a reviewed change the plan no longer has, as reviewed). */
  change: Change;
  /** Why it is not carried out. */
  why: string;
}

/** What an apply does, decided before anything is changed. */
export interface ApplyDecision {
  /** Changes to carry out, as the plan made now has them. */
  toApply: Change[];
  /** Changes of the plan made now that are not carried out. */
  withheld: Withheld[];
  /** Reviewed changes the platforms show already: an earlier apply got that far. */
  alreadyDone: Change[];
  /** Reviewed changes that are not carried out (changed since review, resource unreadable): the apply fails. */
  reviewedWithheld: Withheld[];
  /** How the plan made now differs from the reviewed one; empty when it does not. */
  differences: string[];
  /** Why nothing is applied at all; undefined when the apply goes ahead. */
  stop?: string;
}

function all(fresh: Plan, why: string): Withheld[] {
  return fresh.changes.map((change) => ({ change, why }));
}


/** Every change of the plan made now: an apply nobody reviewed beforehand but the person running it (`apply --yes`). */
export function applyAll(fresh: Plan): ApplyDecision {
  return { toApply: [...fresh.changes], withheld: [], alreadyDone: [], reviewedWithheld: [], differences: [] };
}

/**
 * Compares the plan made now with the one reviewers saw. Equal fingerprints apply the plan.
 * Otherwise only reviewed changes that still hold are candidates, and a plan that changed
 * since review is applied in that reviewed part or not at all (`policy`). Nothing no one
 * reviewed is ever applied. `missing` says why there is no reviewed plan, when there is none.
 */
export function decideApply(reviewed: ReviewedChanges | undefined, fresh: Plan, policy: StalePlanPolicy, missing = 'no reviewed plan was found'): ApplyDecision {
  const none = { alreadyDone: [], reviewedWithheld: [] };
  if (!reviewed) {
    return { ...none, toApply: [], withheld: all(fresh, 'not reviewed'), differences: [], stop: `${missing}, so nothing was reviewed and nothing is applied` };
  }
  if (reviewed.fingerprint === fresh.fingerprint) return applyAll(fresh);
  const changed = `the plan made now (${fresh.fingerprint.slice(0, 19)}…) differs from the reviewed plan (${reviewed.fingerprint.slice(0, 19)}…)`;
  if (!reviewed.changes) {
    const stop = `${changed}, and the reviewed plan was too large to carry its change list, so what differs cannot be told: nothing is applied; plan again`;
    return { ...none, toApply: [], withheld: all(fresh, 'plan changed since review'), differences: [changed], stop };
  }
  const split = splitReviewed({ fingerprint: reviewed.fingerprint, changes: reviewed.changes, held: [], unread: [], findings: [], warnings: [] }, fresh);
  const differences: string[] = [];
  if (split.notReviewed.length > 0) differences.push(`${plural(split.notReviewed.length, 'change')} no one reviewed (the platforms or the files changed since review): not applied`);
  if (split.changedSinceReview.length > 0) differences.push(`${plural(split.changedSinceReview.length, 'reviewed change')} would now be different: not applied`);
  if (split.unreadable.length > 0) differences.push(`${plural(split.unreadable.length, 'reviewed change')} on resources that cannot be read now: not applied`);
  const stale = differences.length > 0;
  if (split.alreadyDone.length > 0) differences.push(`${plural(split.alreadyDone.length, 'reviewed change')} already in place`);
  const reviewedWithheld: Withheld[] = [
    ...split.changedSinceReview.map((change) => ({ change, why: 'changed since review: plan again' })),
    ...split.unreadable.map((change) => ({ change, why: 'its resource could not be read now' })),
  ];
  const changedTargets = new Set(split.changedSinceReview.map(changeTarget));
  const withheld: Withheld[] = [
    ...split.notReviewed.map((change) => ({ change, why: 'not reviewed' })),
    ...fresh.changes.filter((change) => changedTargets.has(changeTarget(change))).map((change) => ({ change, why: 'changed since review' })),
  ];
  if (stale && policy === 'stop') {
    const stop = `${changed} and on-stale-plan is stop: nothing is applied`;
    return { toApply: [], withheld: all(fresh, 'plan changed since review (on-stale-plan: stop)'), alreadyDone: split.alreadyDone, reviewedWithheld, differences, stop };
  }
  return { toApply: split.toApply, withheld, alreadyDone: split.alreadyDone, reviewedWithheld, differences: stale ? [changed, ...differences] : differences };
}
