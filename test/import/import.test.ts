import { describe, expect, it } from 'vitest';
import { buildImport, type ImportInput } from '../../src/import/build.js';
import { groupByPrefix } from '../../src/import/group.js';
import { personKeys } from '../../src/import/keys.js';
import { chooseRole, type Observation } from '../../src/import/roles.js';
import type { Observed } from '../../src/import/types.js';
import { renderImportedClient, renderImportedPeople, scalar } from '../../src/import/write-yaml.js';
import { loadFromFiles } from '../../src/load/load.js';
import { GuardrailsFile, RolesFile } from '../../src/load/model.js';
import type { ActualGrant } from '../../src/model/grants.js';
import { parseYaml } from '../../src/load/yaml.js';
import { GUARDRAILS, PLATFORMS, ROLES, TODAY } from '../fixtures/load/repo.js';

function parsed<T>(text: string, model: { parse(data: unknown): T }): T {
  const result = parseYaml('policy.yaml', text);
  if (!result.ok) throw new Error('fixture is not YAML');
  return model.parse(result.parsed.data);
}

const roles = parsed(ROLES, RolesFile).roles;
const guardrails = parsed(GUARDRAILS, GuardrailsFile);
const REPO_TEAM = [
  { key: 'web', kind: 'github-repo' },
  { key: 'api', kind: 'github-repo' },
  { key: 'eng', kind: 'github-team' },
] as const;

describe('chooseRole', () => {
  const seen = (entries: [string, string][]): Observation[] => entries.map(([key, level]) => ({ key, kind: REPO_TEAM.find((resource) => resource.key === key)?.kind ?? 'github-repo', level }));
  it.each([
    { name: 'a role that gives exactly what was found', side: 'client', found: [['web', 'push'], ['api', 'push'], ['eng', 'member']], role: 'client-admin', grants: [] },
    { name: 'the role plus a grant where the person has more', side: 'agency', found: [['web', 'admin'], ['api', 'admin'], ['eng', 'maintainer']], role: 'agency-lead', grants: [] },
    { name: 'no role that would give access not found: grants only', side: 'client', found: [['web', 'push']], role: undefined, grants: ['web=push'] },
    { name: 'the role below, raised by grants', side: 'client', found: [['web', 'push'], ['api', 'admin'], ['eng', 'member']], role: 'client-admin', grants: ['api=admin'] },
    { name: 'the role leaving the fewest grants, never one of the other side', side: 'client', found: [['web', 'admin'], ['api', 'admin'], ['eng', 'maintainer']], role: 'client-power', grants: ['eng=maintainer'] },
  ] as const)('$name', ({ side, found, role, grants }) => {
    const choice = chooseRole(seen(found.map(([key, level]) => [key, level])), REPO_TEAM, roles, side);
    expect(choice.role).toBe(role);
    expect(choice.grants.map((grant) => `${grant.key}=${grant.level}`)).toEqual(grants);
  });

  it('prefers the role that reaches least when two fit', () => {
    const catalogue = {
      broad: { description: 'd', side: 'client' as const, levels: { 'github-repo': 'push', 'drive-folder': 'writer' } },
      narrow: { description: 'd', side: 'client' as const, levels: { 'github-repo': 'push' } },
    };
    expect(chooseRole([{ key: 'web', kind: 'github-repo', level: 'push' }], [{ key: 'web', kind: 'github-repo' }], catalogue, 'client').role).toBe('narrow');
  });
});

