import { describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../src/model/plan.js';
import { checkMassRevoke } from '../../src/plan/mass-revoke.js';

function revoke(client: string | null, principal: string): Change {
  return { action: 'revoke', client, kind: 'github-repo', resource: `acme/${client ?? 'old'}`, principal, from: 'push', to: null, reason: 'not declared in any client file' };
}

function plan(changes: Change[]): Plan {
  return { fingerprint: 'sha256:x', changes, held: [], unread: [], findings: [], warnings: [] };
}

function revokes(client: string, count: number): Change[] {
  return Array.from({ length: count }, (_, index) => revoke(client, `p${index}`));
}

const grant: Change = { action: 'grant', client: 'apex', kind: 'github-repo', resource: 'acme/apex', principal: 'new', from: null, to: 'push', reason: 'r' };
const BOUNDS = { maxCount: 5, maxShare: 0.2 };

describe('checkMassRevoke', () => {
  it.each([
    { name: 'no revocations', changes: [grant], actual: 10, exceeded: false, share: 0 },
    { name: 'at the count bound', changes: revokes('apex', 5), actual: 100, exceeded: false, share: 0.05 },
    { name: 'over the count bound', changes: revokes('apex', 6), actual: 100, exceeded: true, share: 0.06 },
    { name: 'at the share bound', changes: revokes('apex', 2), actual: 10, exceeded: false, share: 0.2 },
    { name: 'over the share bound', changes: revokes('apex', 3), actual: 10, exceeded: true, share: 0.3 },
    { name: 'revocations with nothing read count as everything', changes: revokes('apex', 1), actual: 0, exceeded: true, share: 1 },
  ])('$name', ({ changes, actual, exceeded, share }) => {
    const check = checkMassRevoke(plan(changes), actual, BOUNDS);
    expect(check.exceeded).toBe(exceeded);
    expect(check.revokes).toBe(changes.filter((change) => change.action === 'revoke').length);
    expect(check.share).toBeCloseTo(share);
    expect(check.message.includes('--allow-mass-revoke')).toBe(exceeded);
  });

  it('names the bound passed and counts revocations per client, largest first', () => {
    const check = checkMassRevoke(plan([...revokes('bloom', 2), ...revokes('zephyr', 7), revoke(null, 'x')]), 40, BOUNDS);
    expect(check.message).toContain('10 revocations of 40 grants (25%)');
    expect(check.message).toContain('more than massRevoke.maxCount 5 and more than massRevoke.maxShare 20%');
    expect(check.message).toContain('Revocations by client: zephyr 7, bloom 2, (no client file) 1.');
  });

  it('names only the share bound when the count is within bounds', () => {
    const check = checkMassRevoke(plan(revokes('apex', 3)), 10, BOUNDS);
    expect(check.message).toContain('more than massRevoke.maxShare 20%');
    expect(check.message).not.toContain('maxCount');
  });
});
