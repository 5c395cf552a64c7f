import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigIssue } from '../../src/errors.js';
import { loadFromFiles } from '../../src/load/load.js';
import { APEX, apexWith, expectIssue, find, GUARDRAILS, issuesOf, load, repoFiles, TODAY, yaml, type RepoFiles } from '../fixtures/load/repo.js';

const GRANT = (text: string) => ['grants:', `  - { ${text}, why: "needed for the launch" }`]; // grant entry on line 14

function bloom(person: string, resource = '  site: { kind: github-repo, ref: acme-agency/bloom-site }'): string {
  return yaml('client: bloom', 'name: Bloom Botanicals', 'domains: [bloom.com]', 'resources:', resource, 'people:', person);
}

interface Case {
  name: string;
  files: RepoFiles;
  rule: string;
  file?: string;
  line: number;
  /** Text the issue points at (its first occurrence on the line). */
  at: string;
  severity?: 'error' | 'warning';
  says?: string[];
  hints?: string[];
}

const cases: Case[] = [
  { name: 'client slug differs from the file name', files: { clients: { 'clients/apex.yaml': apexWith({ 1: 'client: apex-co' }) } }, rule: 'client-slug-mismatch', line: 1, at: 'apex-co', hints: ['client: apex'] },
  {
    name: 'unknown role',
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admn }' }) } },
    rule: 'unknown-role',
    line: 11,
    at: 'client-admn',
    hints: ['Did you mean client-admin?', 'agency-lead'],
  },
  { name: 'grant for an unknown person', files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: dan, on: web, level: pull')) } }, rule: 'unknown-person', line: 14, at: 'dan,', hints: ['Did you mean dana?'] },
  { name: 'grant on an unknown resource', files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: dana, on: wbe, level: pull')) } }, rule: 'unknown-resource', line: 14, at: 'wbe', hints: ['web'] },
  {
    name: 'level the kind does not have',
    files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: maria, on: web, level: writer')) } },
    rule: 'level-not-of-kind',
    line: 14,
    at: 'writer',
    says: ['github-repo'],
    hints: ['pull, triage, push, maintain and admin'],
  },
  { name: 'unknown owner', files: { clients: { 'clients/apex.yaml': apexWith({ 4: 'owners: [marie]' }) } }, rule: 'unknown-person', line: 4, at: 'marie', hints: ['maria'] },
  { name: 'unknown delegate', files: { clients: { 'clients/apex.yaml': apexWith({ 5: 'delegates: [danna]' }) } }, rule: 'unknown-person', line: 5, at: 'danna', hints: ['dana'] },
  {
    name: 'ref claimed twice in one file',
    files: { clients: { 'clients/apex.yaml': apexWith({ 9: '  web2: { kind: github-repo, ref: Acme-Agency/apex-web }' }) } },
    rule: 'ref-claimed-twice',
    line: 9,
    at: 'Acme-Agency',
    says: ['web and as web2'],
  },
  {
    name: 'ref claimed by two clients',
    files: { clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloom('  bo: { email: bo@bloom.com, github: bo-bloom }', '  site: { kind: github-repo, ref: acme-agency/apex-web }') } },
    rule: 'ref-claimed-twice',
    file: 'clients/bloom.yaml',
    line: 5,
    at: 'acme-agency/apex-web',
    says: ['client apex', 'clients/apex.yaml:7'],
  },
  {
    name: 'one person with two e-mail addresses',
    files: { clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloom('  maria: { email: maria.r@acme-agency.com, github: maria-acme, role: agency-lead }') } },
    rule: 'person-identity-conflict',
    file: 'clients/bloom.yaml',
    line: 7,
    at: 'maria.r@',
    says: ['maria@acme-agency.com', 'clients/apex.yaml:12'],
  },
  {
    name: 'one person with two GitHub logins',
    files: { clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloom('  maria: { email: maria@acme-agency.com, github: maria-a, role: agency-lead }') } },
    rule: 'person-identity-conflict',
    file: 'clients/bloom.yaml',
    line: 7,
    at: 'maria-a,',
    says: ['GitHub login'],
  },
  {
    name: 'one e-mail address used by two people',
    files: { clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloom('  mia: { email: Maria@acme-agency.com, github: mia-acme, role: agency-lead }') } },
    rule: 'identity-shared',
    file: 'clients/bloom.yaml',
    line: 7,
    at: 'Maria@',
    says: ['maria in clients/apex.yaml:12'],
  },
  {
    name: 'one GitHub login used by two people',
    files: { clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloom('  mia: { email: mia@acme-agency.com, github: maria-acme, role: agency-lead }') } },
    rule: 'identity-shared',
    file: 'clients/bloom.yaml',
    line: 7,
    at: 'maria-acme',
  },
  {
    name: 'one LinkedIn member URN used by two people',
    files: {
      clients: {
        'clients/apex.yaml': apexWith({ 12: '  maria: { email: maria@acme-agency.com, github: maria-acme, linkedin: "urn:li:person:M4ria", role: agency-lead }' }),
        'clients/bloom.yaml': bloom('  mia: { email: mia@acme-agency.com, linkedin: "urn:li:person:M4ria", role: agency-lead }'),
      },
    },
    rule: 'identity-shared',
    file: 'clients/bloom.yaml',
    line: 7,
    at: '"urn:li:person:M4ria',
    says: ['LinkedIn member URN', 'maria in clients/apex.yaml:12'],
  },
  {
    name: 'one person with two LinkedIn member URNs, which are case-sensitive',
    files: {
      clients: {
        'clients/apex.yaml': apexWith({ 12: '  maria: { email: maria@acme-agency.com, github: maria-acme, linkedin: "urn:li:person:M4ria", role: agency-lead }' }),
        'clients/bloom.yaml': bloom('  maria: { email: maria@acme-agency.com, github: maria-acme, linkedin: "urn:li:person:m4ria", role: agency-lead }'),
      },
    },
    rule: 'person-identity-conflict',
    file: 'clients/bloom.yaml',
    line: 7,
    at: '"urn:li:person:m4ria',
    says: ['LinkedIn member URN'],
  },
  {
    name: 'personal mail domain for an agency person',
    files: { clients: { 'clients/apex.yaml': apexWith({ 12: '  maria: { email: maria@gmail.com, github: maria-acme, role: agency-lead }' }) } },
    rule: 'personal-domain',
    line: 12,
    at: 'maria@gmail.com',
    says: ['gmail.com'],
    hints: ['acme-agency.com'],
  },
  {
    name: 'client-side e-mail outside the client domains',
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apex-partners.com, github: dana-apex, role: client-admin }' }) } },
    rule: 'email-domain-not-client',
    line: 11,
    at: 'dana@apex-partners.com',
    severity: 'warning',
    hints: ['domains'],
  },
  {
    name: 'client-side person above the maximum through a role',
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-power }' }) } },
    rule: 'above-client-max',
    line: 11,
    at: 'client-power',
    says: ['admin', 'at most push'],
  },
  {
    name: 'client-side person above the maximum through a grant',
    files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: dana, on: web, level: maintain')) } },
    rule: 'above-client-max',
    line: 14,
    at: '{',
    says: ['maintain', 'at most push'],
    hints: ['push'],
  },
  {
    name: 'agency role given to a client-side person',
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: agency-lead }' }) } },
    rule: 'role-side',
    line: 11,
    at: 'agency-lead',
    hints: ['client-admin'],
  },
  {
    name: 'client role given to an agency person',
    files: { clients: { 'clients/apex.yaml': apexWith({ 12: '  maria: { email: maria@acme-agency.com, github: maria-acme, role: client-viewer }' }) } },
    rule: 'role-side',
    line: 12,
    at: 'client-viewer',
    hints: ['agency-lead'],
  },
  {
    name: "a person's until in the past",
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 2026-11-22 }' }) } },
    rule: 'expired',
    line: 11,
    at: '2026-11-22',
    severity: 'warning',
    says: ['revoked'],
  },
  { name: "a grant's until in the past", files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: maria, on: shared, level: reader, until: 2025-01-31')) } }, rule: 'expired', line: 14, at: '2025-01-31', severity: 'warning' },
  {
    name: 'client-side until too far ahead',
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 2027-11-24 }' }) } },
    rule: 'until-too-far',
    line: 11,
    at: '2027-11-24',
    says: ['365 days'],
    hints: ['2027-11-23'],
  },
  { name: 'client-side grant until too far ahead', files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: dana, on: shared, level: reader, until: 2030-01-01')) } }, rule: 'until-too-far', line: 14, at: '2030-01-01' },
  {
    name: 'until required for client-side people',
    files: { guardrails: GUARDRAILS.replace('  maxDays: 365', '  maxDays: 365\n  requireUntil: true') },
    rule: 'until-required',
    line: 11,
    at: 'dana',
    hints: ['until: YYYY-MM-DD'],
  },
  {
    name: 'agency-only resource reached by a client-side person',
    files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: dana, on: internal, level: reader')) } },
    rule: 'agency-only-resource',
    line: 14,
    at: '{',
    says: ['internal', 'dana'],
  },
  {
    name: 'a person without the identity a kind needs',
    files: { clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, role: client-admin }' }) } },
    rule: 'identity-missing',
    line: 11,
    at: 'client-admin',
    says: ['dana', 'GitHub login', 'web (github-repo)'],
    hints: ['github:'],
  },
  {
    name: 'a neverTouch principal declared as a person',
    files: { clients: { 'clients/apex.yaml': apexWith({}, ['  bot: { email: bot@acme-agency.com, github: Acme-Bot }']) } },
    rule: 'never-touch-declared',
    line: 13,
    at: 'Acme-Bot',
    severity: 'warning',
  },
  { name: 'a date that does not exist', files: { clients: { 'clients/apex.yaml': apexWith({}, GRANT('who: maria, on: shared, level: reader, until: 2027-02-30')) } }, rule: 'invalid-date', line: 14, at: '2027-02-30' },
  {
    name: 'two files for one client',
    files: { clients: { 'clients/apex.yaml': APEX, 'clients/apex.yml': apexWith({ 7: '  web: { kind: github-repo, ref: acme-agency/other }', 8: '  shared: { kind: drive-folder, ref: 1AbD, audience: client }', 9: '  internal: { kind: drive-folder, ref: 9XyY, audience: agency }' }) } },
    rule: 'duplicate-client',
    file: 'clients/apex.yml',
    line: 1,
    at: 'apex',
  },
  {
    name: 'guardrails naming an unknown role',
    files: { guardrails: GUARDRAILS.replace('mayAssign: [client-viewer]', 'mayAssign: [client-viewer, client-reader]') },
    rule: 'unknown-role',
    file: 'policies/guardrails.yaml',
    line: 6,
    at: 'client-reader',
    hints: ['Known roles'],
  },
];

