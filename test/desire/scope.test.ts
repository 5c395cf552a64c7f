import { describe, expect, it } from 'vitest';
import { inScope, restrictToScope, scopeOfChanges, summariseScope, widenTo, type ChangedFile, type ClientUses, type ReadScope } from '../../src/desire/scope.js';
import { loadRepository } from '../../src/load/load.js';
import { changedScope } from '../../src/pipeline.js';
import { examplePolicies, GITHUB_CLIENTS, workspace } from '../e2e/workspace.js';
import type { DesiredState } from '../../src/desire/expand.js';
import type { ManagedResource } from '../../src/model/grants.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { scopeLine } from '../../src/report/scope-line.js';
import { renderText } from '../../src/report/text.js';

const ROLES = [
  'roles:',
  '  client-admin: { description: Ops lead, side: client, levels: { github-repo: push } }',
  '  client-viewer: { description: Sponsor, side: client, levels: { drive-folder: reader } }',
  '  agency-lead: { description: Lead, side: agency, levels: { github-repo: admin } }',
  '',
].join('\n');
const PLATFORMS = ['github: { org: acme-agency }', 'google: { customer: C01abc2de, subject: latch@acme-agency.com }', 'slack: { workspace: T0ACME }', ''].join('\n');

const PEOPLE = [
  'people:',
  '  maria: { email: maria@acme-agency.com, github: maria-acme }',
  '  tom:   { email: tom@acme-agency.com, github: tom-acme }',
  '',
].join('\n');

/** Five clients; client-viewer is held in two of them, agency-lead in all; maria is named in apex and bloom, tom in echo. */
const USES = new Map<string, ClientUses>([
  ['apex', { roles: new Set(['client-admin', 'agency-lead']), people: new Set(['dana', 'maria']) }],
  ['bloom', { roles: new Set(['client-viewer', 'agency-lead']), people: new Set(['olivia', 'maria']) }],
  ['cobalt', { roles: new Set(['client-admin', 'agency-lead']), people: new Set(['ken']) }],
  ['delta', { roles: new Set(['client-viewer', 'agency-lead']), people: new Set(['dee']) }],
  ['echo', { roles: new Set(['agency-lead']), people: new Set(['tom']) }],
]);

const changed = (file: string, before?: string, after?: string): ChangedFile => ({ file, inConfig: true, before, after });
const edited = (file: string) => changed(file, 'client: x\n', 'client: x\nname: X\n');

interface Row {
  case: string;
  changes: ChangedFile[];
  everything: boolean;
  clients: string[];
  platforms: string[];
  reasons: string[];
}

