import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import { renderChecklistMarkdown } from '../../src/report/review.js';
import { recordReview } from '../../src/review/attest.js';
import { buildChecklist } from '../../src/review/checklist.js';
import { describeReview, reviewDue } from '../../src/load/review-due.js';
import { apexWith, expectIssue, find, GUARDRAILS, issuesOf, load, yaml } from '../fixtures/load/repo.js';

const REVIEW_EVERY_90 = `${GUARDRAILS}review: { maxDays: 90 }\n`;
const reviewed = (on: string, by: string) => `reviewed: { on: ${on}, by: ${by} }`;

describe('reviewDue', () => {
  it.each([
    { name: 'no policy, never reviewed', reviewed: undefined, maxDays: undefined, overdue: false, age: undefined, says: 'never reviewed' },
    { name: 'policy, never reviewed', reviewed: undefined, maxDays: 90, overdue: true, age: undefined, says: 'never reviewed (limit 90 days)' },
    { name: 'within the limit', reviewed: { on: '2026-09-01', by: 'maria' }, maxDays: 90, overdue: false, age: 83, says: 'last reviewed 2026-09-01 by maria (83 days ago, limit 90)' },
    { name: 'on the limit', reviewed: { on: '2026-08-25', by: 'maria' }, maxDays: 90, overdue: false, age: 90, says: '90 days ago' },
    { name: 'one day past the limit', reviewed: { on: '2026-08-24', by: 'maria' }, maxDays: 90, overdue: true, age: 91, says: '91 days ago' },
    { name: 'reviewed today', reviewed: { on: '2026-11-23', by: 'tom' }, maxDays: 90, overdue: false, age: 0, says: '(today, limit 90)' },
    { name: 'a future date counts as none', reviewed: { on: '2026-12-01', by: 'tom' }, maxDays: 90, overdue: true, age: undefined, says: 'never reviewed' },
  ])('$name', ({ reviewed: block, maxDays, overdue, age, says }) => {
    const due = reviewDue({ reviewed: block }, { review: maxDays === undefined ? undefined : { maxDays } }, '2026-11-23');
    expect(due.overdue).toBe(overdue);
    expect(due.ageDays).toBe(age);
    expect(describeReview(due)).toContain(says);
  });
});

describe('the reviewed block and review-overdue', () => {
  it.each([
    { name: 'future date', line: reviewed('2026-12-01', 'maria'), rule: 'review-in-future', at: '2026-12-01', says: ['after today'] },
    { name: 'date that does not exist', line: reviewed('2026-02-30', 'maria'), rule: 'invalid-date', at: '2026-02-30', says: ['not a date'] },
    { name: 'a client-side reviewer', line: reviewed('2026-11-01', 'dana'), rule: 'reviewer-not-agency', at: 'dana }', says: ["on apex's side"] },
    { name: 'a reviewer not in the file', line: reviewed('2026-11-01', 'marie'), rule: 'reviewer-not-agency', at: 'marie', says: ['not a person of this file'], hints: ['Did you mean maria?'] },
  ])('refuses $name', ({ line, rule, at, says, hints }) => {
    const file = apexWith({}, [line]);
    expectIssue(issuesOf({ clients: { 'clients/apex.yaml': file } }), { rule, file: 'clients/apex.yaml', ...find(file, 13, at), says, hints });
  });

  it.each([
    { name: 'an owner by key', by: 'maria' },
    { name: 'an agency person by e-mail, any case', by: 'Maria@Acme-Agency.com' },
  ])('accepts $name', ({ by }) => {
    const file = apexWith({}, [reviewed('2026-11-01', by)]);
    expect(issuesOf({ clients: { 'clients/apex.yaml': file } })).toEqual([]);
  });

  it('warns at the client line when a client was never reviewed and reviews are required', () => {
    const issues = issuesOf({ guardrails: REVIEW_EVERY_90 });
    expectIssue(issues, { rule: 'review-overdue', severity: 'warning', file: 'clients/apex.yaml', line: 1, column: 9, says: ['never reviewed'], hints: ['latch review --client apex'] });
  });

  it('warns at the reviewed block when the last review is too old, and not when it is recent', () => {
    const old = apexWith({}, [reviewed('2026-05-01', 'maria')]);
    expectIssue(issuesOf({ guardrails: REVIEW_EVERY_90, clients: { 'clients/apex.yaml': old } }), {
      rule: 'review-overdue',
      severity: 'warning',
      file: 'clients/apex.yaml',
      line: 13,
      column: 1,
      says: ['206 days ago, limit 90'],
    });
    const recent = apexWith({}, [reviewed('2026-11-01', 'maria')]);
    expect(issuesOf({ guardrails: REVIEW_EVERY_90, clients: { 'clients/apex.yaml': recent } })).toEqual([]);
  });
});

