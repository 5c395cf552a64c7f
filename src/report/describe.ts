import type { Change, ChangeAction, Plan } from '../model/plan.js';

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

/** "3 to grant, 1 to update, 2 to revoke." or "No changes." */
export function summaryLine(plan: Plan): string {
  if (plan.changes.length === 0) return 'No changes.';
  const counts = countActions(plan.changes);
  return `${counts.grant} to grant, ${counts.update} to update, ${counts.revoke} to revoke.`;
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
