import type { Change } from '../model/plan.js';

/** Identity of a change across two plans, or a plan and an apply record: what happens to whom, where, not why. */
export function changeKey(change: Pick<Change, 'resource' | 'principal'> & { action: string; kind: string; from: string | null; to: string | null }): string {
  return [change.action, change.kind, change.resource, change.principal, change.from ?? '', change.to ?? ''].join('\u0000');
}
