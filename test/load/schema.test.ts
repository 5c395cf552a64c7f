import { describe, expect, it } from 'vitest';
import { apexWith, expectIssue, find, GUARDRAILS, issuesOf, load, ROLES, yaml, type RepoFiles } from '../fixtures/load/repo.js';

interface Case {
  name: string;
  file: 'clients/apex.yaml' | 'policies/roles.yaml' | 'policies/guardrails.yaml';
  content: string;
  rule: string;
  line: number;
  at: string;
  says?: string[];
  hints?: string[];
}

const cases: Case[] = [
  {
    name: 'an unknown key points at the key and suggests the right one',
    file: 'clients/apex.yaml',
    content: apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, rol: client-admin }' }),
    rule: 'schema-unknown-key',
    line: 11,
    at: 'rol:',
    says: ['"rol"', 'Person "dana"'],
    hints: ['Did you mean role?', 'email, github, linkedin, role and until'],
  },
  {
    name: 'a value outside an enum lists the allowed values',
    file: 'clients/apex.yaml',
    content: apexWith({ 7: '  web: { kind: github-repository, ref: acme-agency/apex-web }' }),
    rule: 'schema-not-allowed',
    line: 7,
    at: 'github-repository',
    hints: ['Did you mean github-repo?', 'slack-channel', 'linkedin-ad-account'],
  },
  {
    name: 'a missing required key points at the mapping that lacks it',
    file: 'clients/apex.yaml',
    content: apexWith({ 7: '  web: { kind: github-repo }' }),
    rule: 'schema-missing-key',
    line: 7,
    at: '{',
    says: ['Resource "web" has no "ref"'],
    hints: ["platform's own reference"],
  },
  {
    name: 'a missing top-level key points at the top mapping',
    file: 'clients/apex.yaml',
    content: apexWith({ 2: '# no name yet' }),
    rule: 'schema-missing-key',
    line: 1,
    at: 'client',
    says: ['"name"'],
  },
  {
    name: 'a number where text is expected asks for quotes',
    file: 'clients/apex.yaml',
    content: apexWith({ 8: '  shared: { kind: drive-folder, ref: 123456789 }' }),
    rule: 'schema-wrong-type',
    line: 8,
    at: '123456789',
    hints: ['ref: "123456789"'],
  },
  {
    name: 'a badly formed name points at the key',
    file: 'clients/apex.yaml',
    content: apexWith({ 7: '  Web Site: { kind: github-repo, ref: acme-agency/apex-web }' }),
    rule: 'schema-bad-name',
    line: 7,
    at: 'Web Site',
    hints: ['"web-site"'],
  },
  {
    name: 'a date in the wrong form',
    file: 'clients/apex.yaml',
    content: apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 31/12/2026 }' }),
    rule: 'schema-bad-format',
    line: 11,
    at: '31/12/2026',
    hints: ['YYYY-MM-DD'],
  },
  {
    name: 'an e-mail address that is not one',
    file: 'clients/apex.yaml',
    content: apexWith({ 11: '  dana: { email: dana.apexoutdoor.com, github: dana-apex, role: client-admin }' }),
    rule: 'schema-bad-format',
    line: 11,
    at: 'dana.apexoutdoor.com',
    says: ['e-mail address'],
  },
  {
    name: 'a role level the kind does not have',
    file: 'policies/roles.yaml',
    content: ROLES.replace('levels: { drive-folder: reader }', 'levels: { drive-folder: read }'),
    rule: 'schema-not-allowed',
    line: 9,
    at: 'read }',
    hints: ['reader, commenter, writer and organizer'],
  },
  {
    name: 'an empty list where one entry is needed',
    file: 'policies/guardrails.yaml',
    content: GUARDRAILS.replace('agencyDomains: [acme-agency.com]', 'agencyDomains: []'),
    rule: 'schema-empty',
    line: 1,
    at: '[',
  },
  {
    name: 'a number out of range',
    file: 'policies/guardrails.yaml',
    content: GUARDRAILS.replace('maxDays: 365', 'maxDays: 0'),
    rule: 'schema-out-of-range',
    line: 5,
    at: '0',
  },
];

function filesFor(example: Case): RepoFiles {
  if (example.file === 'policies/roles.yaml') return { roles: example.content };
  if (example.file === 'policies/guardrails.yaml') return { guardrails: example.content };
  return { clients: { [example.file]: example.content } };
}

describe('schema validation', () => {
  it.each(cases)('$name', (example) => {
    const issues = issuesOf(filesFor(example));
    expectIssue(issues, { rule: example.rule, file: example.file, ...find(example.content, example.line, example.at), says: example.says, hints: example.hints });
  });

  it('reports every violation of a file at once', () => {
    const content = yaml('client: apex', 'name: Apex', 'resources:', '  web:', '    kind: github-rep', '    reff: x', 'people:', '  d: { email: d@apex.com, until: 2027 }');
    const issues = issuesOf({ clients: { 'clients/apex.yaml': content } });
    expect(issues.map((issue) => [issue.line, issue.column, issue.rule])).toEqual([
      [5, 5, 'schema-missing-key'],
      [5, 11, 'schema-not-allowed'],
      [6, 5, 'schema-unknown-key'],
      [8, 34, 'schema-wrong-type'],
    ]);
  });

  it('applies the defaults of the model', () => {
    const { repository } = load({ clients: { 'clients/apex.yaml': yaml('client: apex', 'name: Apex') } });
    expect(repository.clients[0]?.data).toEqual({ client: 'apex', name: 'Apex', domains: [], owners: [], delegates: [], resources: {}, people: {}, grants: [] });
    expect(repository.guardrails.massRevoke).toEqual({ maxCount: 25, maxShare: 0.2 });
  });

  it('refuses a role name that would reach Object.prototype', () => {
    const issues = issuesOf({ clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: constructor }' }) } });
    expect(issues.map((issue) => issue.rule)).toEqual(['unknown-role']);
  });
});
