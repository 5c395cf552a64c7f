import { describe, expect, it } from 'vitest';
import type { ManagedResource } from '../../src/model/grants.js';
import type { Change } from '../../src/model/plan.js';
import { canonicalJson, fingerprintChanges } from '../../src/plan/fingerprint.js';
import { makePlan, type PlanInput } from '../../src/plan/plan.js';
import { explicit, has, read, resource, state, want } from './fixtures.js';

const WEB = resource('web', 'github-repo', 'acme/apex-web');
const TEAM = resource('eng', 'github-team', 'acme/apex-eng');
const SITE = resource('site', 'github-repo', 'acme/bloom-site', { client: 'bloom' });

function input(): PlanInput {
  const on = (target: ManagedResource) => ({ on: target });
  return {
    desired: state(
      [
        want('maria-acme', 'admin', on(WEB)),
        want('dana', 'push', on(WEB)),
        want('leo', 'push', on(WEB)),
        want('maria-acme', 'maintainer', on(TEAM)),
        want('dana', 'member', on(TEAM)),
        want('olivia', 'push', { on: SITE, client: 'bloom' }),
        want('priya-acme', 'admin', { on: SITE, client: 'bloom' }),
      ],
      { resources: [WEB, TEAM, SITE] },
    ),
    readings: [
      read(WEB, [has('maria-acme', 'admin'), has('dana', 'admin'), has('zoe', 'push'), has('acme-bot', 'admin')]),
      read(TEAM, [has('maria-acme', 'maintainer'), has('sam', 'member')]),
      read(SITE, [has('priya-acme', 'admin'), has('ken', 'push'), has('olivia', 'pull')]),
    ],
    neverTouch: ['acme-bot'],
    findings: [
      { platform: 'github', subject: 'jake', message: 'undeclared outside collaborator' },
      { platform: 'github', subject: 'amy', message: 'undeclared outside collaborator' },
    ],
  };
}

/** A fixed permutation (reverse, then rotate by one), so the test is reproducible. */
function shuffle<T>(items: readonly T[]): T[] {
  const reversed = [...items].reverse();
  return [...reversed.slice(1), ...reversed.slice(0, 1)];
}

function reordered(original: PlanInput): PlanInput {
  return {
    ...original,
    desired: { resources: shuffle(original.desired.resources), grants: shuffle(original.desired.grants), expired: [] },
    readings: shuffle(original.readings).map((reading) => (reading.ok ? { ...reading, grants: shuffle(reading.grants) } : reading)),
    findings: shuffle(original.findings ?? []),
  };
}

describe('plan determinism', () => {
  it('sorts by client, kind, resource, principal', () => {
    const plan = makePlan(input());
    expect(plan.changes.map((change) => `${change.client} ${change.kind} ${change.resource} ${change.principal} ${change.action}`)).toEqual([
      'apex github-repo acme/apex-web dana update',
      'apex github-repo acme/apex-web leo grant',
      'apex github-repo acme/apex-web zoe revoke',
      'apex github-team acme/apex-eng dana grant',
      'apex github-team acme/apex-eng sam revoke',
      'bloom github-repo acme/bloom-site ken revoke',
      'bloom github-repo acme/bloom-site olivia update',
    ]);
    expect(plan.findings.map((finding) => finding.subject)).toEqual(['amy', 'jake']);
  });

  it('gives the same plan and fingerprint whatever the input order', () => {
    const first = makePlan(input());
    const second = makePlan(reordered(input()));
    expect(second).toEqual(first);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes the fingerprint when any change differs', () => {
    const base = input();
    const changed = { ...base, readings: [read(WEB, [has('maria-acme', 'admin'), has('dana', 'maintain')]), ...base.readings.slice(1)] };
    expect(makePlan(changed).fingerprint).not.toBe(makePlan(base).fingerprint);
  });
});

describe('canonicalJson and fingerprintChanges', () => {
  it.each([
    { value: { b: 1, a: [2, { d: null, c: 'x' }] }, expected: '{"a":[2,{"c":"x","d":null}],"b":1}' },
    { value: { a: undefined, b: [undefined, true] }, expected: '{"b":[null,true]}' },
    { value: 'tab\there', expected: '"tab\\there"' },
    { value: [], expected: '[]' },
  ])('canonicalJson($value) = $expected', ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('is independent of key order and of the order of the changes', () => {
    const { changes } = makePlan(input());
    const rebuilt = changes.map((change) => Object.fromEntries(Object.entries(change).reverse()) as typeof change);
    expect(fingerprintChanges(shuffle(rebuilt))).toBe(fingerprintChanges(changes));
  });

  it('is the sha256 of the canonical JSON of the sorted changes', async () => {
    const { createHash } = await import('node:crypto');
    const { changes } = makePlan(input());
    const expected = `sha256:${createHash('sha256').update(canonicalJson(changes)).digest('hex')}`;
    expect(fingerprintChanges(changes)).toBe(expected);
    expect(fingerprintChanges([])).toBe(`sha256:${createHash('sha256').update('[]').digest('hex')}`);
  });

  // Reviewed plans carry their fingerprint: these strings must never change.
  const grant = (principal: string, extra: Partial<Change> = {}): Change =>
    ({ action: 'grant', client: 'apex', kind: 'github-repo', resource: 'acme/web', principal, reason: 'role agency-lead in clients/apex.yaml:7', from: null, to: 'push', because: [explicit(7)], ...extra }) as Change;
  it.each([
    { name: 'no changes', changes: [], expected: 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945' },
    { name: 'one change', changes: [grant('dana')], expected: 'sha256:d4df1d0cadef2f965b2b2aa21048c2a5ae482c967478e52a655dad4f6e853984' },
    {
      name: 'ties in plan order, broken by their text',
      changes: [grant('leo'), grant('dana'), grant('dana', { to: 'admin' }), grant('dana', { to: 'maintain' }), grant('amy', { client: null })],
      expected: 'sha256:40de453318d47e48bd3dc1afbdd183ca2823b6483f66a4efe3503f33a2aaafe7',
    },
    {
      name: 'the same change twice',
      changes: [grant('dana', { to: 'admin' }), grant('dana', { to: 'admin' }), grant('dana')],
      expected: 'sha256:ff86585f8e1bee0420899292d033fd71bdc940b43f07a65949e69d08bb03e73e',
    },
  ])('keeps the fingerprint of $name', ({ changes, expected }) => {
    expect(fingerprintChanges(changes)).toBe(expected);
    expect(fingerprintChanges([...changes].reverse())).toBe(expected);
  });
});
