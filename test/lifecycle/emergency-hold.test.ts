import { describe, expect, it } from 'vitest';
import type { DesiredGrant } from '../../src/model/grants.js';
import type { Change } from '../../src/model/plan.js';
import type { EmergencyRecord } from '../../src/model/lifecycle.js';
import { holdEmergencies } from '../../src/plan/emergency.js';
import { removePerson } from '../../src/review/remove-person.js';

const declared: DesiredGrant = {
  client: 'cobalt',
  kind: 'github-repo',
  resource: 'acme-agency/cobalt-portal',
  principal: 'ken-cobalt',
  person: 'ken',
  side: 'client',
  level: 'push',
  because: [],
};
const regrant: Change = { action: 'grant', client: 'cobalt', kind: 'github-repo', resource: 'acme-agency/cobalt-portal', principal: 'ken-cobalt', from: null, to: 'push', reason: 'role client-admin' };
const other: Change = { ...regrant, principal: 'tom-acme' };
const hold: EmergencyRecord = { at: '2026-11-20T08:00:00Z', kind: 'github-repo', resource: 'acme-agency/cobalt-portal', principal: 'ken-cobalt', reason: 'phished', by: 'maria' };

describe('emergency holds in the planner', () => {
  it.each([
    ['files still declare it: no re-grant, listed', [declared], [other], [{ person: 'ken-cobalt', on: '2026-11-20', reason: 'phished', by: 'maria', resources: ['github-repo acme-agency/cobalt-portal'] }]],
    ['files no longer declare it: nothing held, nothing listed', [], [regrant, other], []],
  ])('%s', (_, grants, changes, emergencies) => {
    expect(holdEmergencies([regrant, other], grants, [hold])).toEqual({ changes, emergencies });
  });

  it('leaves everything as it is without records', () => {
    expect(holdEmergencies([regrant], [declared], [])).toEqual({ changes: [regrant], emergencies: [] });
  });
});

describe('removing a person from a client file', () => {
  const file = [
    'client: cobalt',
    'owners: [tom, ken]   # accountable',
    'delegates:',
    '  - ken',
    'people:',
    '  ken: { email: ken@cobaltfreight.com, github: ken-cobalt, role: client-admin }   # ops',
    '  tom:',
    '    email: tom@acme-agency.com',
    '    role: agency-lead',
    'grants:',
    '  - { who: ken, on: portal, level: admin, why: "release" }',
    '  - { who: tom, on: portal, level: admin }',
    '',
  ].join('\n');

  it('takes out their entry, grants and places, and keeps every other byte', () => {
    expect(removePerson(file, { keys: new Set(), identities: new Set(['ken-cobalt']) })).toBe(
      ['client: cobalt', 'owners: [tom]   # accountable', 'delegates: []', 'people:', '  tom:', '    email: tom@acme-agency.com', '    role: agency-lead', 'grants:', '  - { who: tom, on: portal, level: admin }', ''].join('\n'),
    );
  });

  it('removes a block entry whole', () => {
    expect(removePerson(file, { keys: new Set(['tom']), identities: new Set() })).not.toMatch(/tom/);
  });
});
