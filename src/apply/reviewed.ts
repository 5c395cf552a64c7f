import type { Change, Plan } from '../model/plan.js';

/** What an apply of a reviewed plan does, once the platforms have been read again. */
export interface ReviewedSplit {
  /** Reviewed changes still needed, as the fresh plan has them (current invitation ids and handles). */
  toApply: Change[];
  /** Reviewed changes the platforms already show (an earlier apply got that far). */
  alreadyDone: Change[];
  /** Reviewed changes the fresh plan wants differently: the platform changed since review. */
  changedSinceReview: Change[];
  /** Changes the fresh plan has that no one reviewed: never applied from a saved plan. */
  notReviewed: Change[];
  /** Reviewed changes on resources that could not be read now: left for the next run. */
  unreadable: Change[];
}

/** Who, where: the identity of a change across two plans, whatever it does. */
export function changeTarget(change: Pick<Change, 'kind' | 'resource' | 'principal'>): string {
  return `${change.kind}\u0000${change.resource}\u0000${change.principal}`;
}

function intent(change: Change): string {
  return `${change.action}\u0000${change.to ?? ''}`;
}

/**
 * Matches a reviewed plan against a plan made now. This is what makes an apply safe to run
 * again after it was interrupted: changes already in effect drop out, nothing is done twice,
 * and nothing beyond what reviewers saw is done.
 */
export function splitReviewed(reviewed: Plan, fresh: Plan): ReviewedSplit {
  const freshByTarget = new Map(fresh.changes.map((change) => [changeTarget(change), change]));
  const reviewedTargets = new Set<string>();
  const unread = new Set(fresh.unread.map((entry) => `${entry.kind}\u0000${entry.resource}`));
  const held = new Set(fresh.held.map((entry) => `${entry.kind}\u0000${entry.resource}\u0000${entry.principal}`));
  const split: ReviewedSplit = { toApply: [], alreadyDone: [], changedSinceReview: [], notReviewed: [], unreadable: [] };
  for (const change of reviewed.changes) {
    reviewedTargets.add(changeTarget(change));
    const now = freshByTarget.get(changeTarget(change));
    if (unread.has(`${change.kind}\u0000${change.resource}`)) split.unreadable.push(change);
    else if (held.has(changeTarget(change))) split.changedSinceReview.push(change);
    else if (!now) split.alreadyDone.push(change);
    else if (intent(now) === intent(change)) split.toApply.push(now);
    else split.changedSinceReview.push(change);
  }
  split.notReviewed = fresh.changes.filter((change) => !reviewedTargets.has(changeTarget(change)));
  return split;
}
