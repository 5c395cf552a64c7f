import { describe, expect, it } from 'vitest';
import { checkDelegateChange } from '../../src/delegation/check.js';
import { buildCodeowners } from '../../src/delegation/codeowners.js';
import type { FileChange } from '../../src/delegation/git-changes.js';
import { UsageError } from '../../src/errors.js';
import { loadFromFiles } from '../../src/load/load.js';
import { APEX, apexWith, find, GUARDRAILS, repoFiles, ROLES, TODAY, yaml } from '../fixtures/load/repo.js';

const BLOOM = yaml(
  'client: bloom',
  'name: Bloom',
  'domains: [bloom.com]',
  'owners: [priya]',
  'resources:',
  '  site: { kind: github-repo, ref: acme-agency/bloom-site }',
  'people:',
  '  priya: { email: priya@acme-agency.com, github: priya-acme, role: agency-lead }',
  '  bo: { email: bo@bloom.com, github: bo-bloom, role: client-viewer }',
);

type Files = Record<string, string>;
const BASE: Files = Object.fromEntries(repoFiles({ clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': BLOOM } })) as Files;

/** The change from BASE to BASE with `edits` (null deletes), as the git layer would report it. */
function changed(edits: Record<string, string | null>): { changes: FileChange[]; after: Map<string, string> } {
  const after = new Map(Object.entries(BASE));
  const changes: FileChange[] = [];
  for (const [file, content] of Object.entries(edits)) {
    const change: FileChange = { file, inConfig: true };
    if (BASE[file] !== undefined) change.before = BASE[file];
    if (content === null) after.delete(file);
    else {
      after.set(file, content);
      change.after = content;
    }
    changes.push(change);
  }
  return { changes, after };
}

function verdict(author: string, edits: Record<string, string | null>) {
  const { changes, after } = changed(edits);
  const { repository } = loadFromFiles('.', after, { today: TODAY });
  return checkDelegateChange(author, repository, changes);
}

const VIEWER = '  finn: { email: finn@apexoutdoor.com, role: client-viewer }';

describe('a delegate changing their own client file', () => {
  it.each([
    { name: 'adds a person of the client with a role delegates may assign', edits: { 'clients/apex.yaml': apexWith({}, [VIEWER]) } },
    { name: 'lowers a client-admin to a role delegates may assign', edits: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-viewer }' }) } },
    { name: 'removes a person of the client', edits: { 'clients/apex.yaml': apexWith({ 11: '  finn: { email: finn@apexoutdoor.com, role: client-viewer }', 5: 'delegates: [dana]' }, ['  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }']) } },
  ])('passes: $name', ({ edits }) => {
    const result = verdict('dana-apex', edits);
    expect(result.standing).toBe('delegate');
    expect(result.clients).toEqual(['apex']);
    expect(result.issues).toEqual([]);
  });

  const ADMIN = apexWith({}, ['  finn: { email: finn@apexoutdoor.com, github: finn-apex, role: client-admin }']);
  const OUTSIDER = apexWith({}, ['  finn: { email: finn@gmail.com, role: client-viewer }']);
  const RESOURCE = apexWith({ 7: '  web: { kind: github-repo, ref: acme-agency/apex-api }' });
  const DELEGATES = apexWith({ 5: 'delegates: [dana, maria]' });
  const GRANT = apexWith({}, ['grants:', '  - { who: dana, on: web, level: push, why: "release" }']);
  const UNTIL = apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 2027-01-01 }' });
  const AGENCY = apexWith({ 12: '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead, until: 2027-01-01 }' });
  const REVIEWED = apexWith({}, ['reviewed: { on: 2026-11-01, by: maria }']);
  it.each([
    { name: 'gives a role outside mayAssign', file: ADMIN, rule: 'delegate-role', line: 13, at: 'client-admin', says: 'gives finn the role client-admin' },
    { name: 'changes a person whose role is outside mayAssign', file: UNTIL, rule: 'delegate-role', line: 11, at: 'client-admin', says: 'changes dana, who has the role client-admin' },
    { name: 'sets a person of another domain', file: OUTSIDER, rule: 'delegate-other-domain', line: 13, at: 'finn@gmail.com', says: 'outside apex' },
    { name: 'changes an agency person', file: AGENCY, rule: 'delegate-other-domain', line: 12, at: '{ email: maria', says: 'changes maria' },
    { name: 'changes a resource', file: RESOURCE, rule: 'delegate-structure', line: 7, at: '{ kind', says: 'changes "resources"' },
    { name: 'changes the delegates', file: DELEGATES, rule: 'delegate-structure', line: 5, at: 'maria]', says: 'changes "delegates"' },
    { name: 'records a review', file: REVIEWED, rule: 'delegate-structure', line: 13, at: '{ on', says: 'reviews are attested by the agency' },
    { name: 'adds a grant', file: GRANT, rule: 'delegate-grant', line: 14, at: '{ who', says: 'grants are exceptions' },
  ])('refuses: $name, at the line that does it', ({ file, rule, line, at, says }) => {
    const result = verdict('dana-apex', { 'clients/apex.yaml': file });
    expect(result.issues.map((issue) => issue.rule)).toEqual([rule]);
    const [issue] = result.issues;
    expect({ file: issue?.file, line: issue?.line, column: issue?.column }).toEqual({ file: 'clients/apex.yaml', ...find(file, line, at) });
    expect(issue?.message).toContain('dana-apex (a delegate of apex)');
    expect(issue?.message).toContain(says);
    expect(issue?.hint.length).toBeGreaterThan(10);
  });

  it('refuses the removal of an agency person too: a delegate manages their own people only', () => {
    const result = verdict('dana-apex', { 'clients/apex.yaml': yaml(...apexWith({ 4: 'owners: []' }).split('\n').slice(0, 11)) });
    expect(result.issues.map((issue) => [issue.rule, issue.message])).toEqual([
      ['delegate-structure', expect.stringContaining('changes "owners"')],
      ['delegate-other-domain', expect.stringContaining('removes maria (maria@acme-agency.com)')],
    ]);
  });
});

describe('a delegate touching anything else', () => {
  it.each<{ name: string; edits: Record<string, string | null>; file: string; line: number; says: string }>([
    { name: 'a policy file', edits: { 'policies/roles.yaml': `${ROLES}  extra:\n    description: x\n    side: client\n    levels: { github-repo: pull }\n` }, file: 'policies/roles.yaml', line: 22, says: 'touches policies/roles.yaml' },
    { name: "another client's file", edits: { 'clients/bloom.yaml': BLOOM.replace('role: client-viewer', 'role: client-admin') }, file: 'clients/bloom.yaml', line: 9, says: 'touches clients/bloom.yaml' },
    { name: 'a workflow', edits: { '.github/workflows/latch.yml': 'on: push\n' }, file: '.github/workflows/latch.yml', line: 1, says: 'touches .github/workflows/latch.yml' },
    { name: 'their own file, deleted', edits: { 'clients/apex.yaml': null }, file: 'clients/apex.yaml', line: 1, says: 'offboards the client' },
  ])('refuses $name with the first changed line', ({ edits, file, line, says }) => {
    const result = verdict('dana-apex', edits);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ file, line, column: 1, rule: 'delegate-other-file', severity: 'error' });
    expect(result.issues[0]?.message).toContain(says);
    expect(result.issues[0]?.message).toContain('may change only clients/apex.yaml');
  });
});

