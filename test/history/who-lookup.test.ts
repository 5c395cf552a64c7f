import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import { compareLive } from '../../src/history/live.js';
import { closeMatches, findPerson, grantsOf, identitiesOf } from '../../src/history/who.js';
import type { ActualGrant, ManagedResource, ResourceReading } from '../../src/model/grants.js';
import { load, TODAY, yaml } from '../fixtures/load/repo.js';

const { repository } = load({
  clients: {
    'clients/apex.yaml': yaml(
      'client: apex',
      'name: Apex',
      'domains: [apexoutdoor.com]',
      'resources:',
      '  web: { kind: github-repo, ref: acme-agency/apex-web }',
      '  shared: { kind: drive-folder, ref: 1AbC }',
      'people:',
      '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }',
      '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }',
      '  finn: { email: finn@apexoutdoor.com, github: finn-apex, role: client-admin, until: 2026-10-31 }',
    ),
    'clients/bloom.yaml': yaml(
      'client: bloom',
      'name: Bloom',
      'domains: [bloom.example]',
      'resources:',
      '  site: { kind: github-repo, ref: acme-agency/bloom-site }',
      'people:',
      '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }',
    ),
  },
});

describe('findPerson', () => {
  it.each([
    { query: 'maria@acme-agency.com', found: ['apex maria', 'bloom maria'] },
    { query: 'MARIA-ACME', found: ['apex maria', 'bloom maria'] },
    { query: ' dana-apex ', found: ['apex dana'] },
    { query: 'dana', found: [] },
    { query: 'acme-agency.com', found: [] },
  ])('$query', ({ query, found }) => {
    expect(findPerson(repository, query).map((entry) => `${entry.client} ${entry.key}`)).toEqual(found);
  });
});

describe('closeMatches', () => {
  it.each([
    { query: 'mara@acme-agency.com', matches: ['maria@acme-agency.com'] },
    { query: 'dana@apexoutdoor.co', matches: ['dana@apexoutdoor.com'] },
    { query: 'dana', matches: ['dana-apex', 'dana@apexoutdoor.com'] },
    { query: 'maria-acm', matches: ['maria-acme', 'maria@acme-agency.com'] },
    { query: 'nobody@apexoutdoor.com', matches: [] },
  ])('$query', ({ query, matches }) => {
    expect(closeMatches(repository, query)).toEqual(matches);
  });
});

function resource(client: string, kind: ManagedResource['kind'], ref: string): ManagedResource {
  return { client, key: ref, kind, ref, mode: 'manage', audience: 'any', at: { file: `clients/${client}.yaml`, line: 1, column: 1 } };
}

const WEB = resource('apex', 'github-repo', 'acme-agency/apex-web');
const SHARED = resource('apex', 'drive-folder', '1AbC');
const SITE = resource('bloom', 'github-repo', 'acme-agency/bloom-site');

function reading(of: ManagedResource, grants: ActualGrant[]): ResourceReading {
  return { resource: of, ok: true, grants };
}

describe('compareLive', () => {
  const desired = expandDesired(repository, TODAY);
  it.each([
    {
      name: 'same level, a pending invitation, a grant on another client nobody declared',
      person: 'dana-apex',
      readings: [
        reading(WEB, [{ principal: 'Dana-Apex', level: 'push' }]),
        reading(SHARED, [{ principal: 'dana@apexoutdoor.com', level: 'writer', pending: { id: '1', expired: false } }]),
        reading(SITE, [{ principal: 'dana-apex', level: 'pull' }]),
      ],
      expected: ['apex acme-agency/apex-web push/push same', 'apex 1AbC writer/writer(open) same', 'bloom acme-agency/bloom-site -/pull undeclared'],
    },
    {
      name: 'a missing grant, an expired invitation, and a level that differs',
      person: 'maria-acme',
      readings: [
        reading(WEB, [{ principal: 'maria-acme', level: 'push' }]),
        reading(SHARED, []),
        reading(SITE, [{ principal: 'maria-acme', level: 'admin', pending: { id: '2', expired: true } }]),
      ],
      expected: ['apex acme-agency/apex-web admin/push different', 'apex 1AbC organizer/- missing', 'bloom acme-agency/bloom-site admin/admin(expired) missing'],
    },
    {
      name: 'access whose until passed, and a resource that could not be read',
      person: 'finn-apex',
      readings: [reading(WEB, [{ principal: 'finn-apex', level: 'push' }]), { resource: SHARED, ok: false as const, error: 'HTTP 500' }],
      expected: ['apex acme-agency/apex-web -/push ended'],
    },
  ])('$name', ({ person, readings, expected }) => {
    const entries = findPerson(repository, person);
    const { current, ended } = grantsOf(desired, entries);
    const live = compareLive(current, ended, identitiesOf(entries), readings);
    expect(live.map((entry) => `${entry.client} ${entry.resource} ${entry.desired ?? '-'}/${entry.actual ?? '-'}${entry.pending ? `(${entry.pending})` : ''} ${entry.status}`)).toEqual(expected);
  });

  it('marks the person\'s grants on an unreadable resource as not read, never as missing', () => {
    const entries = findPerson(repository, 'dana-apex');
    const { current, ended } = grantsOf(desired, entries);
    const live = compareLive(current, ended, identitiesOf(entries), [{ resource: WEB, ok: false, error: 'HTTP 500' }]);
    expect(live).toEqual([{ client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'dana-apex', desired: 'push', status: 'unread', error: 'HTTP 500' }]);
  });
});