describe('groupByPrefix', () => {
  const found = (name: string, kind: 'github-repo' | 'github-team' = 'github-repo'): Observed => ({ kind, ref: `acme-agency/${name}`, name, grants: [] });
  it.each([
    { name: 'apex-web', client: 'apex', key: 'web' },
    { name: 'Apex-Mobile.App', client: 'apex', key: 'mobile-app' },
    { name: 'bloom-site-v2', client: 'bloom', key: 'site-v2' },
    { name: 'website', client: undefined, why: 'no client prefix' },
    { name: '-draft', client: undefined, why: 'no client prefix' },
    { name: 'apex-', client: undefined, why: 'no client prefix' },
    { name: 'acme_ops-tools', client: undefined, why: 'not a client slug' },
  ])('$name', ({ name, client, key, why }) => {
    const grouping = groupByPrefix([found(name)]);
    if (client) expect(grouping.clients.get(client)?.map((resource) => resource.key)).toEqual([key]);
    else expect(grouping.unmapped[0]?.why).toContain(why);
  });

  it('keeps resource names unique within a client', () => {
    const grouping = groupByPrefix([found('apex-web'), found('apex-web', 'github-team')]);
    expect(grouping.clients.get('apex')?.map((resource) => `${resource.kind}:${resource.key}`)).toEqual(['github-repo:web', 'github-team:web-team']);
  });
});

