import type { Plan } from '../model/plan.js';
import { compareText } from './order.js';

/** `guardrails.massRevoke`: beyond either bound an apply needs `--allow-mass-revoke`. */
export interface MassRevokeBounds {
  /** Most revocations one apply may carry out. */
  maxCount: number;
  /** Largest share (0..1) of the grants read that one apply may revoke. */
  maxShare: number;
}

export interface MassRevokeCheck {
  /** True when either bound is passed: apply then needs --allow-mass-revoke. */
  exceeded: boolean;
  /** Revocations in the plan. */
  revokes: number;
  /** Revocations as a share of the grants the platforms have (0..1). */
  share: number;
  /** What was counted, which bound is passed, revocations per client, and how to go ahead. */
  message: string;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** "apex 28, bloom 2": revocations per client, most first, so offboarding a client shows as the reason. */
export function revocationsByClient(plan: Plan): string {
  const counts = new Map<string, number>();
  for (const change of plan.changes) {
    if (change.action !== 'revoke') continue;
    const client = change.client ?? '(no client file)';
    counts.set(client, (counts.get(client) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([client, count]) => `${client} ${count}`)
    .join(', ');
}

/**
 * The plan without the revocations it intends outright: those of explicitly offboarded
 * clients (their file deleted) and of agency people past their last day (people.yaml).
 * Deleting a file or writing a last day is the intent, not an accident, so neither counts
 * toward the bound; any other mass revocation still does.
 */
export function withoutIntended(plan: Plan, changes: Plan['changes'] = plan.changes): Plan {
  const offboarded = new Set((plan.offboarding ?? []).map((entry) => entry.client));
  const leaving = new Set((plan.leavers ?? []).flatMap((entry) => entry.principals));
  const counted = changes.filter(
    (change) => change.action !== 'revoke' || !((change.client !== null && offboarded.has(change.client)) || leaving.has(change.principal)),
  );
  return { ...plan, changes: counted };
}

/**
 * Whether a plan revokes more than the guardrails allow in one go: more than `maxCount`
 * revocations, or more than `maxShare` of `actualGrantCount` (the grants read).
 */
export function checkMassRevoke(plan: Plan, actualGrantCount: number, bounds: MassRevokeBounds): MassRevokeCheck {
  const revokes = plan.changes.filter((change) => change.action === 'revoke').length;
  const share = actualGrantCount > 0 ? revokes / actualGrantCount : revokes > 0 ? 1 : 0;
  const overCount = revokes > bounds.maxCount;
  const overShare = share > bounds.maxShare;
  const counted = `${revokes} revocation${revokes === 1 ? '' : 's'} of ${actualGrantCount} grants (${percent(share)})`;
  if (!overCount && !overShare) {
    return { exceeded: false, revokes, share, message: `${counted}: within the bounds of ${bounds.maxCount} and ${percent(bounds.maxShare)}` };
  }
  const passed = [
    overCount ? `more than massRevoke.maxCount ${bounds.maxCount}` : undefined,
    overShare ? `more than massRevoke.maxShare ${percent(bounds.maxShare)}` : undefined,
  ].filter((text) => text !== undefined);
  const message =
    `mass revocation: ${counted}, ${passed.join(' and ')} (policies/guardrails.yaml). ` +
    `Revocations by client: ${revocationsByClient(plan)}. ` +
    'If this is intended (a client offboarded, a cleanup), review the plan and apply it with --allow-mass-revoke.';
  return { exceeded: true, revokes, share, message };
}
