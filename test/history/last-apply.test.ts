import { describe, expect, it } from 'vitest';
import { failedAttempts } from '../../src/history/last-apply.js';
import { changeKey, renderPlanComment } from '../../src/report/pr-comment.js';
import { grant, planOf, revoke } from '../action/fixtures.js';

type Status = 'applied' | 'unchanged' | 'failed' | 'skipped';

/** One apply record as the apply step writes it (model/audit.ts), for Ken's push on bloom-site unless `principal` says otherwise. */
function record(at: string, status: Status, options: { principal?: string; pr?: number; detail?: string; action?: 'grant' | 'revoke' } = {}): string {
  const action = options.action ?? 'revoke';
  return JSON.stringify({
    at,
    repository: 'acme-agency/access',
    trigger: 'apply',
    pr: options.pr ?? 7,
    mergedBy: 'maria-acme',
    commit: 'abc',
    fingerprint: 'sha256:x',
    status,
    detail: options.detail ?? (status === 'failed' ? '403 Must have admin rights to Repository.' : null),
    change: {
      action,
      client: 'bloom',
      kind: 'github-repo',
      resource: 'acme-agency/bloom-site',
      principal: options.principal ?? 'ken-cobalt',
      from: action === 'revoke' ? 'push' : null,
      to: action === 'revoke' ? null : 'push',
      reason: 'not declared',
    },
  });
}

const text = (...lines: string[]) => [{ name: 'audit.jsonl', text: `${lines.join('\n')}\n` }];
const principals = (lines: string[]) => failedAttempts(text(...lines)).map((attempt) => `${attempt.change.principal} #${attempt.pr ?? '-'}`);

describe('the changes whose newest attempt failed', () => {
  it.each([
    ['a failure alone', [record('2026-11-20T10:00:00Z', 'failed')], ['ken-cobalt #7']],
    ['a failure after a success', [record('2026-11-19T10:00:00Z', 'applied'), record('2026-11-20T10:00:00Z', 'failed', { pr: 8 })], ['ken-cobalt #8']],
    ['a success after a failure', [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-21T10:00:00Z', 'applied', { pr: 9 })], []],
    ['a failure then already in place', [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-21T10:00:00Z', 'unchanged')], []],
    ['a failure then a skip, which tried nothing', [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-21T10:00:00Z', 'skipped')], ['ken-cobalt #7']],
    ['records out of order in the file', [record('2026-11-21T10:00:00Z', 'applied'), record('2026-11-20T10:00:00Z', 'failed')], []],
    ['another login spelled in capitals', [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-21T10:00:00Z', 'applied', { principal: 'Ken-Cobalt' })], []],
    ['two people', [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-20T10:00:00Z', 'failed', { principal: 'zoe-zephyr' })], ['ken-cobalt #7', 'zoe-zephyr #7']],
    ['lines that are not records', ['not json', '{"at":"2026-11-20"}', record('2026-11-20T10:00:00Z', 'failed')], ['ken-cobalt #7']],
  ])('%s', (_case, lines, expected) => {
    expect(principals(lines)).toEqual(expected);
  });

  it('keeps what the platform answered and the change tried, keyed as the plan keys its changes', () => {
    const [attempt] = failedAttempts(text(record('2026-11-20T10:00:00Z', 'failed')));
    expect(attempt?.detail).toBe('403 Must have admin rights to Repository.');
    expect(changeKey(attempt?.change ?? revoke('x', 'x', 'x'))).toBe(changeKey(revoke('bloom', 'acme-agency/bloom-site', 'ken-cobalt')));
  });
});

describe('the plan comment with a change the last apply failed', () => {
  const ken = revoke('bloom', 'acme-agency/bloom-site', 'ken-cobalt');
  const noor = grant('bloom', 'acme-agency/bloom-site', 'noor-bloom');
  const zoe = revoke('apex', 'acme-agency/apex-web', 'zoe-zephyr');
  const failed = [{ change: ken, at: '2026-11-20T10:00:00Z', pr: 7, detail: 'github revoke: 403 Must have admin rights to Repository.' }];
  const common = { massRevoke: { exceeded: false, message: '' }, foreignDomains: [], head: 'abc1234', base: 'def5678', reviewedMarker: '', planFileName: 'latch-plan.json' };

  it('lists it in its own block with the reason, neither as new nor as drift', () => {
    const body = renderPlanComment({ ...common, plan: planOf([noor, ken, zoe], { lastApply: { failed } }), existing: new Set([changeKey(ken), changeKey(zoe)]) });
    const order = ['### Changes this pull request makes (1)', '### Failed at the last apply (1)', '### Drift that already existed (1)'].map((heading) => body.indexOf(heading));
    expect(order.every((index, position) => index > (order[position - 1] ?? -1))).toBe(true);
    const [, block = ''] = body.split('### Failed at the last apply (1)');
    expect(block.split('###')[0]).toContain('- bloom: `revoke ken-cobalt push on acme-agency/bloom-site (github-repo)`. Failed at the last apply (pull request \\#7, 2026-11-20): github revoke: 403 Must have admin rights to Repository.');
    expect(body.split('### Drift that already existed')[1]).not.toContain('ken-cobalt');
  });

  it('keeps the block when there is no comparison with the base, and says why in one line when the trail could not be read', () => {
    const body = renderPlanComment({ ...common, plan: planOf([noor, ken], { lastApply: { failed } }) });
    expect(body).toContain('### Changes by client (1)');
    expect(body).toContain('### Failed at the last apply (1)');
    const unread = renderPlanComment({ ...common, plan: planOf([noor, ken], { lastApply: { failed: [], unreadable: 'github audit: 403 Resource not accessible by integration' } }) });
    expect(unread).toContain('ℹ️ The audit trail could not be read, so changes that failed at the last apply are not marked: github audit: 403 Resource not accessible by integration');
    expect(unread).toContain('### Changes by client (2)');
  });
});
