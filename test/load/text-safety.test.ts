import { describe, expect, it } from 'vitest';
import { firstUnsafe, printable } from '../../src/load/characters.js';
import { deepFlowAt } from '../../src/load/nesting.js';
import { canonicalRef, refProblem } from '../../src/load/refs.js';
import { mailboxOf } from '../../src/load/rules/mailboxes.js';

describe('deepFlowAt', () => {
  it.each([
    ['brackets inside a quoted value', `name: "${'['.repeat(40)}"`],
    ['brackets inside single quotes with a doubled quote', `name: 'it''s ${'{'.repeat(40)}'`],
    ['brackets in a plain value', `name: a${'['.repeat(40)}`],
    ['brackets in a comment', `# ${'['.repeat(40)}\nname: x`],
    ['many balanced lists side by side', `x: [${'[[a]], '.repeat(40)}[]]`],
  ])('ignores %s', (_, source) => expect(deepFlowAt(source, 15)).toBe(-1));

  it('finds the first bracket beyond the limit, across lines', () => {
    const source = `x: [\n${'  [\n'.repeat(20)}`;
    // Line 1 opens level 1 at offset 3; each later line opens the next level two characters in.
    expect(deepFlowAt(source, 15)).toBe(5 + 4 * 14 + 2);
  });
});

describe('characters', () => {
  it('shows every control, direction and invisible character escaped', () => {
    expect(printable('a\u001b[2Jb\u202ec\u200bd\te\nf')).toBe('a\\u{1b}[2Jb\\u{202e}c\\u{200b}d\\u{9}e\\u{a}f');
    expect(printable('Café ü 東京')).toBe('Café ü 東京');
  });

  it('allows line breaks only in multi-line prose and joiners only in prose', () => {
    expect(firstUnsafe('a\nb', { multiline: true, prose: true })).toBeUndefined();
    expect(firstUnsafe('a\nb', { multiline: false, prose: true })?.label).toBe('U+000A LINE FEED');
    expect(firstUnsafe('👩\u200d💻', { multiline: false, prose: true })).toBeUndefined();
    expect(firstUnsafe('👩\u200d💻', { multiline: false, prose: false })).toMatchObject({ kind: 'invisible-character', index: 2 });
    expect(firstUnsafe('x\u202e', { multiline: true, prose: true })?.kind).toBe('bidi-control');
  });
});

describe('refs and mailboxes', () => {
  it('gives one spelling per resource', () => {
    expect(canonicalRef('meta-ad-account', '2200000001')).toBe(canonicalRef('meta-ad-account', 'act_2200000001'));
    expect(canonicalRef('google-ads-account', '123-456-7890')).toBe('1234567890');
    expect(canonicalRef('linkedin-ad-account', 'urn:li:sponsoredAccount:5')).toBe('5');
    expect(canonicalRef('github-repo', 'Acme/Web')).toBe('acme/web');
    expect(canonicalRef('drive-folder', 'AbC')).toBe('AbC');
  });

  it('names what is wrong with a ref', () => {
    expect(refProblem('github-repo', 'acme/../x')).toContain('path segment');
    expect(refProblem('github-repo', 'acme%2F..')).toContain('URL-encoded');
    expect(refProblem('drive-folder', 'a/b')).toContain('"/"');
    expect(refProblem('github-team', 'a/b/c')).toContain('one "/"');
    expect(refProblem('github-repo', 'acme/web')).toBeUndefined();
  });

  it('folds case everywhere and +tags at agency domains only', () => {
    const guardrails = { agencyDomains: ['acme-agency.com'] };
    expect(mailboxOf('Tom+Alt@ACME-AGENCY.com', guardrails)).toBe('tom@acme-agency.com');
    expect(mailboxOf('tom+alt@client.com', guardrails)).toBe('tom+alt@client.com');
  });
});
