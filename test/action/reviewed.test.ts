import { describe, expect, it } from 'vitest';
import { encodeReviewed, readReviewed } from '../../src/action/reviewed-marker.js';
import { decideApply } from '../../src/apply/decide.js';
import { grant, manyRevocations, planOf, revoke, update } from './fixtures.js';

const HEAD = 'a'.repeat(40);

describe('the reviewed plan carried in the comment', () => {
  it('round-trips the changes, compactly', () => {
    const plan = planOf([grant('apex', 'acme/web', 'dana'), update('apex', 'acme/api', 'sam', 'admin', 'push'), revoke(null, 'acme/old', 'zoe')]);
    const marker = encodeReviewed(plan, HEAD, 10_000);
    expect(marker).toMatch(/^<!-- latch:reviewed v1 head=a{40} fingerprint=sha256:[0-9a-f]{64} changes=[A-Za-z0-9+/=]+ -->$/);
    const decoded = readReviewed(`intro\n${marker}\n`, HEAD).record;
    expect(decoded?.fingerprint).toBe(plan.fingerprint);
    expect(decoded?.head).toBe(HEAD);
    expect(decoded?.changes?.map(({ action, client, kind, resource, principal, from, to }) => ({ action, client, kind, resource, principal, from, to }))).toEqual(
      plan.changes.map(({ action, client, kind, resource, principal, from, to }) => ({ action, client, kind, resource, principal, from, to })),
    );
  });

  it('embeds only the fingerprint when the list is too long', () => {
    const plan = planOf(manyRevocations(20_000, 50));
    const marker = encodeReviewed(plan, HEAD, 5_000);
    expect(marker.length).toBeLessThan(200);
    expect(readReviewed(marker, HEAD)).toEqual({ record: { fingerprint: plan.fingerprint, head: HEAD } });
  });

  it.each([
    ['no marker', 'just a comment'],
    ['a truncated fingerprint', `<!-- latch:reviewed v1 head=${HEAD} fingerprint=sha256:1234 -->`],
  ])('finds nothing in %s', (_case, body) => {
    expect(readReviewed(body, HEAD).record).toBeUndefined();
  });

  it('keeps the fingerprint but no list when the data is damaged', () => {
    const fingerprint = `sha256:${'b'.repeat(64)}`;
    expect(readReviewed(`<!-- latch:reviewed v1 head=${HEAD} fingerprint=${fingerprint} changes=bm90IGRlZmxhdGVk -->`, HEAD)).toEqual({ record: { fingerprint, head: HEAD } });
  });
});

describe('what an apply after merge does', () => {
  const dana = grant('apex', 'acme/web', 'dana');
  const zoe = revoke('apex', 'acme/web', 'zoe');
  const jake = revoke('apex', 'acme/web', 'jake', 'admin');
  const reviewed = planOf([dana, zoe]);
  const record = { fingerprint: reviewed.fingerprint, head: HEAD, changes: reviewed.changes };

  it.each([
    ['the same plan', record, planOf([dana, zoe]), 'apply-reviewed', ['grant dana', 'revoke zoe'], [], false],
    ['a plan that only lost what is done already', record, planOf([dana]), 'stop', ['grant dana'], [], false],
    ['a new change no one saw, reviewed part applied', record, planOf([dana, zoe, jake]), 'apply-reviewed', ['grant dana', 'revoke zoe'], ['jake: not reviewed'], false],
    ['a new change no one saw, stop', record, planOf([dana, zoe, jake]), 'stop', [], ['dana', 'zoe', 'jake'], true],
    ['a reviewed change that would now differ', record, planOf([{ ...dana, to: 'admin' }, zoe]), 'apply-reviewed', ['revoke zoe'], ['dana: changed since review'], false],
    ['no reviewed plan', undefined, planOf([dana]), 'apply-reviewed', [], ['dana'], true],
    ['a changed plan whose review carried no list', { fingerprint: reviewed.fingerprint, head: HEAD }, planOf([dana]), 'apply-reviewed', [], ['dana'], true],
  ] as const)('%s', (_case, given, fresh, policy, applied, withheld, stops) => {
    const decision = decideApply(given, fresh, policy);
    expect(decision.toApply.map((change) => `${change.action} ${change.principal}`)).toEqual(applied);
    const held = decision.withheld.map((entry) => (stops ? entry.change.principal : `${entry.change.principal}: ${entry.why}`));
    expect(held).toEqual(withheld);
    expect(decision.stop !== undefined).toBe(stops);
  });

  it('says what differs', () => {
    const decision = decideApply(record, planOf([dana, zoe, jake]), 'apply-reviewed');
    expect(decision.differences).toEqual([expect.stringMatching(/^the plan made now \(sha256:.*\) differs from the reviewed plan/), '1 change no one reviewed (the platforms or the files changed since review): not applied']);
  });
});
