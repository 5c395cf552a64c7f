import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { expandDesired } from '../../src/desire/expand.js';
import { loadFromFiles } from '../../src/load/load.js';
import { APEX, expectIssue, find, repoFiles, TODAY, yaml } from '../fixtures/load/repo.js';

const PEOPLE = yaml(
  'people:', // 1
  '  maria: { email: maria@acme-agency.com, github: maria-acme }', // 2
  '  tom: { email: tom@acme-agency.com, github: tom-acme }', // 3
);

/** Apex with maria named by key only (line 12). */
const APEX_BY_KEY = APEX.replace('  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }', '  maria: { role: agency-lead }');

function bloom(...people: string[]): string {
  return yaml('client: bloom', 'name: Bloom Botanicals', 'domains: [bloom.com]', 'resources:', '  site: { kind: github-repo, ref: acme-agency/bloom-site }', 'people:', ...people);
}

function files(people: string | undefined, clients: Record<string, string>): Map<string, string | Uint8Array> {
  const map = repoFiles({ clients });
  if (people !== undefined) map.set('policies/people.yaml', people);
  return map;
}

function issues(people: string | undefined, clients: Record<string, string>, today = TODAY) {
  try {
    const result = loadFromFiles('.', files(people, clients), { today });
    return [...result.warnings, ...result.suggestions];
  } catch (failure) {
    if (failure instanceof ConfigError) return failure.issues;
    throw failure;
  }
}

