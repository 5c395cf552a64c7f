import type { Plan } from '../model/plan.js';

/**
 * True when part of the plan could not be made: a resource, or the resources of an offboarded
 * client still watched, could not be read. Such a plan is never reported as in sync, and its
 * run exits 1.
 */
export function planIncomplete(plan: Pick<Plan, 'unread' | 'watched'>): boolean {
  return plan.unread.length > 0 || (plan.watched ?? []).some((watch) => watch.state === 'unread');
}
