import { describe, expect, it } from 'vitest';
import { parseBlame } from '../../src/history/blame.js';
import { parseLog, pullRequestOf } from '../../src/history/commits.js';

describe('pullRequestOf', () => {
  it.each([
    { subject: 'Merge pull request #12 from acme/add-dana', pr: 12 },
    { subject: 'Add dana to Apex (#7)', pr: 7 },
    { subject: 'Add dana to Apex (#7)  ', pr: 7 },
    { subject: 'Revert "Add dana (#7)" (#9)', pr: 9 },
    { subject: 'Fix #7: typo in the apex file', pr: undefined },
    { subject: 'Add dana (#7) and finn', pr: undefined },
    { subject: "Merge branch 'main' into feature", pr: undefined },
    { subject: '', pr: undefined },
  ])('$subject -> $pr', ({ subject, pr }) => {
    expect(pullRequestOf(subject)).toBe(pr);
  });
});

describe('parseLog', () => {
  it('reads commits with their parents, author, date, subject and the files they changed', () => {
    const zero = '0'.repeat(40);
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const output = [
      `\u001e${'1'.repeat(40)}\u001f\u001fAna Lee\u001fana@acme-agency.com\u001f2026-01-05T10:00:00+01:00\u001fInitial access (#1)`,
      '',
      `:000000 100644 ${zero} ${a} A\tclients/apex.yaml`,
      `\u001e${'2'.repeat(40)}\u001f${'1'.repeat(40)} ${'3'.repeat(40)}\u001fPriya\u001fp@x\u001f2026-03-02T09:30:00Z\u001fMerge pull request #5 from acme/x`,
      '',
      `:100644 100644 ${a} ${b} M\tclients/apex.yaml`,
      `:100644 000000 ${b} ${zero} D\tclients/old client.yaml`,
      '',
    ].join('\n');
    expect(parseLog(output)).toEqual([
      {
        id: '1'.repeat(40),
        parents: [],
        author: 'Ana Lee',
        authorEmail: 'ana@acme-agency.com',
        committedAt: '2026-01-05T10:00:00+01:00',
        subject: 'Initial access (#1)',
        files: [{ status: 'A', path: 'clients/apex.yaml', blob: a }],
      },
      {
        id: '2'.repeat(40),
        parents: ['1'.repeat(40), '3'.repeat(40)],
        author: 'Priya',
        authorEmail: 'p@x',
        committedAt: '2026-03-02T09:30:00Z',
        subject: 'Merge pull request #5 from acme/x',
        files: [
          { status: 'M', path: 'clients/apex.yaml', blob: b },
          { status: 'D', path: 'clients/old client.yaml', blob: undefined },
        ],
      },
    ]);
  });
});

describe('parseBlame', () => {
  it('maps every line to its commit and reads each commit header once', () => {
    const c1 = 'c'.repeat(40);
    const c2 = 'd'.repeat(40);
    const output = [
      `${c1} 1 1 2`,
      'author Ana Lee',
      'author-mail <ana@acme-agency.com>',
      'author-time 1767607200',
      'author-tz +0000',
      'summary Initial access (#1)',
      'filename clients/apex.yaml',
      '\tclient: apex',
      `${c1} 2 2`,
      '\tname: Apex',
      `${c2} 3 3 1`,
      'author Carla Díaz',
      'author-time 1772377200',
      'summary Raise tom',
      'filename clients/apex.yaml',
      '\tsummary: not a header, a content line',
      '',
    ].join('\n');
    const { lines, commits } = parseBlame(output);
    expect([...lines]).toEqual([
      [1, c1],
      [2, c1],
      [3, c2],
    ]);
    expect(commits.get(c1)).toEqual({ id: c1, author: 'Ana Lee', time: 1767607200, summary: 'Initial access (#1)' });
    expect(commits.get(c2)).toEqual({ id: c2, author: 'Carla Díaz', time: 1772377200, summary: 'Raise tom' });
  });
});
