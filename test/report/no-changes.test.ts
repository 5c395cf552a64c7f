import { describe, expect, it } from 'vitest';
import type { AccessRequest, Plan } from '../../src/model/plan.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderPlanComment } from '../../src/report/pr-comment.js';
import { renderText } from '../../src/report/text.js';

const EMPTY: Plan = { fingerprint: 'sha256:0', changes: [], held: [], unread: [], findings: [], warnings: [] };
const UNREAD: Plan['unread'][number] = { client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', error: 'github list: 500' };
const FINDING = { platform: 'github', subject: 'zoe-zephyr', message: 'outside collaborator zoe-zephyr is not declared by any client' };

function comment(plan: Plan): string {
  return renderPlanComment({ plan, head: 'abc1234', base: 'def5678', planFileName: 'plan.json', massRevoke: { exceeded: false, message: '' }, foreignDomains: [], reviewedMarker: '<!-- reviewed -->' });
}

const cases: { name: string; plan: Plan; summary: string }[] = [
  { name: 'a resource not read', plan: { ...EMPTY, unread: [UNREAD] }, summary: 'Nothing planned for what was not read: the plan is incomplete (1 resource not read).' },
  {
    name: "an offboarded client's resources not read",
    plan: { ...EMPTY, watched: [{ client: 'cobalt', name: 'Cobalt Freight', offboardedOn: '2026-11-10', watchUntil: '2026-12-10', state: 'unread', reappeared: [] }] },
    summary: 'Nothing planned for what was not read: the plan is incomplete (resources of an offboarded client not read).',
  },
  { name: 'drift found by an audit', plan: { ...EMPTY, findings: [FINDING] }, summary: 'Nothing to apply, but not in sync: 1 finding (listed above).' },
];

describe('"No changes."', () => {
  it.each(cases)('is never said of a plan with $name', ({ plan, summary }) => {
    const text = renderText(plan, { color: false, drift: true });
    expect(text).not.toContain('No changes');
    expect(text.trimEnd().split('\n').at(-1)).toBe(summary);
    expect(renderMarkdown(plan, { drift: true })).not.toContain('No changes');
    if (plan.findings.length === 0) expect(comment(plan)).not.toContain('No changes');
  });

  it('leaves findings to the drift run: a plan without changes is "No changes.", as its exit 0 says', () => {
    expect(renderText({ ...EMPTY, findings: [FINDING] }, { color: false })).toContain('\nNo changes.\n');
  });

  it('is said of a plan in sync, open access requests included (the client acts, not Latch)', () => {
    const request: AccessRequest = { client: 'bloom', kind: 'meta-ad-account', resource: 'act_1', key: 'ads', principal: 'bo@bloom.com', wanted: 'analyze', actual: null, status: 'missing', ageDays: 4, ask: 'give bo analyze', reason: 'role', steps: [] };
    expect(renderText(EMPTY, { color: false })).toBe('No changes.\n');
    expect(renderText({ ...EMPTY, requests: [request] }, { color: false })).toContain('No changes.\n');
    expect(renderMarkdown(EMPTY)).toContain('\nNo changes.\n');
    expect(comment(EMPTY)).toContain('**No changes**');
  });
});
