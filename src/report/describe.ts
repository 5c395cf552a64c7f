import type { Change, ChangeAction, Plan } from '../model/plan.js';
import { planIncomplete } from '../plan/complete.js';
import { plural } from '../text.js';

export type ActionCounts = Record<ChangeAction, number>;

/** Name a client group is shown under; null is a resource no client file declares any more. */
export function clientLabel(client: string | null): string {
  return client ?? '(no client file)';
}

/** "push", "admin -> push", "push" (what a grant gives, an update changes, a revoke removes). */
export function levelsOf(change: Change): string {
  if (change.action === 'update') return `${change.from} -> ${change.to}`;
  return change.action === 'grant' ? change.to : change.from;
}

export function countActions(changes: readonly Change[]): ActionCounts {
  const counts: ActionCounts = { grant: 0, update: 0, revoke: 0 };
  for (const change of changes) counts[change.action] += 1;
  return counts;
}

/** Drift a plan shows besides its changes: findings, and emergency revocations the files do not reflect yet. */
function otherDrift(plan: Plan): string[] {
  const emergencies = plan.emergencies?.length ?? 0;
  return [
    ...(plan.findings.length > 0 ? [plural(plan.findings.length, 'finding')] : []),
    ...(emergencies > 0 ? [plural(emergencies, 'emergency revocation')] : []),
  ];
}

/**
 * True only when the plan may be called "No changes.": nothing to change, everything read,
 * and, for a drift run (`drift`), no finding. Access requests open with a client do not count:
 * Latch has nothing to do. A plan leaves findings to the drift run, as its exit code does.
 */
export function noChanges(plan: Plan, drift = false): boolean {
  return plan.changes.length === 0 && !planIncomplete(plan) && (!drift || otherDrift(plan).length === 0);
}

/** "3 to grant, 1 to update, 2 to revoke.", "No changes." when in sync, or why a plan without changes is not. */
export function summaryLine(plan: Plan, drift = false): string {
  if (plan.changes.length > 0) {
    const counts = countActions(plan.changes);
    return `${counts.grant} to grant, ${counts.update} to update, ${counts.revoke} to revoke.`;
  }
  if (planIncomplete(plan)) {
    const unread = plan.unread.length > 0 ? plural(plan.unread.length, 'resource') : 'resources of an offboarded client';
    return `Nothing planned for what was not read: the plan is incomplete (${unread} not read).`;
  }
  const found = drift ? otherDrift(plan) : [];
  return found.length > 0 ? `Nothing to apply, but not in sync: ${found.join(', ')} (listed above).` : 'No changes.';
}

/** Changes by client label, keeping the plan's order inside each group and between groups. */
export function groupByClient<T extends { client: string | null }>(entries: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const label = clientLabel(entry.client);
    const group = groups.get(label);
    if (group) group.push(entry);
    else groups.set(label, [entry]);
  }
  return groups;
}
