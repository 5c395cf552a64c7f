import { describe, expect, it } from 'vitest';
import { checkBound } from '../../src/apply/bound.js';
import { describeLeavers, type Departure } from '../../src/desire/leavers.js';
import { expiringSoon } from '../../src/history/expiring.js';
import type { Change } from '../../src/model/plan.js';
import { fingerprintChanges } from '../../src/plan/fingerprint.js';
import { parsePlanJson, renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { change, plan } from '../apply/fixtures.js';
import { want } from '../plan/fixtures.js';

const MARIA: Departure = { person: 'maria', until: '2026-11-20', at: { file: 'policies/people.yaml', line: 4, column: 39 }, principals: ['maria-acme', 'maria@acme-agency.com'] };
const TODAY = '2026-11-23';

function revoke(client: string, resource: string, principal: string): Change {
  return change({ action: 'revoke', client, kind: 'github-repo', resource, principal, from: 'push', to: null, reason: `access ended 2026-11-20 (clients/${client}.yaml:12)` });
}

/** Nine clients, maria on each (and on a second repository of apex and bloom), and one unrelated revocation. */
function changes(): Change[] {
  const clients = ['apex', 'bloom', 'cobalt', 'delta', 'echo', 'fjord', 'gala', 'halo', 'iris'];
  return [
    ...clients.map((client) => revoke(client, `acme-agency/${client}-web`, 'maria-acme')),
    ...clients.map((client) => revoke(client, `acme-agency/${client}-api`, 'maria-acme')).slice(0, 3),
    revoke('apex', 'acme-agency/apex-docs', 'maria@acme-agency.com'),
    change({ action: 'grant', client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'maria-acme', from: null, to: 'push', reason: 'role' }),
    revoke('bloom', 'acme-agency/bloom-web', 'zoe-zephyr'),
  ];
}

describe('leavers', () => {
  it('counts every revocation of a past leaver and says why, leaving the rest alone', () => {
    const { changes: described, leavers } = describeLeavers(changes(), [MARIA], TODAY, new Set());
    expect(leavers).toEqual([
      { person: 'maria', until: '2026-11-20', file: 'policies/people.yaml', line: 4, principals: ['maria-acme', 'maria@acme-agency.com'], revocations: 13, clients: ['apex', 'bloom', 'cobalt', 'delta', 'echo', 'fjord', 'gala', 'halo', 'iris'] },
    ]);
    expect(described.filter((entry) => entry.reason.startsWith('maria left the agency after 2026-11-20 (policies/people.yaml:4)'))).toHaveLength(13);
    expect(described.find((entry) => entry.principal === 'zoe-zephyr')?.reason).toBe('access ended 2026-11-20 (clients/bloom.yaml:12)');
    expect(described.find((entry) => entry.action === 'grant')?.reason).toBe('role');
  });

  it('lists nobody whose last day is today or later, and leaves offboarded clients to their offboarding', () => {
    expect(describeLeavers(changes(), [{ ...MARIA, until: TODAY }], TODAY, new Set()).leavers).toEqual([]);
    const { leavers } = describeLeavers(changes(), [MARIA], TODAY, new Set(['apex']));
    expect(leavers[0]?.revocations).toBe(10);
  });

  it("keeps a leaver's revocations outside the mass-revocation bound, but not anyone else's", () => {
    const { changes: described, leavers } = describeLeavers(changes(), [MARIA], TODAY, new Set());
    const bounds = { maxCount: 1, maxShare: 1 };
    const without = plan(described);
    expect(checkBound(without, described, 100, bounds).exceeded).toBe(true);
    const withLeavers = plan(described, { leavers });
    const check = checkBound(withLeavers, described, 100, bounds);
    expect(check).toMatchObject({ exceeded: false, revokes: 1 });
    const more = [...described, revoke('cobalt', 'acme-agency/cobalt-web', 'ken-cobalt')];
    expect(checkBound(plan(more, { leavers }), more, 100, bounds).exceeded).toBe(true);
  });

  it('shows the leaver as its own section in text, markdown and JSON, and a saved plan keeps it', () => {
    const { changes: described, leavers } = describeLeavers(changes(), [MARIA], TODAY, new Set());
    const made = plan(described, { leavers, fingerprint: fingerprintChanges(described) });
    const title = 'Leaving the agency: maria, 13 revocations on 9 clients';
    expect(renderText(made, { color: false })).toContain(`${title}\n  last day 2026-11-20 (policies/people.yaml:4)`);
    expect(renderMarkdown(made, { massRevoke: { maxCount: 1, maxShare: 1 } })).toContain(`### ${title}`);
    expect(renderMarkdown(made, { massRevoke: { maxCount: 1, maxShare: 1 } })).not.toContain('Mass revocation');
    const json = renderJson(made);
    expect(JSON.parse(json).leavers).toEqual(leavers);
    expect(parsePlanJson(json).leavers).toEqual(leavers);
  });

  it('warns ahead of a last day once, at people.yaml, instead of at every client', () => {
    const departure = { ...MARIA, until: '2026-11-30' };
    const grants = [
      want('maria-acme', 'admin', { until: '2026-11-30', client: 'apex' }),
      want('maria-acme', 'push', { until: '2026-11-30', client: 'bloom', resource: 'acme-agency/bloom-site' }),
      want('dana-apex', 'push', { until: '2026-11-30' }),
    ];
    const warnings = expiringSoon({ grants, departures: [departure] }, TODAY, 14);
    expect(warnings).toContainEqual({
      message: 'maria leaves the agency after 2026-11-30, in 7 days: their access ends on 2 resources of apex, bloom. Move the date in policies/people.yaml if they stay (expiring-soon)',
      file: 'policies/people.yaml',
      line: 4,
      column: 39,
    });
    expect(warnings).toHaveLength(2);
    expect(expiringSoon({ grants, departures: [departure] }, '2026-11-01', 14)).toEqual([]);
  });
});
