import { describe, expect, it } from 'vitest';
import { GuardrailsFile } from '../../src/load/model.js';
import type { Plan } from '../../src/model/plan.js';
import { driftRemains, renderDriftIssue } from '../../src/report/drift-issue.js';
import { renderStatusText } from '../../src/report/status.js';
import { classifyClients, statusExitCode } from '../../src/status/classify.js';

const plan: Plan = {
  fingerprint: 'sha256:x',
  changes: [],
  held: [],
  unread: [],
  findings: [],
  warnings: [],
  watched: [
    {
      client: 'cobalt',
      name: 'Cobalt Freight',
      offboardedOn: '2026-11-10',
      watchUntil: '2026-12-10',
      state: 'reappeared',
      reappeared: [{ kind: 'github-repo', resource: 'acme-agency/cobalt-web', principal: 'ken', level: 'write' }],
    },
    { client: 'zephyr', name: 'Zephyr', offboardedOn: '2026-11-01', watchUntil: '2026-12-01', state: 'clean', verifiedCleanOn: '2026-11-23', reappeared: [] },
  ],
  emergencies: [{ person: 'sam-apex', on: '2026-11-22', reason: 'laptop stolen', by: 'maria', resources: ['github-repo acme-agency/apex-web'] }],
};

describe('lifecycle in the reports', () => {
  it('names reappeared access and emergency revocations in the drift issue', () => {
    const { body } = renderDriftIssue({ plan, differences: [], expired: [] });
    expect(body).toContain('- Offboarded client cobalt: ken regained write on acme-agency/cobalt-web');
    expect(body).toContain('- sam-apex: revoked in an emergency on 2026-11-22, files not yet updated (laptop stolen; by maria; github-repo acme-agency/apex-web)');
    // A clean watch changes its date every day; the issue must not.
    expect(body).not.toContain('zephyr');
    expect(driftRemains({ plan, differences: [], expired: [] })).toBe(true);
  });

  it('shows each watched client in status, reappeared access needing attention', () => {
    const report = classifyClients({ repository: { clients: [], guardrails: GuardrailsFile.parse({ agencyDomains: ['acme-agency.com'] }) }, desired: { grants: [] }, readings: [], plan, today: '2026-11-23' });
    const text = renderStatusText(report);
    expect(text).toContain('cobalt  needs attention: offboarded on 2026-11-10, access reappeared: ken write on acme-agency/cobalt-web (watched until 2026-12-10)');
    expect(text).toContain('zephyr  offboarded on 2026-11-01, verified clean on 2026-11-23 (watched until 2026-12-01)');
    expect(statusExitCode(report, plan)).toBe(2);
    expect(statusExitCode({ ...report, offboarded: report.offboarded?.filter((watch) => watch.state === 'clean') }, plan)).toBe(0);
  });
});
