import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/plan.js';
import { fitBlocks, GITHUB_BODY_LIMIT, OPEN_DIFF_LINES, renderPlanComment } from '../../src/report/pr-comment.js';
import { commentInput, grant, revoke, update } from '../action/fixtures.js';

const LEAK = "declared for cobalt only, not for risky-leak: another client's person on this resource";

function comment(changes: Change[]): string {
  return renderPlanComment(commentInput(changes));
}

/** `count` push grants of one client, with long logins so a few clients fill a comment. */
function grants(client: string, count: number): Change[] {
  return Array.from({ length: count }, (_, index) => grant(client, `acme/${client}-web`, `someone-with-a-rather-long-login-${String(index).padStart(6, '0')}`, 'pull'));
}

/** Whether the comment shows `client`'s diff: its summary followed by a fenced diff. */
function diffShown(body: string, client: string): boolean {
  return new RegExp(`<b>${client}</b>: [^\\n]*(</summary>)?\\n\\n\`\`\`diff\\n`).test(body);
}

describe('a small plan', () => {
  it('shows every diff open, without a tap per client', () => {
    const body = comment([grant('apex', 'acme/web', 'dana'), revoke('apex', 'acme/web', 'zoe'), update('bloom', 'acme/site', 'leo', 'pull', 'push')]);
    expect(body).not.toContain('<details>');
    expect(body).toContain('<b>apex</b>: +1 ~0 −1\n\n```diff\n');
    expect(body).toContain('<b>bloom</b>: +0 ~1 −0\n\n```diff\n');
  });

  it(`collapses each client beyond ${OPEN_DIFF_LINES} changed lines`, () => {
    const body = comment([...grants('apex', OPEN_DIFF_LINES - 1), update('bloom', 'acme/site', 'leo', 'pull', 'push')]);
    expect(body).toContain(`<details><summary><b>apex</b>: +${OPEN_DIFF_LINES - 1} ~0 −0</summary>\n\n\`\`\`diff`);
    expect(body).toContain('<details><summary><b>bloom</b>: +0 ~1 −0</summary>');
  });
});

describe('a plan larger than one comment', () => {
  // 2,100 grants over 21 clients, about 210,000 characters of diff; the riskiest clients come last in the plan.
  const ordinary = Array.from({ length: 18 }, (_, index) => grants(`client-${String(index).padStart(2, '0')}`, 100)).flat();
  const risky = [
    ...grants('risky-admin', 99),
    revoke('risky-admin', 'acme/risky-admin-web', 'dana-admin', 'admin'),
    ...grants('risky-leak', 99),
    { ...revoke('risky-leak', 'acme/risky-leak-web', 'ken-cobalt'), reason: LEAK },
    ...grants('risky-writer', 99),
    grant('risky-writer', 'acme/risky-writer-web', 'tom-acme', 'push'),
  ];
  const body = comment([...ordinary, ...risky]);

  it('keeps the diffs of the riskiest clients, within GitHub’s limit', () => {
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    for (const client of ['risky-admin', 'risky-leak', 'risky-writer']) expect(diffShown(body, client), client).toBe(true);
    expect(body.indexOf('<b>risky-leak</b>')).toBeLessThan(body.indexOf('<b>client-00</b>'));
  });

  it('lists every client with its counts and names the ones whose diff is cut', () => {
    // One part per client: its diff whole, in part (the riskiest that did not fit whole), or cut.
    const parts = body.split('<details><summary><b>').slice(1);
    const cut = parts.filter((part) => !part.includes('```diff') || part.includes('more lines of this diff cut')).map((part) => part.slice(0, part.indexOf('<')));
    expect(parts.filter((part) => part.includes('more lines of this diff cut'))).toHaveLength(1);
    expect(cut.length).toBeGreaterThan(0);
    for (let index = 0; index < 18; index += 1) expect(body).toContain(`<b>client-${String(index).padStart(2, '0')}</b>: +100 ~0 −0`);
    const line = /^✂️ (\d+) clients’ diffs cut to stay within GitHub’s limit: (.*)\.$/m.exec(body);
    expect(line?.[1]).toBe(String(cut.length));
    expect(line?.[2]?.split(', ')).toEqual(cut);
  });

  it('keeps the riskiest diffs when not even every client’s counts fit', () => {
    const many = Array.from({ length: 1_500 }, (_, index) => grant(`client-${String(index).padStart(4, '0')}`, 'acme/web', 'someone'));
    const huge = comment([...many, revoke('zz-admin', 'acme/zz-web', 'dana', 'admin')]);
    expect(huge.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(diffShown(huge, 'zz-admin')).toBe(true);
    expect(huge).toMatch(/_… and \d+ more, left out to stay within GitHub’s size limit\._/);
  });

  it('shows the first lines of a diff too large to fit whole', () => {
    const one = comment(Array.from({ length: 3_000 }, (_, index) => revoke('apex', 'acme/web', `contractor-with-a-long-login-${String(index).padStart(4, '0')}`)));
    expect(one.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(diffShown(one, 'apex')).toBe(true);
    expect(one).toMatch(/_… \d+ more lines of this diff cut \(size limit\)\._/);
    expect(one).toContain('✂️ 1 client’s diff cut to stay within GitHub’s limit: apex.');
  });
});

describe('fitting blocks by risk', () => {
  it('gives details to the riskiest blocks first, wherever they are', () => {
    const blocks = ['a', 'b', 'c', 'd'].map((name, index) => ({ full: `${name}:${'x'.repeat(300)}\n`, short: `${name}\n`, name, risk: [index === 2 ? 1 : 0, 0, 0] as const }));
    const { text } = fitBlocks('head\n', blocks, 'tail\n', 700, 'CUT\n');
    expect(text).toContain('c:xxx');
    expect(text).toContain('✂️ 3 clients’ diffs cut to stay within GitHub’s limit: a, b, d.');
    expect(text.length).toBeLessThanOrEqual(700);
  });
});
