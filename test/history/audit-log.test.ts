import { describe, expect, it } from 'vitest';
import { joinAuditLog, parseAuditLog } from '../../src/history/audit-log.js';
import type { RegisterRow } from '../../src/history/register-row.js';

function record(at: string, action: 'grant' | 'update' | 'revoke', from: string | null, to: string | null, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    at,
    commit: 'abc',
    pr: 7,
    mergedBy: 'priya',
    change: { action, client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'Sam-Apex', from, to, reason: 'r' },
    status: 'applied',
    ...extra,
  });
}

const ROW: RegisterRow = {
  client: 'apex',
  person: 'sam',
  email: 'sam@apexoutdoor.com',
  side: 'client',
  platform: 'github',
  kind: 'github-repo',
  resource: 'acme-agency/apex-web',
  principal: 'sam-apex',
  level: 'push',
  status: 'ended',
  grantedOn: '2026-02-10T11:00:00Z',
  grantedBy: 'Ben',
  justification: 'role client-contributor',
  revokedOn: '2026-04-20T12:00:00Z',
  revokedBy: 'Dana',
};

describe('parseAuditLog', () => {
  it('keeps carried-out records in time order and names the lines it skips', () => {
    const text = [
      record('2026-04-20T12:10:00Z', 'revoke', 'push', null),
      '',
      'not json',
      JSON.stringify({ at: '2026-01-01T00:00:00Z', status: 'applied' }),
      record('2026-02-10T11:05:00Z', 'grant', null, 'push', { pr: null, mergedBy: null }),
      record('2026-03-01T00:00:00Z', 'grant', null, 'admin', { status: 'failed' }),
    ].join('\n');
    const log = parseAuditLog(text);
    expect(log.records.map((entry) => `${entry.at} ${entry.change.action}`)).toEqual(['2026-02-10T11:05:00Z grant', '2026-04-20T12:10:00Z revoke']);
    expect(log.skipped).toEqual(['line 3: not JSON', 'line 4: not an audit record (change)']);
  });
});

describe('joinAuditLog', () => {
  it.each([
    {
      name: 'a grant and its revocation carried out after the commits',
      lines: [record('2026-02-10T11:05:00Z', 'grant', null, 'push', { mergedBy: 'ben-lead', pr: 3 }), record('2026-04-20T12:10:00Z', 'revoke', 'push', null)],
      row: ROW,
      expected: { appliedOn: '2026-02-10T11:05:00Z', mergedBy: 'ben-lead', grantedPr: 3, revocationAppliedOn: '2026-04-20T12:10:00Z', revocationAppliedBy: 'priya' },
    },
    {
      name: 'records before the commit are not the ones that carried it out',
      lines: [record('2026-01-01T00:00:00Z', 'grant', null, 'push'), record('2026-04-01T00:00:00Z', 'revoke', 'push', null)],
      row: ROW,
      expected: { appliedOn: undefined, revocationAppliedOn: undefined },
    },
    {
      name: 'an expiry revoked by a scheduled run (no pull request) on its day',
      lines: [record('2026-07-01T02:00:00Z', 'revoke', 'push', null, { pr: null, mergedBy: null })],
      row: { ...ROW, status: 'expired' as const, revokedOn: '2026-07-01', revokedBy: undefined },
      expected: { revocationAppliedOn: '2026-07-01T02:00:00Z', revocationAppliedBy: 'latch (scheduled run)' },
    },
    {
      name: 'a level change is matched by the update away from the level',
      lines: [record('2026-03-02T10:00:00Z', 'update', 'push', 'maintain')],
      row: { ...ROW, status: 'changed' as const, revokedOn: '2026-03-02T09:30:00Z' },
      expected: { revocationAppliedOn: '2026-03-02T10:00:00Z', revocationAppliedBy: 'priya' },
    },
    {
      name: 'a different resource is not joined',
      lines: [record('2026-04-20T12:10:00Z', 'revoke', 'push', null).replace('apex-web', 'apex-api')],
      row: ROW,
      expected: { revocationAppliedOn: undefined },
    },
  ])('$name', ({ lines, row, expected }) => {
    const [joined] = joinAuditLog([row], parseAuditLog(lines.join('\n')));
    expect(joined).toMatchObject({ ...row, ...Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== undefined)) });
    for (const [key, value] of Object.entries(expected)) expect(joined?.[key as keyof RegisterRow]).toBe(value);
  });
});
