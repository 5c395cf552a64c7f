import type { Change, GrantChange, Plan, RevokeChange, UpdateChange } from '../../src/model/plan.js';
import { fingerprintChanges } from '../../src/plan/fingerprint.js';
import type { PlanCommentInput } from '../../src/report/pr-comment.js';

export function revoke(client: string | null, resource: string, principal: string, from = 'push'): RevokeChange {
  return { action: 'revoke', client, kind: 'github-repo', resource, principal, from, to: null, reason: 'not declared in any client file' };
}

export function grant(client: string, resource: string, principal: string, to = 'push'): GrantChange {
  return { action: 'grant', client, kind: 'github-repo', resource, principal, from: null, to, reason: `role client-admin in clients/${client}.yaml:14` };
}

export function update(client: string, resource: string, principal: string, from: string, to: string): UpdateChange {
  return { action: 'update', client, kind: 'github-repo', resource, principal, from, to, reason: `role client-admin in clients/${client}.yaml:14` };
}

export function planOf(changes: Change[], extra: Partial<Plan> = {}): Plan {
  return { fingerprint: fingerprintChanges(changes), changes, held: [], unread: [], findings: [], warnings: [], ...extra };
}

/** `count` revocations spread over `clients` clients, with long logins, for size limits. */
export function manyRevocations(count: number, clients: number): RevokeChange[] {
  return Array.from({ length: count }, (_, index) => {
    const client = `client-${String(index % clients).padStart(3, '0')}`;
    return revoke(client, `acme/${client}-web`, `someone-with-a-rather-long-login-${String(index).padStart(6, '0')}`);
  });
}

/** What renderPlanComment needs around a plan of `changes`, with `extra` over the defaults. */
export function commentInput(changes: Change[], extra: Partial<PlanCommentInput> = {}): PlanCommentInput {
  return {
    plan: planOf(changes),
    massRevoke: { exceeded: false, message: '' },
    foreignDomains: [],
    head: 'abc1234',
    base: 'def5678',
    reviewedMarker: '<!-- latch:reviewed v1 head=abc fingerprint=x -->',
    planFileName: 'latch-plan.json',
    ...extra,
  };
}
