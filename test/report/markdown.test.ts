import { describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../src/model/plan.js';
import { clientDiff } from '../../src/report/markdown-diff.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { riskFlags } from '../../src/report/risk.js';
import { emptyPlan, samplePlan } from './sample.js';

function plan(changes: Change[]): Plan {
  return { fingerprint: 'sha256:abc', changes, held: [], unread: [], findings: [], warnings: [] };
}

function change(action: Change['action'], kind: Change['kind'], from: string | null, to: string | null, side?: 'agency' | 'client'): Change {
  const base = { client: 'apex', kind, resource: 'r', principal: 'p', reason: 'why', ...(side ? { side } : {}) };
  if (action === 'grant') return { ...base, action, from: null, to: to ?? '' };
  if (action === 'update') return { ...base, action, from: from ?? '', to: to ?? '' };
  return { ...base, action, from: from ?? '', to: null };
}

function revocations(count: number): Change[] {
  return Array.from({ length: count }, (_, index) => ({ ...change('revoke', 'github-repo', 'push', null), principal: `p${index}` }));
}

describe('riskFlags', () => {
  it.each([
    { name: 'admin on a repository', changes: [change('grant', 'github-repo', null, 'admin', 'agency')], flags: ['top-level'] },
    { name: 'maintainer of a team', changes: [change('update', 'github-team', 'member', 'maintainer', 'agency')], flags: ['top-level'] },
    { name: 'organizer of a folder', changes: [change('grant', 'drive-folder', null, 'organizer', 'agency')], flags: ['top-level'] },
    { name: 'owner of a group', changes: [change('grant', 'google-group', null, 'owner')], flags: ['top-level'] },
    { name: 'a Slack member (the only level) is routine', changes: [change('grant', 'slack-channel', null, 'member', 'client')], flags: [] },
    { name: 'a client person with push', changes: [change('grant', 'github-repo', null, 'push', 'client')], flags: ['client-write'] },
    { name: 'a client person raised to editor', changes: [change('update', 'ga4-property', 'viewer', 'editor', 'client')], flags: ['client-write'] },
    { name: 'a client person with admin', changes: [change('grant', 'github-repo', null, 'admin', 'client')], flags: ['top-level', 'client-write'] },
    { name: 'a client person lowered to push', changes: [change('update', 'github-repo', 'admin', 'push', 'client')], flags: [] },
    { name: 'a client person with read access', changes: [change('grant', 'drive-folder', null, 'commenter', 'client')], flags: [] },
    { name: 'an agency person with push', changes: [change('grant', 'github-repo', null, 'push', 'agency')], flags: [] },
    { name: 'revocations within the default count', changes: revocations(25), flags: [] },
    { name: 'revocations beyond the default count', changes: revocations(26), flags: ['mass-revoke'] },
  ])('$name', ({ changes, flags }) => {
    expect(riskFlags(plan(changes)).map((flag) => flag.id)).toEqual(flags);
  });

  it('uses the repository bounds and grant count when given', () => {
    const flags = riskFlags(plan(revocations(3)), { massRevoke: { maxCount: 25, maxShare: 0.2 }, actualGrantCount: 10 });
    expect(flags.map((flag) => flag.id)).toEqual(['mass-revoke']);
    expect(flags[0]?.details[0]).toContain('Revocations by client: apex 3');
  });

  it('flags a plan with unread resources as incomplete', () => {
    expect(riskFlags(samplePlan()).map((flag) => flag.id)).toEqual(['incomplete', 'top-level', 'client-write']);
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(samplePlan());

  it('starts with a title and the counts', () => {
    const [title, , summary] = markdown.split('\n');
    expect(title).toBe('## Latch access plan');
    expect(summary).toBe('**+2** to grant · **~1** to update · **−2** to revoke · 1 held · 1 resource not read');
  });

  it('shows risk flags with the people concerned', () => {
    expect(markdown).toContain('⛔ **Plan incomplete');
    expect(markdown).toContain('⚠️ **Top-level access (admin, owner, maintainer, organizer)** (1)\n\n- tom-acme admin on acme/apex-web (apex)');
    expect(markdown).toContain('⚠️ **Client-side people get write access or more** (1)\n\n- dana@apex.com writer on 1AbC (apex)');
  });

  it('gives each client a collapsible diff of its access lines', () => {
    expect(markdown.match(/<details>/g)).toHaveLength(2);
    expect(markdown).toContain('<summary><b>apex</b>: +2 ~1 −1</summary>');
    expect(markdown).toContain(
      ['```diff', ' github-repo acme/bloom-site', '-  ken  push  # not declared in any client file', '```'].join('\n'),
    );
    const apex = markdown.slice(markdown.indexOf('<b>apex</b>'), markdown.indexOf('<b>bloom</b>'));
    const diffLines = apex.slice(apex.indexOf('```diff\n') + 8, apex.lastIndexOf('\n```')).split('\n');
    expect(diffLines).toEqual([
      ' drive-folder 1AbC',
      '+  dana@apex.com  writer  # grant in clients/apex.yaml:31: "edits the *launch* plan"',
      ' github-repo acme/apex-web',
      '-  dana-apex      admin',
      '-  zoe            push    # not declared in any client file',
      '+  dana-apex      push    # role client-admin in clients/apex.yaml:20',
      '+  tom-acme       admin   # role agency-lead in clients/apex.yaml:18',
    ]);
  });

  it('opens the details when there is one client only', () => {
    const single = renderMarkdown(plan([change('grant', 'github-repo', null, 'push')]));
    expect(single).toContain('<details open><summary><b>apex</b>: +1 ~0 −0</summary>');
  });

  it('lists held, unread, findings and warnings, and ends with the fingerprint', () => {
    expect(markdown).toContain('### Held, not changed\n\n- `acme-bot` on `acme/apex-web` (github-repo, apex): acme-bot is in guardrails neverTouch');
    expect(markdown).toContain('### Not read: the plan is incomplete\n\n- `acme/apex-api` (github-repo, apex): github list collaborators: 500');
    expect(markdown).toContain('- github: `jake-freelance`: outside collaborator on acme/old-site is declared nowhere');
    expect(markdown).toContain('- `clients/apex.yaml:12`: finn has no role');
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(`<sub>Plan fingerprint: \`${samplePlan().fingerprint}\`</sub>`);
  });

  it('escapes Markdown written by people outside code blocks', () => {
    const held = { ...samplePlan(), held: [{ rule: 'last-admin' as const, client: 'apex', kind: 'github-repo' as const, resource: 'r', principal: 'p', reason: 'a *bold* <b>claim</b>' }] };
    expect(renderMarkdown(held)).toContain('a \\*bold\\* \\<b\\>claim\\</b\\>');
  });

  it('uses a longer fence when a reason contains backticks', () => {
    const tricky = renderMarkdown(plan([{ ...change('grant', 'github-repo', null, 'push'), reason: 'grant in x:1: "see ```code```"' }]));
    expect(tricky).toContain('````diff\n');
    expect(tricky).toContain('see ```code```"\n````');
  });

  it('leaves out diffs that would pass the size limit, keeping every client counted', () => {
    const many = plan(Array.from({ length: 400 }, (_, index) => ({ ...change('grant', 'github-repo', null, 'push'), client: `c${index % 4}`, principal: `person-${index}` })));
    const short = renderMarkdown(many, { maxLength: 8_000 });
    expect(short.length).toBeLessThanOrEqual(8_000);
    expect(short.match(/<summary>/g)).toHaveLength(4);
    expect(short).toContain('left out to keep the comment within GitHub’s size limit');
  });

  it('says "No changes." for a plan in sync', () => {
    const text = renderMarkdown(emptyPlan());
    expect(text).toContain('\nNo changes.\n');
    expect(text).not.toContain('<details');
    expect(text).not.toContain('Risk flags');
  });
});

describe('clientDiff on a very large resource', () => {
  it('writes removals, then additions, without the quadratic diff', () => {
    const gone = revocations(450);
    const added = { ...change('grant', 'github-repo', null, 'push'), principal: 'zz-new' };
    const body = clientDiff([...gone, added]).split('\n');
    expect(body[0]).toBe(' github-repo r');
    expect(body.slice(1, 451).every((line) => line.startsWith('-  p'))).toBe(true);
    expect(body.slice(451)).toEqual(['+  zz-new  push  # why']);
  });
});
