import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchedClients } from '../../src/history/offboarded.js';
import type { AuditRecord } from '../../src/history/audit-log.js';
import { loadRepository } from '../../src/load/load.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

let repo: Workspace;

beforeEach(async () => {
  repo = await workspace({}, { git: true });
  await repo.commit('Access as code', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-10-01T10:00:00Z');
  await repo.commit('Offboard Cobalt', { 'clients/cobalt.yaml': null }, '2026-11-10T16:00:00Z');
});

afterEach(() => repo.remove());

async function watched(today: string, records: AuditRecord[] = []) {
  const { repository } = await loadRepository(repo.dir, { today });
  return watchedClients(repository, { today, watchDays: 30, records });
}

function revokeRecord(at: string, resource: string): AuditRecord {
  return { at, pr: 7, mergedBy: 'maria-acme', status: 'applied', change: { action: 'revoke', kind: 'github-repo', resource, principal: 'ken-cobalt', from: 'push', to: null } };
}

describe('offboarded clients under watch', () => {
  it.each([
    ['the day the deletion landed', '2026-11-10', true],
    ['within the watch', '2026-11-23', true],
    ['the last day of the watch', '2026-12-10', true],
    ['the day after the watch', '2026-12-11', false],
  ])('%s (%s): watched %s', async (_, today, expected) => {
    const found = await watched(today);
    expect(found.length > 0).toBe(expected);
    if (expected) {
      expect(found).toEqual([
        expect.objectContaining({ client: 'cobalt', name: 'Cobalt Freight', file: 'clients/cobalt.yaml', offboardedOn: '2026-11-10', watchUntil: '2026-12-10' }),
      ]);
      expect(found[0]?.resources.map((resource) => `${resource.kind} ${resource.ref}`)).toEqual(['github-repo acme-agency/cobalt-portal']);
    }
  });

  it('counts from the day the apply records show the revocations carried out', async () => {
    const records = [revokeRecord('2026-11-01T09:00:00Z', 'acme-agency/cobalt-portal'), revokeRecord('2026-11-15T09:00:00Z', 'acme-agency/cobalt-portal')];
    const found = await watched('2026-12-11', records);
    expect(found.map((client) => [client.offboardedOn, client.watchUntil])).toEqual([['2026-11-15', '2026-12-15']]);
  });

  it('leaves out a resource a current client declares now', async () => {
    await repo.commit(
      'Nova takes over the portal',
      { 'clients/nova.yaml': 'client: nova\nname: Nova\ndomains: [nova.io]\nresources:\n  portal: { kind: github-repo, ref: acme-agency/cobalt-portal }\npeople: {}\n' },
      '2026-11-12T10:00:00Z',
    );
    const found = await watched('2026-11-23');
    expect(found).toEqual([]);
  });

  it('is not watched when the client file came back', async () => {
    await repo.commit('Cobalt is back', { 'clients/cobalt.yaml': GITHUB_CLIENTS['clients/cobalt.yaml'] ?? '' }, '2026-11-20T10:00:00Z');
    expect(await watched('2026-11-23')).toEqual([]);
  });
});