describe('mayAssign', () => {
  it('is read from the base, so widening it in the same change gives nothing', () => {
    const result = verdict('dana-apex', {
      'policies/guardrails.yaml': GUARDRAILS.replace('mayAssign: [client-viewer]', 'mayAssign: [client-viewer, client-admin]'),
      'clients/apex.yaml': apexWith({}, ['  finn: { email: finn@apexoutdoor.com, github: finn-apex, role: client-admin }']),
    });
    expect(result.issues.map((issue) => `${issue.file}:${issue.line} ${issue.rule}`)).toEqual(['policies/guardrails.yaml:6 delegate-other-file', 'clients/apex.yaml:13 delegate-role']);
    expect(result.issues[1]?.message).toContain('they may assign client-viewer)');
  });
});

describe('who the author is', () => {
  const everything = { 'policies/roles.yaml': `${ROLES}# a note\n`, 'clients/bloom.yaml': BLOOM.replace('bloom.com]', 'bloom.com, bloom.io]') };
  it.each([
    { author: 'maria-acme', standing: 'agency', clients: ['apex'], issues: 0 },
    { author: 'Priya@Acme-Agency.com', standing: 'agency', clients: ['bloom'], issues: 0 },
    { author: 'somebody-else', standing: 'unknown', clients: [], issues: 0 },
    { author: 'bo-bloom', standing: 'client-person', clients: ['bloom'], issues: 2 },
    { author: '@dana-apex', standing: 'delegate', clients: ['apex'], issues: 2 },
    { author: 'dana@apexoutdoor.com', standing: 'delegate', clients: ['apex'], issues: 2 },
  ])('$author is $standing', ({ author, standing, clients, issues }) => {
    const result = verdict(author, everything);
    expect(result.standing).toBe(standing);
    expect(result.clients).toEqual(clients);
    expect(result.issues).toHaveLength(issues);
  });
});

