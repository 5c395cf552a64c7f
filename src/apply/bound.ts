import type { Change, Plan } from '../model/plan.js';
import { checkMassRevoke, type MassRevokeBounds, type MassRevokeCheck } from '../plan/mass-revoke.js';

/**
 * The mass-revocation bound over `changes`, with the revocations of explicitly offboarded
 * clients (their file deleted) left out: deleting a client's file is the intent, not an
 * accident. Any other mass revocation still counts.
 */
export function checkBound(plan: Plan, changes: readonly Change[], actualGrantCount: number, bounds: MassRevokeBounds): MassRevokeCheck {
  const offboarded = new Set((plan.offboarding ?? []).map((entry) => entry.client));
  const counted = changes.filter((change) => !(change.action === 'revoke' && change.client !== null && offboarded.has(change.client)));
  return checkMassRevoke({ ...plan, changes: counted }, actualGrantCount, bounds);
}

/** Bounds that never trip, for renderers whose own mass-revocation flag would count offboarding. */
export const NO_BOUND: MassRevokeBounds = { maxCount: Number.POSITIVE_INFINITY, maxShare: Number.POSITIVE_INFINITY };
