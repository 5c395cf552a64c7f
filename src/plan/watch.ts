import type { ManagedResource } from '../model/grants.js';
import type { OffboardedWatch, ReappearedGrant } from '../model/lifecycle.js';
import type { Change, Plan } from '../model/plan.js';
import { fingerprintChanges } from './fingerprint.js';
import { resourceKey } from './order.js';

/** An offboarded client still watched, as the history tells it. */
export interface WatchInput {
  client: string;
  name: string;
  offboardedOn: string;
  watchUntil: string;
  resources: readonly ManagedResource[];
  /** Why its resources are unknown; the watch is then unread. */
  error?: string;
}

/**
 * Pure. Every revocation the plan makes on a watched client's resources is access that came
 * back after the offboarding: its reason says so, and the client's watch says `reappeared`.
 * A watch is `clean` only when every one of its resources was read; one unread resource, or
 * resources that could not be recovered, make it `unread`.
 */
export function describeWatch(plan: Plan, watched: readonly WatchInput[], today: string): Plan {
  if (watched.length === 0) return plan;
  const owner = new Map<string, WatchInput>();
  for (const client of watched) for (const resource of client.resources) owner.set(resourceKey(resource.kind, resource.ref), client);
  const reappeared = new Map<string, ReappearedGrant[]>();
  const changes = plan.changes.map((change): Change => {
    const client = owner.get(resourceKey(change.kind, change.resource));
    if (!client || change.action !== 'revoke') return change;
    const grants = reappeared.get(client.client) ?? [];
    grants.push({ kind: change.kind, resource: change.resource, principal: change.principal, level: change.from });
    reappeared.set(client.client, grants);
    return { ...change, client: client.client, reason: `offboarded client ${client.client}: ${change.principal} regained ${change.from} on ${change.resource}` };
  });
  const unread = new Set(plan.unread.map((entry) => resourceKey(entry.kind, entry.resource)));
  const warnings = [...plan.warnings];
  const states = watched.map((client): OffboardedWatch => {
    const found = reappeared.get(client.client) ?? [];
    const base = { client: client.client, name: client.name, offboardedOn: client.offboardedOn, watchUntil: client.watchUntil, reappeared: found };
    if (client.error !== undefined) {
      warnings.push({ message: `offboarded client ${client.client} is watched until ${client.watchUntil} but its resources are unknown: ${client.error}` });
      return { ...base, state: 'unread' };
    }
    if (client.resources.some((resource) => unread.has(resourceKey(resource.kind, resource.ref)))) return { ...base, state: 'unread' };
    return found.length > 0 ? { ...base, state: 'reappeared' } : { ...base, state: 'clean', verifiedCleanOn: today };
  });
  return { ...plan, changes, warnings, watched: states, fingerprint: fingerprintChanges(changes) };
}