const rows: Row[] = [
  { case: 'a client file changed', changes: [edited('clients/apex.yaml')], everything: false, clients: ['apex'], platforms: [], reasons: ['clients/apex.yaml changed'] },
  {
    case: 'a client file renamed (deleted and added)',
    changes: [changed('clients/bloom.yaml', 'client: bloom\n'), changed('clients/bloom-co.yaml', undefined, 'client: bloom-co\n')],
    everything: false,
    clients: ['bloom', 'bloom-co'],
    platforms: [],
    reasons: ['clients/bloom.yaml deleted', 'clients/bloom-co.yaml added'],
  },
  { case: 'a client file deleted', changes: [changed('clients/cobalt.yml', 'client: cobalt\n')], everything: false, clients: ['cobalt'], platforms: [], reasons: ['clients/cobalt.yml deleted'] },
  {
    case: 'roles.yaml changed a role held in 2 of 5 clients',
    changes: [changed('policies/roles.yaml', ROLES, ROLES.replace('drive-folder: reader', 'drive-folder: commenter'))],
    everything: false,
    clients: ['bloom', 'delta'],
    platforms: [],
    reasons: ['policies/roles.yaml changed role client-viewer, held in 2 clients'],
  },
  {
    case: 'roles.yaml changed only a comment',
    changes: [changed('policies/roles.yaml', ROLES, `# the catalogue\n${ROLES}`)],
    everything: false,
    clients: [],
    platforms: [],
    reasons: ['policies/roles.yaml changed no role'],
  },
  {
    case: 'guardrails changed',
    changes: [edited('clients/apex.yaml'), changed('policies/guardrails.yaml', 'agencyDomains: [a.com]\n', 'agencyDomains: [a.com, b.com]\n')],
    everything: true,
    clients: [],
    platforms: [],
    reasons: ['policies/guardrails.yaml changed: every client is read'],
  },
  {
    case: "platforms.yaml changed GitHub's section",
    changes: [changed('policies/platforms.yaml', PLATFORMS, PLATFORMS.replace('org: acme-agency', 'org: acme-agency, audit: { outsideCollaborators: true }'))],
    everything: false,
    clients: [],
    platforms: ['github'],
    reasons: ['policies/platforms.yaml changed github: the github resources of every client are read'],
  },
  {
    case: 'platforms.yaml that no longer parses',
    changes: [changed('policies/platforms.yaml', PLATFORMS, 'github: [unclosed\n')],
    everything: true,
    clients: [],
    platforms: [],
    reasons: ['policies/platforms.yaml changed and does not parse: every client is read'],
  },
  {
    case: "people.yaml changed one person's identity",
    changes: [changed('policies/people.yaml', PEOPLE, PEOPLE.replace('github: maria-acme', 'github: maria-a'))],
    everything: false,
    clients: ['apex', 'bloom'],
    platforms: [],
    reasons: ['policies/people.yaml: maria changed; clients apex, bloom'],
  },
  {
    case: "people.yaml set one person's last day and added another no client names",
    changes: [changed('policies/people.yaml', PEOPLE, `${PEOPLE.replace('github: tom-acme', 'github: tom-acme, until: 2026-12-31')}  nina: { email: nina@acme-agency.com }\n`)],
    everything: false,
    clients: ['echo'],
    platforms: [],
    reasons: ['policies/people.yaml: nina added, tom changed; client echo'],
  },
  {
    case: 'people.yaml added a person no client names',
    changes: [changed('policies/people.yaml', PEOPLE, `${PEOPLE}  nina: { email: nina@acme-agency.com }\n`)],
    everything: false,
    clients: [],
    platforms: [],
    reasons: ['policies/people.yaml: nina added; no client names them'],
  },
  {
    case: 'people.yaml removed a person in one commit and added them in another',
    changes: [changed('policies/people.yaml', PEOPLE, PEOPLE.replace(/ {2}tom:.*\n/, '')), changed('policies/people.yaml', undefined, 'people: { tom: { email: tom@acme-agency.com } }\n')],
    everything: false,
    clients: ['echo'],
    platforms: [],
    reasons: ['policies/people.yaml: tom removed; client echo', 'policies/people.yaml: tom added; client echo'],
  },
  {
    case: 'people.yaml reordered, with a comment',
    changes: [changed('policies/people.yaml', PEOPLE, `# the agency\npeople:\n${PEOPLE.split('\n').slice(1, 3).reverse().join('\n')}\n`)],
    everything: false,
    clients: [],
    platforms: [],
    reasons: ['policies/people.yaml changed no person'],
  },
  {
    case: 'people.yaml changed beyond its people',
    changes: [changed('policies/people.yaml', PEOPLE, `${PEOPLE}extra: 1\n`)],
    everything: true,
    clients: [],
    platforms: [],
    reasons: ['policies/people.yaml changed beyond its people: every client is read'],
  },
  {
    case: 'people.yaml that does not parse',
    changes: [changed('policies/people.yaml', PEOPLE, 'people: [unclosed\n')],
    everything: true,
    clients: [],
    platforms: [],
    reasons: ['policies/people.yaml changed and does not parse: every client is read'],
  },
  {
    case: 'an unknown policies file',
    changes: [changed('policies/holidays.yaml', undefined, 'days: []\n')],
    everything: true,
    clients: [],
    platforms: [],
    reasons: ['policies/holidays.yaml changed: every client is read'],
  },
  {
    case: 'files Latch does not read',
    changes: [changed('README.md', 'a', 'b'), { file: '.github/workflows/latch.yml', inConfig: false, after: 'on: push\n' }, changed('clients/notes.md', undefined, 'x')],
    everything: false,
    clients: [],
    platforms: [],
    reasons: [],
  },
  { case: 'nothing changed', changes: [], everything: false, clients: [], platforms: [], reasons: [] },
];

describe('scopeOfChanges: which changed files put what in scope, and why', () => {
  it.each(rows)('$case', (row) => {
    expect(scopeOfChanges(row.changes, USES)).toEqual({ everything: row.everything, clients: row.clients, platforms: row.platforms, reasons: row.reasons });
  });
});

const resource = (client: string, kind: ManagedResource['kind'], ref: string): ManagedResource => ({
  client,
  kind,
  ref,
  key: ref,
  mode: 'manage',
  audience: 'any',
  at: { file: `clients/${client}.yaml`, line: 1, column: 1 },
});

