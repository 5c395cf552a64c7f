import { describe, expect, it } from 'vitest';
import type { Change, Finding } from '../../src/model/plan.js';
import { APPLY_MARKER, renderApplyComment } from '../../src/action/apply-comment.js';
import { DRIFT_MARKER, driftRemains, renderDriftIssue, type ExpiredOutcome } from '../../src/report/drift-issue.js';
import { changeKey, fitBlocks, GITHUB_BODY_LIMIT, PLAN_MARKER, renderInvalidComment, renderPlanComment, type PlanCommentInput } from '../../src/report/pr-comment.js';
import { commentInput, grant, manyRevocations, planOf, revoke } from './fixtures.js';

function input(changes: Change[] = manyRevocations(3, 2), extra: Partial<PlanCommentInput> = {}): PlanCommentInput {
  return commentInput(changes, { summaryUrl: 'https://github.com/acme/access/pull/1/checks', ...extra });
}

describe('the plan comment', () => {
  it('starts with its marker and ends with the reviewed plan', () => {
    const body = renderPlanComment(input());
    expect(body.startsWith(`${PLAN_MARKER}\n## Latch access plan`)).toBe(true);
    expect(body.trimEnd().endsWith('<!-- latch:reviewed v1 head=abc fingerprint=x -->')).toBe(true);
    expect(body).not.toContain('Details cut');
  });

  it.each([100, 2_000, 30_000])('stays within GitHub’s limit with %i changes and keeps every client’s counts', (count) => {
    const clients = 40;
    const body = renderPlanComment(input(manyRevocations(count, clients)));
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    for (let index = 0; index < Math.min(count, clients); index += 1) {
      expect(body).toMatch(new RegExp(`<summary><b>client-${String(index).padStart(3, '0')}</b>: \\+0 ~0 −\\d+</summary>`));
    }
    expect(body.includes('✂️ **Details cut**')).toBe(count > 100);
  });

  it('separates what the pull request introduces from drift that existed before', () => {
    const dana = grant('apex', 'acme/web', 'dana');
    const zoe = revoke('apex', 'acme/web', 'zoe');
    const body = renderPlanComment(input([dana, zoe], { existing: new Set([changeKey(zoe)]) }));
    const [introduced = '', existing = ''] = body.split('### Drift that already existed (1)');
    expect(introduced).toContain('### Changes this pull request makes (1)');
    expect(introduced).toContain('+  dana');
    expect(existing).toContain('-  zoe');
  });

  it('flags a mass revocation, domains outside agency and client, and offboarding', () => {
    const plan = planOf([revoke('cobalt', 'acme/portal', 'ken')], { offboarding: [{ client: 'cobalt', name: 'Cobalt Freight', file: 'clients/cobalt.yaml', revocations: 1, resources: 1 }] });
    const body = renderPlanComment({ ...input(), plan, massRevoke: { exceeded: true, message: 'mass revocation: 30 of 40' }, foreignDomains: ['finn@gmail.com (finn) gets push on acme/web (apex)'] });
    expect(body).toContain('🚨 **Mass revocation: the apply after merge stops unless it is allowed** (1)');
    expect(body).toContain('🌐 **Access for an e-mail domain that is neither the agency’s nor the client’s** (1)');
    expect(body).toContain('🚪 **Offboarding: intended, so not counted toward the mass-revocation bound** (1)');
    expect(body).toContain('### Offboarding Cobalt Freight: 1 revocation on 1 resource');
  });

  it('lists validation errors and carries no reviewed plan', () => {
    const body = renderInvalidComment([{ file: 'clients/apex.yaml', line: 4, column: 9, severity: 'error', rule: 'unknown-role', message: 'role boss does not exist', hint: 'use a role of policies/roles.yaml' }]);
    expect(body).toContain('`clients/apex.yaml:4:9` role boss does not exist');
    expect(body).not.toContain('latch:reviewed');
  });
});