describe('buildCodeowners', () => {
  const { repository } = loadFromFiles('.', new Map(Object.entries(BASE)), { today: TODAY });
  const rules = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));
  it('gives each client file to its owners and delegates, everything else to every owner', () => {
    const { text, notes } = buildCodeowners(repository, { mayAssign: ['client-viewer'] });
    expect(rules(text)).toEqual([
      '*           @maria-acme @priya-acme',
      '/policies/  @maria-acme @priya-acme',
      '/schemas/   @maria-acme @priya-acme',
      '/.github/   @maria-acme @priya-acme',
      '/clients/apex.yaml   @maria-acme @dana-apex',
      '/clients/bloom.yaml  @priya-acme',
    ]);
    expect(text).toContain('may assign these roles only: client-viewer');
    expect(notes).toEqual([]);
  });

  it.each([
    { name: 'an agency team', options: { agencyTeam: '@acme-agency/leads' }, line: '/clients/apex.yaml   @acme-agency/leads @maria-acme @dana-apex' },
    { name: 'a config directory below the root', options: { agencyTeam: '@acme-agency/leads', prefix: 'access/' }, line: '/access/clients/apex.yaml   @acme-agency/leads @maria-acme @dana-apex' },
  ])('with $name', ({ options, line }) => {
    const text = buildCodeowners(repository, options).text;
    expect(text.split('\n')).toContain(line);
    expect(rules(text)[0]).toMatch(/^\* +@acme-agency\/leads$/);
  });

  it('notes a delegate without a GitHub login, and never leaves a file to its delegates alone', () => {
    const files = new Map(
      Object.entries({
        ...BASE,
        'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, role: client-viewer }', 12: '  maria: { email: maria@acme-agency.com }' }, ['  lee: { email: lee@apexoutdoor.com, github: lee-apex, role: client-viewer }']).replace('delegates: [dana]', 'delegates: [dana, lee]'),
      }),
    );
    const { repository: noLogin } = loadFromFiles('.', files, { today: TODAY });
    const { text, notes } = buildCodeowners(noLogin);
    expect(notes).toEqual(['dana, a delegate of apex, has no GitHub login in clients/apex.yaml, so cannot be a code owner of it.']);
    expect(rules(text)).toContain('/clients/apex.yaml   @priya-acme @lee-apex');
  });

  it('refuses a team that is not @org/team, and an agency without any login', () => {
    expect(() => buildCodeowners(repository, { agencyTeam: 'leads' })).toThrow(UsageError);
    const { repository: anonymous } = loadFromFiles('.', new Map(Object.entries({ ...BASE, 'clients/bloom.yaml': BLOOM.replace(', github: priya-acme, role: agency-lead', ''), 'clients/apex.yaml': APEX.replace(', github: maria-acme, role: agency-lead', '') })), { today: TODAY });
    expect(() => buildCodeowners(anonymous)).toThrow('no owner of any client has a GitHub login');
  });
});
