import type { Change, Plan } from '../model/plan.js';
import { checkMassRevoke, withoutIntended, type MassRevokeBounds, type MassRevokeCheck } from '../plan/mass-revoke.js';

/**
 * The mass-revocation bound over `changes`, with the revocations of explicitly offboarded
 * clients and of agency people past their last day left out (withoutIntended).
 */
export function checkBound(plan: Plan, changes: readonly Change[], actualGrantCount: number, bounds: MassRevokeBounds): MassRevokeCheck {
  return checkMassRevoke(withoutIntended(plan, [...changes]), actualGrantCount, bounds);
}

/** Bounds that never trip, for renderers whose own mass-revocation flag would count offboarding. */
export const NO_BOUND: MassRevokeBounds = { maxCount: Number.POSITIVE_INFINITY, maxShare: Number.POSITIVE_INFINITY };
