import type { Change, Plan, Unread } from '../model/plan.js';
import { fingerprintChanges } from './fingerprint.js';
import { compareUnread, resourceKey } from './order.js';

/** Why the platform cannot carry out a change, from what reading the resource showed; undefined when it can. */
export type RefuseChange = (change: Change) => string | undefined;

/**
 * A change the platform is known to refuse (a level the resource cannot have) is not planned:
 * its resource is reported unread, with the reason and the person, and none of its changes is
 * planned, so a run never applies half of what the repository asks for one resource.
 */
export function withoutRefused(plan: Plan, refuse: RefuseChange): Plan {
  const refused = new Map<string, Unread>();
  for (const change of plan.changes) {
    const key = resourceKey(change.kind, change.resource);
    const reason = refused.has(key) ? undefined : refuse(change);
    if (reason) refused.set(key, { client: change.client, kind: change.kind, resource: change.resource, error: `cannot give ${change.principal} ${change.to ?? 'no access'}: ${reason}` });
  }
  if (refused.size === 0) return plan;
  const changes = plan.changes.filter((change) => !refused.has(resourceKey(change.kind, change.resource)));
  return { ...plan, changes, unread: [...plan.unread, ...refused.values()].sort(compareUnread), fingerprint: fingerprintChanges(changes) };
}