describe('fitting blocks', () => {
  const block = (name: string, size: number) => ({ full: `${name}${'x'.repeat(size)}\n`, short: `${name}\n` });

  it.each([
    ['everything fits', 10_000, 3, 0, false],
    ['details are cut, every block stays', 900, 1, 0, true],
    ['even the short forms overflow', 300, 0, 1, true],
  ])('%s', (_case, max, full, dropped, cut) => {
    const blocks = Array.from({ length: 30 }, (_, index) => block(`b${index}`, index < 3 ? 300 : 0));
    const result = fitBlocks('head\n', blocks, 'tail\n', max, 'CUT\n');
    expect(result.text.length).toBeLessThanOrEqual(max);
    expect(result.cut).toBe(cut);
    expect(result.text.split('\n').filter((line) => line.includes('xxx'))).toHaveLength(full);
    if (dropped > 0) expect(result.text).toMatch(/… and \d+ more/);
  });
});

describe('the drift issue', () => {
  const changes = [revoke('apex', 'acme/web', 'zoe'), { ...grant('bloom', 'acme/site', 'leo'), pending: { id: '9', expired: true } }];

  it('says what the repository says and what the platform has, the same way every run', () => {
    const first = renderDriftIssue({ plan: planOf(changes), differences: changes, expired: [] });
    expect(first).toEqual(renderDriftIssue({ plan: planOf(changes), differences: changes, expired: [] }));
    expect(first.title).toBe('Access drift: 2 differences, 0 findings');
    expect(first.body.startsWith(DRIFT_MARKER)).toBe(true);
    expect(first.body).toContain('| `acme/web` | `zoe` | no access | `push` | not declared in any client file |');
    expect(first.body).toContain('| `acme/site` | `leo` | `push` | an expired invitation |');
  });

  it('stays within the limit with a huge drift', () => {
    const many = manyRevocations(20_000, 30);
    expect(renderDriftIssue({ plan: planOf(many), differences: many, expired: [] }).body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  const zoe = revoke('apex', 'acme/web', 'zoe');
  const cases: Array<[string, Change[], Finding[], ExpiredOutcome[], boolean]> = [
    ['differences', changes, [], [], true],
    ['findings only', [], [{ platform: 'github', subject: 'zoe', message: 'undeclared' }], [], true],
    ['an expired grant still in place', [], [], [{ change: zoe, status: 'left' }], true],
    ['an expired grant revoked tonight', [], [], [{ change: zoe, status: 'revoked' }], false],
    ['nothing', [], [], [], false],
  ];
  it.each(cases)('with %s, drift remains: %s', (_case, differences, findings, expired, remains) => {
    expect(driftRemains({ plan: planOf([], { findings }), differences, expired })).toBe(remains);
  });
});

describe('the apply result comment', () => {
  it('shows each change with its result and stays within the limit', () => {
    const changes = manyRevocations(5_000, 10);
    const results = changes.map((change, index) => ({ change, status: index % 2 === 0 ? ('applied' as const) : ('failed' as const), detail: index % 2 === 0 ? undefined : '500 Internal Server Error' }));
    const body = renderApplyComment({
      outcome: {
        decision: { toApply: changes, withheld: [], alreadyDone: [], reviewedWithheld: [], differences: [] },
        results,
        withheld: [],
        counts: { applied: 2500, alreadyInPlace: 0, failed: 2500, notApplied: 0 },
      },
      mergedBy: 'maria',
      commit: 'abcdef1234',
      fingerprint: 'sha256:1',
      reviewedFingerprint: 'sha256:1',
      auditFile: 'latch-audit.jsonl',
    });
    expect(body.startsWith(APPLY_MARKER)).toBe(true);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('## Latch apply: done, with failures');
    expect(body).toContain('**✓ 2500 done · = 0 already in place · ✗ 2500 failed · ⏭ 0 not applied**');
    expect(body).toContain('Rows cut');
  });
});
