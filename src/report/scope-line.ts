import type { PlanScopeSummary } from '../model/plan.js';

/** Names listed before "and N more", so the line stays short on a phone. */
const NAMES = 5;
const LEFT_OUT = 'audits and other clients are left to the nightly drift run';

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** A commit id as git prints it short; branch and tag names as given. */
export function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES).join(', ');
  return list.length > NAMES ? `${shown} and ${count(list.length - NAMES)} more` : shown;
}

/**
 * One line saying what the plan read: "Scope: 2 of 1,000 clients (apex, bloom), changed
 * since abc1234; audits and other clients are left to the nightly drift run."
 */
export function scopeLine(scope: PlanScopeSummary): string {
  const since = `since ${shortRef(scope.base)}`;
  if (scope.mode === 'all') return `Scope: every client (${count(scope.total)}): ${scope.reason}.`;
  if (scope.clients.length === 0 && scope.platforms.length === 0) {
    return `Scope: nothing changed ${since} affects any client, so no resource was read; audits are left to the nightly drift run.`;
  }
  const parts: string[] = [];
  if (scope.clients.length > 0) parts.push(`${count(scope.clients.length)} of ${count(scope.total)} clients (${names(scope.clients)})`);
  if (scope.platforms.length > 0) parts.push(`the ${scope.platforms.join(', ')} resources of every client`);
  return `Scope: ${parts.join(' and ')}, changed ${since}; ${LEFT_OUT}.`;
}

/** Why the scope is what it is: the files that changed and what each affects. */
export function scopeReason(scope: PlanScopeSummary): string | undefined {
  return scope.mode === 'all' ? undefined : `Because: ${scope.reason}.`;
}
