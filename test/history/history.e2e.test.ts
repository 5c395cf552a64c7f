import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRegister } from '../../src/history/register.js';
import type { RegisterRow } from '../../src/history/register-row.js';
import type { WhoReport } from '../../src/report/who.js';
import { runLatch } from '../e2e/cli-harness.js';
import type { TempGitRepo } from './git-repo.js';
import { agencyHistory } from './scenario.js';

let repo: TempGitRepo;
const latch = (args: string[]) => runLatch(args, { cwd: repo.dir });

beforeAll(async () => {
  repo = await agencyHistory();
}, 60_000);

afterAll(async () => {
  await repo.remove();
});

function rowsOf(register: AccessRegister, person: string): string[] {
  return register.rows
    .filter((row: RegisterRow) => row.person === person)
    .map((row) => [row.resource, row.level, row.status, row.grantedOn, row.grantedBy, row.grantedPr, row.mergedBy, row.revokedOn, row.revokedBy, row.revokedPr].map((value) => value ?? '').join(' | '));
}

describe('latch register on a repository with history', () => {
  it('derives granted and revoked dates, authors and pull requests from the commits', async () => {
    const result = await latch(['register', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const register = JSON.parse(result.stdout) as AccessRegister;
    expect(register.commits).toBe(6);
    expect(rowsOf(register, 'sam')).toEqual([
      'acme-agency/apex-api | push | ended | 2026-02-10T11:00:00Z | Ben Ortiz | 3 |  | 2026-04-20T12:00:00Z | Dana Apex | 7',
      'acme-agency/apex-web | push | ended | 2026-02-10T11:00:00Z | Ben Ortiz | 3 |  | 2026-04-20T12:00:00Z | Dana Apex | 7',
    ]);
    expect(rowsOf(register, 'tom')).toEqual([
      'acme-agency/apex-api | push | changed | 2026-01-05T10:00:00Z | Ana Lee | 1 |  | 2026-03-02T09:30:00Z | Carla Díaz | 5',
      'acme-agency/apex-api | maintain | current | 2026-03-02T09:30:00Z | Carla Díaz | 5 | Priya Shah |  |  | ',
      'acme-agency/apex-web | push | current | 2026-01-05T10:00:00Z | Ana Lee | 1 |  |  |  | ',
    ]);
    expect(rowsOf(register, 'leo')).toEqual(['acme-agency/bloom-site | push | expired | 2026-01-05T10:00:00Z | Ana Lee | 1 |  | 2026-07-01 |  | ']);
    expect(register.warnings).toEqual([expect.objectContaining({ file: 'clients/bloom.yaml', message: expect.stringContaining('not valid YAML') })]);
  });

  it('writes CSV with a header and quoted justifications, and warns on stderr about the broken commit', async () => {
    const result = await latch(['register']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^client,person,email,side,platform,kind,resource,principal,level,status,granted_on,granted_by/);
    expect(lines).toContainEqual(expect.stringContaining(',maintain,current,2026-03-02T09:30:00Z,Carla Díaz,5,'));
    expect(lines).toContainEqual(expect.stringContaining(',"release manager, for the ""v2"" API launch",2027-03-31,'));
    expect(result.stderr).toMatch(/warning: clients\/bloom\.yaml at [0-9a-f]{7}: skipped/);
  });

  it('adds when and by whom the apply job carried out changes, from an audit log', async () => {
    const log = join(repo.dir, 'audit.jsonl');
    const record = (at: string, action: string, principal: string, from: string | null, to: string | null, mergedBy: string | null) =>
      JSON.stringify({ at, commit: null, pr: null, mergedBy, change: { action, client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal, from, to, reason: '' }, status: 'applied' });
    await writeFile(log, [record('2026-02-10T11:04:00Z', 'grant', 'sam-apex', null, 'push', 'Lead'), record('2026-04-20T12:03:00Z', 'revoke', 'sam-apex', 'push', null, 'Maria')].join('\n'));
    const result = await latch(['register', '--format', 'json', '--audit-log', 'audit.jsonl']);
    expect(result.code, result.stderr).toBe(0);
    const sam = (JSON.parse(result.stdout) as AccessRegister).rows.find((row) => row.person === 'sam' && row.resource === 'acme-agency/apex-web');
    expect(sam).toMatchObject({ appliedOn: '2026-02-10T11:04:00Z', mergedBy: 'Lead', revocationAppliedOn: '2026-04-20T12:03:00Z', revocationAppliedBy: 'Maria' });
  });
});

describe('latch who with git history', () => {
  it('names the commit and pull request behind every declaration, through the merge that brought a branch in', async () => {
    const result = await latch(['who', 'TOM@acme-agency.com', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as WhoReport;
    const api = report.access.find((grant) => grant.resource === 'acme-agency/apex-api');
    expect(api?.level).toBe('maintain');
    expect(api?.until).toBe('2027-03-31');
    expect(api?.because.map((source) => [source.source, source.line, source.origin?.author, source.origin?.pr, source.origin?.mergedBy])).toEqual([
      ['grant', 17, 'Carla Díaz', 5, 'Priya Shah'],
      ['role', 14, 'Ana Lee', 1, undefined],
    ]);
  });

  it('prints text with the introducing commit', async () => {
    const result = await latch(['who', 'tom-acme']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/acme-agency\/apex-api\s+maintain\s+2027-03-31\s+grant in clients\/apex\.yaml:17: "release manager, for the "v2" API launch"\s+[0-9a-f]{7} 2026-03-01 Carla Díaz, PR #5 merged by Priya Shah/);
  });

  it('exits 1 for an unknown person and suggests close matches', async () => {
    const result = await latch(['who', 'tom@acme-agncy.com']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no person with the e-mail or GitHub login "tom@acme-agncy.com"');
    expect(result.stderr).toContain('Did you mean tom@acme-agency.com?');
  });
});

describe('latch access', () => {
  it('writes the matrix of one client as CSV with the derivation', async () => {
    const result = await latch(['access', 'apex', '--format', 'csv', '--why']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\r\n').slice(0, 4)).toEqual([
      'person,side,email,until,web (acme-agency/apex-web),web why,api (acme-agency/apex-api),api why',
      'dana,client,dana@apexoutdoor.com,,push,role client-admin in clients/apex.yaml:12,push,role client-admin in clients/apex.yaml:12',
      'maria,agency,maria@acme-agency.com,,admin,role agency-lead in clients/apex.yaml:13,admin,role agency-lead in clients/apex.yaml:13',
      'tom,agency,tom@acme-agency.com,,push,role agency-engineer in clients/apex.yaml:14,maintain,"grant in clients/apex.yaml:17: ""release manager, for the ""v2"" API launch"" (until 2027-03-31); also role agency-engineer in clients/apex.yaml:14"',
    ]);
  });

  it('exits 1 for an unknown client with the list of clients', async () => {
    const result = await latch(['access', 'apx']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no client "apx" in clients/. Did you mean apex? Known clients: apex, bloom');
  });
});
