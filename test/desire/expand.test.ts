import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import type { DesiredGrant } from '../../src/model/grants.js';
import { APEX, load, TODAY, yaml } from '../fixtures/load/repo.js';

const FILE = 'clients/apex.yaml';

/** Expands one apex file written for the case and returns the desired state. */
function desire(...lines: string[]) {
  const { repository } = load({ clients: { [FILE]: yaml(...lines) } });
  return expandDesired(repository, TODAY);
}

const HEADER = [
  'client: apex', // 1
  'name: Apex', // 2
  'domains: [apexoutdoor.com]', // 3
  'resources:', // 4
  '  web: { kind: github-repo, ref: Acme-Agency/Apex-Web }', // 5
  '  shared: { kind: drive-folder, ref: 1AbC, audience: client }', // 6
  '  internal: { kind: drive-folder, ref: 9XyZ, audience: agency }', // 7
  '  open: { kind: drive-folder, ref: 5Open }', // 8
  'people:', // 9
];

function summary(grants: readonly DesiredGrant[]): string[] {
  return grants.map((grant) => `${grant.kind} ${grant.resource} ${grant.principal} ${grant.level}${grant.until ? ` until ${grant.until}` : ''}`);
}

describe('expandDesired', () => {
  it.each([
    {
      name: 'a client role reaches client and any audiences, never agency ones',
      person: '  dana: { email: Dana@ApexOutdoor.com, github: Dana-Apex, role: client-admin }',
      expected: ['drive-folder 1AbC dana@apexoutdoor.com writer', 'drive-folder 5Open dana@apexoutdoor.com writer', 'github-repo Acme-Agency/Apex-Web dana-apex push'],
    },
    {
      name: 'an agency role reaches agency and any audiences, not client ones',
      person: '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }',
      expected: ['drive-folder 5Open maria@acme-agency.com organizer', 'drive-folder 9XyZ maria@acme-agency.com organizer', 'github-repo Acme-Agency/Apex-Web maria-acme admin'],
    },
    {
      name: 'a role for any side follows the audience of each resource',
      person: '  ola: { email: ola@apexoutdoor.com, role: anyone-reader }',
      expected: ['drive-folder 1AbC ola@apexoutdoor.com reader', 'drive-folder 5Open ola@apexoutdoor.com reader'],
    },
    {
      name: "a person's until bounds every grant of theirs",
      person: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 2027-01-31 }',
      expected: [
        'drive-folder 1AbC dana@apexoutdoor.com writer until 2027-01-31',
        'drive-folder 5Open dana@apexoutdoor.com writer until 2027-01-31',
        'github-repo Acme-Agency/Apex-Web dana-apex push until 2027-01-31',
      ],
    },
    { name: 'a person without a role gets nothing but explicit grants', person: '  kim: { email: kim@apexoutdoor.com }', expected: [] },
  ])('$name', ({ person, expected }) => {
    const state = desire(...HEADER, person);
    expect(summary(state.grants)).toEqual(expected);
    expect(state.expired).toEqual([]);
  });

  it.each([
    {
      name: 'an explicit grant raises the level a role gives',
      grant: '  - { who: kim, on: shared, level: commenter, why: "reviews the budget" }',
      role: 'client-viewer',
      level: 'commenter',
      sources: ['grant', 'role'],
    },
    {
      name: 'the higher level wins when the role gives more',
      grant: '  - { who: kim, on: shared, level: reader, why: "read access" }',
      role: 'client-admin',
      level: 'writer',
      sources: ['role', 'grant'],
    },
    { name: 'at equal levels the role comes first', grant: '  - { who: kim, on: shared, level: reader, why: "read access" }', role: 'client-viewer', level: 'reader', sources: ['role', 'grant'] },
  ])('$name', ({ grant, role, level, sources }) => {
    const state = desire(...HEADER, `  kim: { email: kim@apexoutdoor.com, github: kim-apex, role: ${role} }`, 'grants:', grant);
    const shared = state.grants.filter((item) => item.resource === '1AbC');
    expect(shared).toHaveLength(1);
    expect(shared[0]?.level).toBe(level);
    expect(shared[0]?.because.map((trace) => trace.source)).toEqual(sources);
  });

  it('traces every source to the role value or the grant entry', () => {
    const state = desire(
      ...HEADER,
      '  kim: { email: kim@apexoutdoor.com, role: client-viewer }', // 10
      'grants:', // 11
      '  - { who: kim, on: shared, level: commenter, why: "reviews the budget" }', // 12
    );
    expect(state.grants.find((item) => item.resource === '1AbC')?.because).toEqual([
      { file: FILE, line: 12, column: 5, source: 'grant', why: 'reviews the budget' },
      { file: FILE, line: 10, column: 44, source: 'role', role: 'client-viewer' },
    ]);
  });

  it('moves grants of a person whose until has passed to expired', () => {
    const state = desire(...HEADER, '  kim: { email: kim@apexoutdoor.com, role: client-viewer, until: 2026-11-22 }');
    expect(state.grants).toEqual([]);
    expect(summary(state.expired)).toEqual(['drive-folder 1AbC kim@apexoutdoor.com reader until 2026-11-22', 'drive-folder 5Open kim@apexoutdoor.com reader until 2026-11-22']);
  });

  it('keeps a grant whose until is today', () => {
    const state = desire(...HEADER, '  kim: { email: kim@apexoutdoor.com, role: client-viewer, until: 2026-11-23 }');
    expect(state.grants).toHaveLength(2);
    expect(state.expired).toEqual([]);
  });

  it("drops a grant whose own until has passed and falls back to the role's level", () => {
    const state = desire(
      ...HEADER,
      '  kim: { email: kim@apexoutdoor.com, role: client-viewer }',
      'grants:',
      '  - { who: kim, on: shared, level: writer, until: 2026-10-31, why: "budget season" }',
      '  - { who: kim, on: internal, level: reader, until: 2026-10-31, why: "old exception" }',
    );
    expect(summary(state.grants)).toEqual(['drive-folder 1AbC kim@apexoutdoor.com reader', 'drive-folder 5Open kim@apexoutdoor.com reader']);
    // Expired: the grant no live source covers any more, and the lapsed raise above the role's level.
    expect(summary(state.expired)).toEqual([
      'drive-folder 1AbC kim@apexoutdoor.com writer until 2026-10-31',
      'drive-folder 9XyZ kim@apexoutdoor.com reader until 2026-10-31',
    ]);
    expect(state.expired[1]?.because).toEqual([{ file: FILE, line: 13, column: 5, source: 'grant', why: 'old exception' }]);
  });

  it('uses the earlier of the person and grant until', () => {
    const state = desire(...HEADER, '  kim: { email: kim@apexoutdoor.com, until: 2027-01-31 }', 'grants:', '  - { who: kim, on: open, level: writer, until: 2027-03-31, why: "launch" }');
    expect(summary(state.grants)).toEqual(['drive-folder 5Open kim@apexoutdoor.com writer until 2027-01-31']);
  });

  it('lists every resource with its defaults, sorted, verify-mode ones included', () => {
    const state = desire(...HEADER, '  kim: { email: kim@apexoutdoor.com }').resources;
    expect(state.map((resource) => [resource.kind, resource.ref, resource.mode, resource.audience, resource.at.line])).toEqual([
      ['drive-folder', '1AbC', 'manage', 'client', 6],
      ['drive-folder', '5Open', 'manage', 'any', 8],
      ['drive-folder', '9XyZ', 'manage', 'agency', 7],
      ['github-repo', 'Acme-Agency/Apex-Web', 'manage', 'any', 5],
    ]);
  });

  it('gives the same answer whatever order the files come in', () => {
    const bloom = yaml('client: bloom', 'name: Bloom', 'resources:', '  site: { kind: github-repo, ref: acme-agency/bloom-site }', 'people:', '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }');
    const forward = load({ clients: { [FILE]: APEX, 'clients/bloom.yaml': bloom } }).repository;
    const backward = load({ clients: { 'clients/bloom.yaml': bloom, [FILE]: APEX } }).repository;
    expect(expandDesired(backward, TODAY)).toEqual(expandDesired(forward, TODAY));
    expect(expandDesired(forward, TODAY).grants.map((grant) => grant.client)).toEqual(['apex', 'apex', 'apex', 'apex', 'bloom']);
  });
});