describe('policies/people.yaml: validation', () => {
  it('names an unknown key with its place and the closest people.yaml key', () => {
    const apex = APEX_BY_KEY.replace('  maria: { role: agency-lead }', '  mari: { role: agency-lead }').replace('owners: [maria]', 'owners: [mari]');
    expectIssue(issues(PEOPLE, { 'clients/apex.yaml': apex }), {
      rule: 'people-unknown',
      file: 'clients/apex.yaml',
      ...find(apex, 12, 'mari:'),
      says: ['mari is used by clients/apex.yaml:12:3', 'not in policies/people.yaml'],
      hints: ['Did you mean maria?'],
    });
  });

  it('lists every file still using a key removed from people.yaml', () => {
    const bloomFile = bloom('  maria: { role: agency-lead }');
    const found = issues(yaml('people:', '  tom: { email: tom@acme-agency.com, github: tom-acme }'), { 'clients/apex.yaml': APEX_BY_KEY, 'clients/bloom.yaml': bloomFile });
    expectIssue(found, {
      rule: 'people-unknown',
      file: 'clients/apex.yaml',
      line: 12,
      column: 3,
      says: ['maria is used by clients/apex.yaml:12:3 and clients/bloom.yaml:7:3 but is not in policies/people.yaml'],
      hints: ['Add maria to policies/people.yaml'],
    });
    // Nothing else is reported for the files that cannot resolve (owners: [maria] is not an unknown person).
    expect(found.filter((issue) => issue.severity === 'error').map((issue) => issue.rule)).toEqual(['people-unknown']);
  });

  it('reports a client entry that writes other identities than people.yaml', () => {
    const apex = APEX.replace('github: maria-acme, role', 'github: maria-old, role');
    expectIssue(issues(PEOPLE, { 'clients/apex.yaml': apex }), {
      rule: 'person-identity-conflict',
      file: 'clients/apex.yaml',
      ...find(apex, 12, 'maria-old'),
      says: ['maria-old', 'maria-acme', 'policies/people.yaml:2'],
      hints: ['Remove the identities here'],
    });
  });

  it('warns, without failing, when a client entry repeats the identities of people.yaml', () => {
    expectIssue(issues(PEOPLE, { 'clients/apex.yaml': APEX }), {
      rule: 'people-repeated-inline',
      file: 'clients/apex.yaml',
      line: 12,
      column: 3,
      severity: 'warning',
      hints: ['maria: { role: agency-lead }'],
    });
  });

  it.each([
    { name: 'a client-side address', entry: '  dana: { email: dana@apexoutdoor.com }', rule: 'people-not-agency', at: 'dana@', hints: ['acme-agency.com'] },
    { name: 'a personal address', entry: '  max: { email: max@gmail.com }', rule: 'personal-domain', at: 'max@', hints: ['agency address'] },
    { name: 'a login already given to another entry', entry: '  marie: { email: marie@acme-agency.com, github: Maria-Acme }', rule: 'identity-shared', at: 'Maria-Acme', hints: ['maria'] },
    { name: 'an address reaching the same mailbox', entry: '  mara: { email: maria+ops@acme-agency.com }', rule: 'identity-shared', at: 'maria+ops', hints: ['maria'] },
    { name: 'a last day that does not exist', entry: '  ivy: { email: ivy@acme-agency.com, until: 2026-02-30 }', rule: 'invalid-date', at: '2026-02-30', hints: ['YYYY-MM-DD'] },
  ])('refuses $name in people.yaml at its position', ({ entry, rule, at, hints }) => {
    const people = `${PEOPLE}${entry}\n`;
    expectIssue(issues(people, { 'clients/apex.yaml': APEX_BY_KEY }), { rule, file: 'policies/people.yaml', ...find(people, 4, at), hints });
  });

  it('checks people.yaml through the same safe YAML loader', () => {
    expectIssue(issues(yaml('people:', '  __proto__: { email: x@acme-agency.com }'), { 'clients/apex.yaml': APEX }), {
      rule: 'yaml-forbidden-key',
      file: 'policies/people.yaml',
      line: 2,
      column: 3,
    });
    const bomb = yaml('people:', '  a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 120 }, (_, index) => `  k${index}: *a`));
    expect(issues(bomb, { 'clients/apex.yaml': APEX }).map((issue) => issue.rule)).toContain('yaml-alias-limit');
  });

  it('suggests people.yaml for an agency person repeated inline, as a suggestion only', () => {
    const bloomFile = bloom('  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }');
    const result = loadFromFiles('.', files(undefined, { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloomFile }), { today: TODAY });
    expect(result.warnings.map((issue) => issue.rule)).not.toContain('people-repeated');
    expect(result.suggestions).toHaveLength(1);
    expectIssue(result.suggestions, {
      rule: 'people-repeated',
      file: 'clients/apex.yaml',
      line: 12,
      column: 3,
      severity: 'warning',
      says: ["maria is repeated in 2 client files: move them to policies/people.yaml (see README: The agency's people)"],
    });
  });
});

describe('policies/people.yaml: the same desired state as inline identities', () => {
  const inlineBloom = bloom('  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead, until: 2027-01-31 }', '  bo: { email: bo@bloom.com, github: bo-bloom, role: client-admin }');
  it.each([
    { name: 'identities from people.yaml', people: PEOPLE, apex: APEX_BY_KEY, bloomFile: bloom('  maria: { role: agency-lead, until: 2027-01-31 }', '  bo: { email: bo@bloom.com, github: bo-bloom, role: client-admin }') },
    {
      name: "a leaver's last day in people.yaml, earlier than the client's until",
      people: PEOPLE.replace('github: maria-acme }', 'github: maria-acme, until: 2027-01-31 }'),
      apex: APEX_BY_KEY,
      bloomFile: bloom('  maria: { role: agency-lead, until: 2027-05-01 }', '  bo: { email: bo@bloom.com, github: bo-bloom, role: client-admin }'),
      inlineApex: APEX.replace('role: agency-lead }', 'role: agency-lead, until: 2027-01-31 }'),
    },
  ])('$name', ({ people, apex, bloomFile, inlineApex }) => {
    const strip = (state: ReturnType<typeof expandDesired>) => ({
      grants: state.grants.map(({ because, ...grant }) => ({ ...grant, because: because.map(({ source, role, why }) => ({ source, role, why })) })),
      expired: state.expired.map((grant) => grant.principal),
    });
    const referenced = loadFromFiles('.', files(people, { 'clients/apex.yaml': apex, 'clients/bloom.yaml': bloomFile }), { today: TODAY }).repository;
    const inline = loadFromFiles('.', files(undefined, { 'clients/apex.yaml': inlineApex ?? APEX, 'clients/bloom.yaml': inlineBloom }), { today: TODAY }).repository;
    expect(strip(expandDesired(referenced, TODAY))).toEqual(strip(expandDesired(inline, TODAY)));
    expect(referenced.clients.map((client) => client.data.people.maria?.email)).toEqual(['maria@acme-agency.com', 'maria@acme-agency.com']);
  });

  it('traces identities to people.yaml and roles to the client file', () => {
    const repository = loadFromFiles('.', files(PEOPLE, { 'clients/apex.yaml': APEX_BY_KEY }), { today: TODAY }).repository;
    const apex = repository.clients[0];
    expect(apex?.locate(['people', 'maria', 'github'])).toEqual({ file: 'policies/people.yaml', ...find(PEOPLE, 2, 'maria-acme') });
    expect(apex?.locate(['people', 'maria', 'role'])).toMatchObject({ file: 'clients/apex.yaml', line: 12 });
  });
});