describe('recordReview keeps the file as it was, but for the review', () => {
  const header = ['# Apex: our first client', 'client: apex', 'name: Apex   # display name', 'owners: [maria]'];
  it.each([
    {
      name: 'adds a line after delegates, comments and alignment intact',
      before: [...header, 'delegates: [dana]   # their ops lead', '', 'resources:', '  web:      { kind: github-repo, ref: acme-agency/apex-web }'],
      after: [...header, 'delegates: [dana]   # their ops lead', 'reviewed: { on: 2026-11-23, by: maria }', '', 'resources:', '  web:      { kind: github-repo, ref: acme-agency/apex-web }'],
    },
    {
      name: 'adds a line after a block list of owners when there are no delegates',
      before: ['client: apex', 'owners:', '  - maria', '  - tom', 'people: {}'],
      after: ['client: apex', 'owners:', '  - maria', '  - tom', 'reviewed: { on: 2026-11-23, by: maria }', 'people: {}'],
    },
    {
      name: 'replaces the values of a flow block in place',
      before: [...header, 'reviewed: { on: 2026-01-05, by: tom }   # Q1 review', 'people: {}'],
      after: [...header, 'reviewed: { on: 2026-11-23, by: maria }   # Q1 review', 'people: {}'],
    },
    {
      name: 'replaces the values of a block mapping in place',
      before: [...header, 'reviewed:', '  on: "2026-01-05"', '  by: tom # was tom', 'people: {}'],
      after: [...header, 'reviewed:', '  on: 2026-11-23', '  by: maria # was tom', 'people: {}'],
    },
  ])('$name', ({ before, after }) => {
    expect(recordReview(yaml(...before), '2026-11-23', 'maria')).toBe(yaml(...after));
  });

  it('changes nothing when the same review is recorded twice', () => {
    const once = recordReview(yaml(...header), '2026-11-23', 'maria');
    expect(recordReview(once, '2026-11-23', 'maria')).toBe(once);
  });
});

describe('buildChecklist', () => {
  it('lists client-side people first, one line per resource, with level and why, and people without access', () => {
    const file = apexWith({}, ['  finn: { email: finn@apexoutdoor.com, role: client-viewer, until: 2027-01-31 }', 'grants:', '  - { who: dana, on: shared, level: writer, why: "edits the brief" }']);
    const { repository } = load({ clients: { 'clients/apex.yaml': file } });
    const [apex] = repository.clients;
    if (!apex) throw new Error('apex not loaded');
    const checklist = buildChecklist(apex, expandDesired(repository, '2026-11-23'), repository.guardrails, '2026-11-23');
    const lines = checklist.lines.map((line) => `${line.side} ${line.person} ${line.access ? `${line.access.key}=${line.access.level}${line.access.until ? ` until ${line.access.until}` : ''}` : '-'} | ${line.why}`);
    expect(lines).toEqual([
      'client dana web=push | role client-admin (clients/apex.yaml:11)',
      'client dana shared=writer | role client-admin (clients/apex.yaml:11); also grant "edits the brief" (clients/apex.yaml:15)',
      'client finn shared=reader until 2027-01-31 | role client-viewer (clients/apex.yaml:13)',
      'agency maria web=admin | role agency-lead (clients/apex.yaml:12)',
      'agency maria internal=organizer | role agency-lead (clients/apex.yaml:12)',
    ]);
    const markdown = renderChecklistMarkdown(checklist);
    expect(markdown.match(/^- \[ \] /gm)).toHaveLength(5);
    expect(markdown.indexOf('## Client side')).toBeLessThan(markdown.indexOf('## Agency side'));
    expect(markdown).toContain('`latch review --client apex --attest --by <you>`');
  });

  it('names a person the file gives no access, so the reviewer can remove them', () => {
    const file = apexWith({}, ['  ghost: { email: ghost@apexoutdoor.com }']);
    const { repository } = load({ clients: { 'clients/apex.yaml': file } });
    const [apex] = repository.clients;
    if (!apex) throw new Error('apex not loaded');
    const checklist = buildChecklist(apex, expandDesired(repository, '2026-11-23'), repository.guardrails, '2026-11-23');
    expect(checklist.lines.find((line) => line.person === 'ghost')).toEqual({ person: 'ghost', email: 'ghost@apexoutdoor.com', side: 'client', why: 'this file gives them no access to any resource' });
    expect(renderChecklistMarkdown(checklist)).toContain('- [ ] _this file gives them no access to any resource_');
  });
});
