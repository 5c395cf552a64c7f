import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import { expiringSoon } from '../../src/history/expiring.js';
import type { DesiredGrant } from '../../src/model/grants.js';
import { load, TODAY, yaml } from '../fixtures/load/repo.js';

function grant(until: string | undefined, overrides: Partial<DesiredGrant> = {}): DesiredGrant {
  return {
    client: 'apex',
    kind: 'github-repo',
    resource: 'acme-agency/apex-web',
    principal: 'sam-apex',
    person: 'sam',
    side: 'client',
    level: 'push',
    ...(until === undefined ? {} : { until }),
    because: [{ file: 'clients/apex.yaml', line: 12, column: 60, source: 'role', role: 'client-admin' }],
    ...overrides,
  };
}

describe('expiringSoon', () => {
  it.each([
    { name: 'the last day is today', until: '2026-11-23', days: 14, says: 'today is the last day' },
    { name: 'the last day is tomorrow', until: '2026-11-24', days: 14, says: 'tomorrow is the last day' },
    { name: 'exactly the window away', until: '2026-12-07', days: 14, says: 'in 14 days' },
    { name: 'one day beyond the window', until: '2026-12-08', days: 14, says: undefined },
    { name: 'already expired (the planner revokes it)', until: '2026-11-22', days: 14, says: undefined },
    { name: 'no end date', until: undefined, days: 14, says: undefined },
    { name: 'a window of 0 days still warns on the last day', until: '2026-11-23', days: 0, says: 'today is the last day' },
    { name: 'a window of 0 days is quiet the day before', until: '2026-11-24', days: 0, says: undefined },
    { name: 'a wider window set in the guardrails', until: '2027-01-20', days: 60, says: 'in 58 days' },
  ])('$name', ({ until, days, says }) => {
    const warnings = expiringSoon({ grants: [grant(until)] }, TODAY, days);
    if (says === undefined) {
      expect(warnings).toEqual([]);
      return;
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'clients/apex.yaml', line: 12, column: 60 });
    expect(warnings[0]?.message).toContain(says);
    expect(warnings[0]?.message).toContain(`ends after ${until}`);
    expect(warnings[0]?.message).toContain('Renew it in a pull request');
  });

  it('gives one warning per declaration, listing every resource it ends on, placed at that declaration', () => {
    const { repository } = load({
      clients: {
        'clients/apex.yaml': yaml(
          'client: apex', // 1
          'name: Apex', // 2
          'domains: [apexoutdoor.com]', // 3
          'resources:', // 4
          '  web: { kind: github-repo, ref: acme-agency/apex-web }', // 5
          '  team: { kind: github-team, ref: acme-agency/apex-team }', // 6
          '  shared: { kind: drive-folder, ref: 1AbC, audience: client }', // 7
          'people:', // 8
          '  sam: { email: sam@apexoutdoor.com, github: sam-apex, role: client-admin, until: 2026-11-30 }', // 9
          '  finn: { email: finn@apexoutdoor.com, role: client-viewer }', // 10
          'grants:', // 11
          '  - { who: finn, on: shared, level: writer, until: 2026-12-01, why: "Q4 budget sheets" }', // 12
        ),
      },
    });
    const warnings = expiringSoon(expandDesired(repository, TODAY), TODAY, 14);
    expect(warnings.map((warning) => [warning.line, warning.column])).toEqual([
      [9, 62],
      [12, 5],
    ]);
    expect(warnings[0]?.message).toMatch(/sam \(apex\) ends after 2026-11-30, in 7 days, on 3 resources: drive-folder 1AbC \(writer\), github-repo acme-agency\/apex-web \(push\), github-team acme-agency\/apex-team \(member\)/);
    expect(warnings[1]?.message).toContain('finn (apex) ends after 2026-12-01, in 8 days, on drive-folder 1AbC (writer)');
  });
});