describe('what a scope reads', () => {
  const scope: ReadScope = { everything: false, clients: ['apex'], platforms: ['slack'], reasons: ['clients/apex.yaml changed'] };

  it('keeps the resources and grants of the clients in scope and of the platforms whose settings changed', () => {
    const desired: DesiredState = {
      resources: [resource('apex', 'github-repo', 'acme/apex'), resource('bloom', 'github-repo', 'acme/bloom'), resource('bloom', 'slack-channel', 'C1')],
      grants: [],
      expired: [],
    };
    expect(restrictToScope(desired, scope).resources.map((kept) => kept.ref)).toEqual(['acme/apex', 'C1']);
    expect(inScope(scope, null, 'github-repo')).toBe(false);
  });

  it('keeps the departures: a leaver\'s revocations in scope are described as in a full plan', () => {
    const departures = [{ person: 'tom', until: '2026-11-01', at: { file: 'policies/people.yaml', line: 3, column: 30 }, principals: ['tom@acme-agency.com'] }];
    const desired: DesiredState = { resources: [], grants: [], expired: [], departures };
    expect(restrictToScope(desired, scope).departures).toEqual(departures);
  });

  it('widens to every reviewed change, and to everything for a change of no client', () => {
    expect(widenTo(scope, [{ client: 'apex', kind: 'github-repo' }])).toBe(scope);
    expect(widenTo(scope, [{ client: 'cobalt', kind: 'github-repo' }]).clients).toEqual(['apex', 'cobalt']);
    expect(widenTo(scope, [{ client: null, kind: 'github-repo' }]).everything).toBe(true);
  });

  it('says in one line what was read and what is left to the drift run', () => {
    const clients = Array.from({ length: 1000 }, (_, index) => (index === 0 ? 'apex' : `client-${index}`));
    const narrow = { everything: false, clients: ['apex'], platforms: [], reasons: ['clients/apex.yaml changed'] };
    expect(scopeLine(summariseScope(narrow, 'abc1234def5678abc1234def5678abc1234def56', clients, []))).toBe(
      'Scope: 1 of 1,000 clients (apex), changed since abc1234; audits and other clients are left to the nightly drift run.',
    );
    const all = scopeOfChanges([changed('policies/guardrails.yaml', 'a: 1\n', 'a: 2\n')], USES);
    expect(scopeLine(summariseScope(all, 'main', clients, []))).toBe('Scope: every client (1,000): policies/guardrails.yaml changed: every client is read.');
    expect(scopeLine(summariseScope(scopeOfChanges([], USES), 'main', clients, []))).toBe(
      'Scope: nothing changed since main affects any client, so no resource was read; audits are left to the nightly drift run.',
    );
  });
});

describe('changedScope: git tells what changed', () => {
  it('scopes to the files changed since the base, and reads everything when the base cannot be read', async () => {
    const repo = await workspace({}, { git: true });
    try {
      await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
      await repo.write({ 'clients/cobalt.yaml': `${GITHUB_CLIENTS['clients/cobalt.yaml'] ?? ''}# renewed\n` });
      const { repository } = await loadRepository(repo.dir, { today: '2026-11-23' });
      expect(await changedScope(repository, 'main')).toEqual({ everything: false, clients: ['cobalt'], platforms: [], reasons: ['clients/cobalt.yaml changed'] });
      const unknown = await changedScope(repository, 'no-such-branch');
      expect(unknown.everything).toBe(true);
      expect(unknown.reasons[0]).toMatch(/^what changed since no-such-branch cannot be told \(.*"no-such-branch" is not a commit.*\): every client is read$/);
    } finally {
      await repo.remove();
    }
  });
});

describe('the renderers say what a scoped plan read', () => {
  const scope = summariseScope({ everything: false, clients: ['apex'], platforms: ['slack'], reasons: ['clients/apex.yaml changed'] }, 'main', ['apex', 'bloom'], []);
  const plan = { fingerprint: 'sha256:0', changes: [], held: [], unread: [], findings: [], warnings: [], scope };

  it('in JSON as a scope object, in markdown and text as one line with the reason', () => {
    expect((JSON.parse(renderJson(plan)) as { scope: unknown }).scope).toEqual({
      mode: 'changed',
      base: 'main',
      clients: ['apex'],
      platforms: ['slack'],
      total: 2,
      resources: 0,
      reason: 'clients/apex.yaml changed',
    });
    const line = 'Scope: 1 of 2 clients (apex) and the slack resources of every client, changed since main; audits and other clients are left to the nightly drift run.';
    expect(renderText(plan, { color: false }).split('\n').slice(0, 2)).toEqual([line, 'Because: clients/apex.yaml changed.']);
    expect(renderMarkdown(plan)).toContain(line);
  });
});