describe('buildImport writes files that validate', () => {
  const grant = (principal: string, level: string, extra: Partial<ActualGrant> = {}): ActualGrant => ({ principal, level, ...extra });
  const input: ImportInput = {
    observed: [
      { kind: 'github-repo', ref: 'acme-agency/apex-web', name: 'apex-web', grants: [grant('maria-acme', 'admin'), grant('dana-apex', 'admin'), grant('acme-bot', 'admin'), grant('zoe', 'push'), grant('ken-cobalt', 'pull')] },
      { kind: 'github-team', ref: 'acme-agency/apex-eng', name: 'apex-eng', grants: [grant('maria-acme', 'maintainer'), grant('dana-apex', 'member', { pending: { id: '1', expired: false } })] },
      { kind: 'github-repo', ref: 'acme-agency/cobalt-portal', name: 'cobalt-portal', grants: [grant('ken-cobalt', 'push'), grant('old', 'push', { pending: { id: '2', expired: true } }), grant('x@y.com', 'pull', { pending: { id: '3', expired: false } })] },
      { kind: 'github-repo', ref: 'acme-agency/website', name: 'website', grants: [grant('maria-acme', 'admin')] },
      { kind: 'github-repo', ref: 'acme-agency/bloom-site', name: 'bloom-site', grants: [grant('bo', 'push')] },
    ],
    unread: [{ resource: { kind: 'github-repo', ref: 'acme-agency/apex-api', name: 'apex-api' }, error: 'github list: 500' }],
    declared: new Map([['github-repo\u0000acme-agency/bloom-site', 'clients/bloom.yaml']]),
    emails: new Map([
      ['maria-acme', 'maria@acme-agency.com'],
      ['dana-apex', 'dana@apexoutdoor.com'],
      ['ken-cobalt', 'ken@cobaltfreight.com'],
    ]),
    roles,
    guardrails,
    today: TODAY,
  };
  const result = buildImport(input);

  it('groups, chooses roles, caps client-side levels and reports the rest', () => {
    const apex = result.clients.find((client) => client.client === 'apex');
    expect(apex?.people.map((person) => `${person.key}:${person.role ?? '-'}:${person.grants.map((item) => `${item.key}=${item.level}`).join(',')}`)).toEqual([
      'dana-apex:client-admin:',
      'ken-cobalt:-:web=pull',
      'maria-acme:agency-lead:',
      'zoe:-:web=push',
    ]);
    expect(apex?.domains).toEqual(['apexoutdoor.com']);
    expect(apex?.owners).toEqual(['maria-acme']);
    expect(result.report.unmapped).toEqual(['github-repo acme-agency/website: "website" has no client prefix (a name before the first "-"); 1 person has access']);
    expect(result.report.alreadyDeclared).toEqual(['github-repo acme-agency/bloom-site (clients/bloom.yaml)']);
    expect(result.report.unread).toEqual(['github-repo acme-agency/apex-api: github list: 500']);
    expect(result.report.adjusted).toEqual(['dana-apex (apex) has admin on web; client-side people may have at most push: written as push, so the first plan lowers it']);
    expect(result.report.crossClient).toEqual(['ken-cobalt (ken@cobaltfreight.com) has pull on web of apex, but cobaltfreight.com is cobalt\'s domain: a person of another client']);
    expect(result.report.leftOut).toEqual([
      'acme-bot: on neverTouch in policies/guardrails.yaml, so never declared',
      'old on github-repo acme-agency/cobalt-portal: the invitation (push) expired; invite them again by declaring them',
      'x@y.com on github-repo acme-agency/cobalt-portal: invited by e-mail, so no GitHub login is known yet',
      'zoe (apex): no e-mail known, written commented out with their access (push on web); add their e-mail and uncomment',
    ]);
  });

  it('renders each client as a file that latch validate accepts, people without e-mail commented out', () => {
    const files = new Map<string, string>([
      ['policies/roles.yaml', ROLES],
      ['policies/guardrails.yaml', GUARDRAILS],
      ['policies/platforms.yaml', PLATFORMS],
    ]);
    for (const client of result.clients) files.set(`clients/${client.client}.yaml`, renderImportedClient(client, { source: 'GitHub organisation acme-agency', today: TODAY }));
    files.set('policies/people.yaml', renderImportedPeople(result.clients, {}));
    // Agency people are named by key; their identities are written once, in people.yaml.
    expect(files.get('clients/apex.yaml')).toContain('  maria-acme: { role: agency-lead }');
    expect(files.get('policies/people.yaml')).toContain('  maria-acme: { email: maria@acme-agency.com, github: maria-acme }');
    const apex = files.get('clients/apex.yaml') ?? '';
    expect(apex).toContain('  dana-apex: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }');
    expect(apex).toContain('  # zoe: { email: TODO, github: zoe }   # no e-mail known; has push on web');
    expect(apex).toContain('  - { who: ken-cobalt, on: web, level: pull, why: "imported 2026-11-23" }');
    const { repository, warnings } = loadFromFiles('.', files, { today: TODAY });
    expect(repository.clients.map((client) => client.data.client)).toEqual(['apex', 'cobalt']);
    expect(warnings.map((warning) => warning.rule)).toEqual(['email-domain-not-client']);
  });

  it.each([
    ['acme-agency/apex-web', 'acme-agency/apex-web'],
    ['123', '"123"'],
    ['yes', '"yes"'],
    ['imported 2026-11-23', '"imported 2026-11-23"'],
    ['dana@apexoutdoor.com', 'dana@apexoutdoor.com'],
  ])('scalar(%s) is %s', (value, written) => {
    expect(scalar(value)).toBe(written);
  });
});

describe('personKeys', () => {
  it.each([
    { name: 'logins as they are', principals: ['dana-apex', 'Tom_Acme'], keys: ['dana-apex', 'tom_acme'] },
    { name: 'e-mails by their local part', principals: ['dana@apexoutdoor.com', 'maria@acme-agency.com'], keys: ['dana', 'maria'] },
    { name: 'a shared local part qualified by the domain', principals: ['admin@c001.example', 'admin@c002.example', 'dana@apex.com'], keys: ['admin-c001', 'admin-c002', 'dana'] },
    { name: 'a login and an e-mail that would collide', principals: ['dana', 'dana@apex.com'], keys: ['dana', 'dana-apex'] },
    { name: 'numbered when qualifying is not enough', principals: ['a@x.com', 'a@x.org', 'a-x'], keys: ['a-x-2', 'a-x-3', 'a-x'] },
  ])('$name', ({ principals, keys }) => {
    const assigned = personKeys(principals);
    expect(principals.map((principal) => assigned.get(principal))).toEqual(keys);
    expect(new Set(assigned.values()).size).toBe(principals.length);
  });
});