describe('guardrails and cross-file rules', () => {
  it.each(cases)('$name', (example) => {
    const file = example.file ?? 'clients/apex.yaml';
    const content = file.startsWith('policies/') ? (example.files.guardrails ?? '') : String(example.files.clients?.[file] ?? APEX);
    const issues = issuesOf(example.files);
    expectIssue(issues, { rule: example.rule, file, ...find(content, example.line, example.at), severity: example.severity, says: example.says, hints: example.hints });
    if (example.severity === 'warning') expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('loads the base repository without issues', () => {
    expect(issuesOf()).toEqual([]);
  });

  it('reports a personal address once, not again as a role on the wrong side', () => {
    const issues = issuesOf({ clients: { 'clients/apex.yaml': apexWith({ 12: '  maria: { email: maria@gmail.com, github: maria-acme, role: agency-lead }' }) } });
    expect(issues.map((issue) => issue.rule)).toEqual(['personal-domain']);
  });

  it.each(['roles', 'guardrails', 'platforms'])('reports a missing policies/%s.yaml at line 1 column 1', (name) => {
    const files = repoFiles();
    files.delete(`policies/${name}.yaml`);
    let issues: ConfigIssue[] = [];
    try {
      loadFromFiles('.', files, { today: TODAY });
    } catch (failure) {
      if (failure instanceof ConfigError) issues = failure.issues;
    }
    expectIssue(issues, { rule: 'missing-file', file: `policies/${name}.yaml`, line: 1, column: 1, hints: ['--dir'] });
  });

  it('drops an expired person from the desired state and keeps the warning', () => {
    const result = load({ clients: { 'clients/apex.yaml': apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 2026-01-01 }' }) } });
    expect(result.warnings.map((issue) => [issue.rule, issue.line])).toEqual([['expired', 11]]);
  });

  it('sorts errors first, then by file, line and column', () => {
    const issues = issuesOf({
      clients: {
        'clients/apex.yaml': apexWith({ 1: 'client: apex-co', 11: '  dana: { email: dana@elsewhere.com, github: dana-apex, role: client-admn }' }),
        'clients/bloom.yaml': bloom('  bo: { email: bo@bloom.com, role: client-viewer }', '  site: { kind: github-repo, ref: acme-agency/apex-web }'),
      },
    });
    expect(issues.map((issue) => [issue.severity, issue.file, issue.line, issue.rule])).toEqual([
      ['error', 'clients/apex.yaml', 1, 'client-slug-mismatch'],
      ['error', 'clients/apex.yaml', 11, 'unknown-role'],
      ['error', 'clients/bloom.yaml', 5, 'ref-claimed-twice'],
      ['warning', 'clients/apex.yaml', 11, 'email-domain-not-client'],
    ]);
  });
});
