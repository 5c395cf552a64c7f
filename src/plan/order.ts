import type { Change, ChangeAction, Held, Unread } from '../model/plan.js';

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const ACTION_ORDER = { grant: 0, update: 1, revoke: 2 } as const satisfies Record<ChangeAction, number>;

interface Target {
  client: string | null;
  kind: string;
  resource: string;
}

function compareTargets(a: Target, b: Target): number {
  return compareText(a.client ?? '', b.client ?? '') || compareText(a.kind, b.kind) || compareText(a.resource, b.resource);
}

/** Plan order: client, kind, resource, principal, action. */
export function compareChanges(a: Change, b: Change): number {
  return compareTargets(a, b) || compareText(a.principal, b.principal) || ACTION_ORDER[a.action] - ACTION_ORDER[b.action];
}

export function compareHeld(a: Held, b: Held): number {
  return compareTargets(a, b) || compareText(a.principal, b.principal) || compareText(a.reason, b.reason);
}

export function compareUnread(a: Unread, b: Unread): number {
  return compareTargets(a, b) || compareText(a.error, b.error);
}

/** Key of one (kind, resource) pair; NUL cannot occur in a platform reference. */
export function resourceKey(kind: string, resource: string): string {
  return `${kind}\u0000${resource}`;
}
