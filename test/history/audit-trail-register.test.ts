import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeAuditTexts, readAuditFile, readAuditTrail } from '../../src/history/audit-trail-read.js';
import { recordLines, withRecordIds } from '../../src/history/audit-trail-records.js';
import { buildRegister } from '../../src/history/register.js';
import type { TempGitRepo } from './git-repo.js';
import { agencyHistory, DANA } from './scenario.js';

let repo: TempGitRepo;

function record(at: string, action: string, from: string | null, to: string | null, mergedBy: string | null): string {
  const change = { action, client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'sam-apex', from, to, reason: '' };
  return JSON.stringify({ at, trigger: 'apply', pr: null, mergedBy, commit: 'abc', status: 'applied', change });
}

const GRANT = withRecordIds(`${record('2026-02-10T11:04:00Z', 'grant', null, 'push', 'Lead')}\n`);
const REVOKE = withRecordIds(`${record('2026-04-20T12:03:00Z', 'revoke', 'push', null, 'Maria')}\n`);

/**
 * The clone as `git fetch` leaves it: `origin/latch-audit` holds both months, a stale local
 * `latch-audit` only February. The branch shares no history with main, as the Action makes it.
 */
beforeAll(async () => {
  repo = await agencyHistory();
  await repo.git(['checkout', '-q', '--orphan', 'latch-audit']);
  await repo.git(['rm', '-rqf', '.']);
  await repo.commit('Audit: 1 record', { 'audit/2026-02.jsonl': recordLines(GRANT) }, DANA, '2026-02-10T11:05:00Z');
  await repo.commit('Audit: 1 record', { 'audit/2026-04.jsonl': recordLines(REVOKE), 'notes.md': 'not a month file\n' }, DANA, '2026-04-20T12:04:00Z');
  await repo.git(['update-ref', 'refs/remotes/origin/latch-audit', 'latch-audit']);
  await repo.git(['checkout', '-q', 'main']);
  await repo.git(['branch', '-q', '-f', 'latch-audit', 'latch-audit~1']);
}, 60_000);

afterAll(async () => {
  await repo.remove();
});

describe('the audit trail in a local clone', () => {
  it('is read from origin/latch-audit and the local branch, month files only', async () => {
    const texts = await readAuditTrail(repo.dir);
    expect(texts.map((text) => text.name)).toEqual(['origin/latch-audit:audit/2026-02.jsonl', 'origin/latch-audit:audit/2026-04.jsonl', 'latch-audit:audit/2026-02.jsonl']);
    const { log, warnings } = mergeAuditTexts(texts);
    expect(log.records.map((entry) => `${entry.at} ${entry.change.action}`)).toEqual(['2026-02-10T11:04:00Z grant', '2026-04-20T12:03:00Z revoke']);
    expect(warnings).toEqual([]);
  });

  it('gives latch register when and by whom changes were carried out, without --audit-log', async () => {
    const register = await buildRegister(repo.dir, { today: '2026-11-23' });
    const sam = register.rows.find((row) => row.person === 'sam' && row.resource === 'acme-agency/apex-web');
    expect(sam).toMatchObject({ appliedOn: '2026-02-10T11:04:00Z', mergedBy: 'Lead', revocationAppliedOn: '2026-04-20T12:03:00Z', revocationAppliedBy: 'Maria' });
  });

  it('merges an --audit-log file with the branch, counting a record both hold once', async () => {
    const file = join(repo.dir, 'artifact.jsonl');
    await writeFile(file, `${recordLines([...REVOKE])}not json\n`);
    const texts = [...(await readAuditTrail(repo.dir)), await readAuditFile(file)];
    const { log, warnings } = mergeAuditTexts(texts);
    expect(log.records).toHaveLength(2);
    expect(warnings).toEqual([{ commit: '', file, message: 'line 2: not JSON' }]);
    const register = await buildRegister(repo.dir, { today: '2026-11-23', auditLog: file });
    expect(register.warnings).toContainEqual({ commit: '', file, message: 'line 2: not JSON' });
  });

  it('reads nothing when the clone has no audit branch', async () => {
    expect(await readAuditTrail(repo.dir, 'no-such-branch')).toEqual([]);
  });
});
