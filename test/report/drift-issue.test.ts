import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/plan.js';
import { driftResolvedTitle, renderDriftIssue } from '../../src/report/drift-issue.js';
import { grant, planOf, revoke, update } from '../action/fixtures.js';

const EXTRA = revoke('apex', 'acme/web', 'zoe');
const MISSING = grant('apex', 'acme/web', 'dana');
const LEVEL = update('apex', 'acme/web', 'finn', 'admin', 'push');
const SAYS = { extra: '**Extra access (1)**', missing: '**Missing access (1)**', level: '**Wrong level (1)**' } as const;

describe('the drift issue says what it found, and only that', () => {
  it.each<[string, Change[], (keyof typeof SAYS)[]]>([
    ['access granted by hand', [EXTRA], ['extra']],
    ['declared access missing on the platform', [MISSING], ['missing']],
    ['a level changed', [LEVEL], ['level']],
    ['all three', [EXTRA, MISSING, LEVEL], ['extra', 'missing', 'level']],
    ['a finding only', [], []],
  ])('%s', (_case, differences, kinds) => {
    const plan = planOf(differences, differences.length === 0 ? { findings: [{ platform: 'github', subject: 'zoe', message: 'undeclared outside collaborator' }] } : {});
    const { body } = renderDriftIssue({ plan, differences, expired: [] });
    for (const [kind, says] of Object.entries(SAYS)) expect(body.includes(says), kind).toBe(kinds.some((wanted) => wanted === kind));
    expect(body.includes('granted by hand')).toBe(kinds.includes('extra'));
  });

  it('gives a closed issue a title that says the drift is resolved', () => {
    expect(driftResolvedTitle('2026-11-23')).toBe('Access drift: resolved on 2026-11-23');
  });
});

describe('a drift issue too large for GitHub', () => {
  it('names the clients whose list is cut', () => {
    const many = Array.from({ length: 3_000 }, (_, index) => revoke(`client-${index % 3}`, 'acme/web', `someone-with-a-rather-long-login-${String(index).padStart(6, '0')}`));
    const { body } = renderDriftIssue({ plan: planOf(many), differences: many, expired: [] });
    expect(body).toMatch(/^✂️ [23] clients’ lists cut to stay within GitHub’s limit: client-\d(, client-\d)+\.$/m);
  });
});
