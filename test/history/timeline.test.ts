import { describe, expect, it } from 'vitest';
import type { CommitInfo } from '../../src/history/commits.js';
import type { RegisterRow } from '../../src/history/register-row.js';
import { Timeline } from '../../src/history/timeline.js';
import { GUARDRAILS, ROLES, yaml } from '../fixtures/load/repo.js';

/** Replays commits given as {path: content|null}; blob ids are made up per content. */
class Replay {
  private readonly contents = new Map<string, string>();
  private readonly timeline = new Timeline();
  private count = 0;

  commit(date: string, author: string, subject: string, files: Record<string, string | null>): this {
    this.count += 1;
    const id = String(this.count).padStart(40, '0');
    const changes = Object.entries(files).map(([path, content]) => {
      if (content === null) return { status: 'D', path, blob: undefined };
      const blob = `blob-${this.count}-${path}`;
      this.contents.set(blob, content);
      return { status: 'M', path, blob };
    });
    const commit: CommitInfo = { id, parents: [], author, authorEmail: `${author}@x`, committedAt: date, subject, files: changes };
    this.timeline.commit(commit, this.contents, { commit: id, at: date, author, pr: this.count });
    return this;
  }

  finish(today: string): { rows: RegisterRow[]; warnings: string[] } {
    return { rows: this.timeline.finish(today), warnings: this.timeline.warnings.map((warning) => `${warning.file}: ${warning.message}`) };
  }
}

const POLICIES = { 'policies/roles.yaml': ROLES, 'policies/guardrails.yaml': GUARDRAILS };

function apex(...people: string[]): string {
  return yaml(
    'client: apex',
    'name: Apex',
    'domains: [apexoutdoor.com]',
    'resources:',
    '  web: { kind: github-repo, ref: acme-agency/apex-web }',
    '  shared: { kind: drive-folder, ref: 1AbC }',
    'people:',
    ...people,
  );
}

const DANA = '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }';

function brief(rows: readonly RegisterRow[]): string[] {
  return rows.map(
    (row) =>
      `${row.person} ${row.resource} ${row.level} ${row.status} ${row.grantedOn}${row.grantedBy ? ` by ${row.grantedBy}` : ''}` +
      (row.revokedOn ? ` -> ${row.revokedOn}${row.revokedBy ? ` by ${row.revokedBy}` : ''}` : ''),
  );
}

describe('Timeline', () => {
  it('dates an expiry by the day after `until`, and opens the lower level that remains', () => {
    const { rows } = new Replay()
      .commit('2026-01-05T10:00:00Z', 'ana', 'init', {
        ...POLICIES,
        'clients/apex.yaml': yaml(
          apex('  finn: { email: finn@apexoutdoor.com, role: client-viewer }').trimEnd(),
          'grants:',
          '  - { who: finn, on: shared, level: writer, until: 2026-03-31, why: "Q1 budget" }',
        ),
      })
      .commit('2026-06-01T10:00:00Z', 'ben', 'unrelated', { 'README.md': 'notes' })
      .finish('2026-11-23');
    const finn = rows.filter((row) => row.person === 'finn');
    expect(brief(finn)).toEqual(['finn 1AbC writer expired 2026-01-05T10:00:00Z by ana -> 2026-04-01', 'finn 1AbC reader current 2026-04-01']);
    expect(finn[0]?.justification).toBe('Q1 budget');
    expect(finn[1]?.justification).toBe('role client-viewer');
  });

  it('keeps the last good version of a file that does not parse, with a warning', () => {
    const { rows, warnings } = new Replay()
      .commit('2026-01-05T10:00:00Z', 'ana', 'init', { ...POLICIES, 'clients/apex.yaml': apex(DANA) })
      .commit('2026-01-06T10:00:00Z', 'ben', 'wip', { 'clients/apex.yaml': `${apex(DANA)}grants: [oops\n` })
      .commit('2026-01-07T10:00:00Z', 'ben', 'schema', { 'clients/apex.yaml': `${apex(DANA)}colour: blue\n` })
      .finish('2026-11-23');
    expect(brief(rows)).toEqual(['dana acme-agency/apex-web push current 2026-01-05T10:00:00Z by ana', 'dana 1AbC writer current 2026-01-05T10:00:00Z by ana']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^clients\/apex\.yaml: skipped: clients\/apex\.yaml:\d+:\d+: This is not valid YAML/);
    expect(warnings[1]).toMatch(/^clients\/apex\.yaml: skipped: .*colour/);
  });

  it('re-expands every client when the role catalogue changes, attributing the change to that commit', () => {
    const { rows } = new Replay()
      .commit('2026-01-05T10:00:00Z', 'ana', 'init', { ...POLICIES, 'clients/apex.yaml': apex(DANA) })
      .commit('2026-02-01T10:00:00Z', 'lead', 'narrow client-admin', { 'policies/roles.yaml': ROLES.replace('github-repo: push, github-team: member, drive-folder: writer', 'github-repo: triage') })
      .finish('2026-11-23');
    expect(brief(rows)).toEqual([
      'dana acme-agency/apex-web push changed 2026-01-05T10:00:00Z by ana -> 2026-02-01T10:00:00Z by lead',
      'dana acme-agency/apex-web triage current 2026-02-01T10:00:00Z by lead',
      'dana 1AbC writer ended 2026-01-05T10:00:00Z by ana -> 2026-02-01T10:00:00Z by lead',
    ]);
  });

  it('ends every grant of a deleted client file at the deleting commit', () => {
    const { rows } = new Replay()
      .commit('2026-01-05T10:00:00Z', 'ana', 'init', { ...POLICIES, 'clients/apex.yaml': apex(DANA) })
      .commit('2026-05-05T10:00:00+02:00', 'maria', 'offboard apex', { 'clients/apex.yaml': null })
      .finish('2026-11-23');
    expect(rows.map((row) => `${row.status} ${row.revokedOn} ${row.revokedBy} #${row.revokedPr}`)).toEqual([
      'ended 2026-05-05T08:00:00Z maria #2',
      'ended 2026-05-05T08:00:00Z maria #2',
    ]);
  });

  it('does not revive expired access when a later commit carries an earlier date', () => {
    const sam = '  sam: { email: sam@apexoutdoor.com, github: sam-apex, role: client-admin, until: 2026-02-28 }';
    const { rows } = new Replay()
      .commit('2026-03-10T10:00:00Z', 'ana', 'init', { ...POLICIES, 'clients/apex.yaml': apex(DANA) })
      .commit('2026-02-01T10:00:00Z', 'ben', 'rebased: add sam', { 'clients/apex.yaml': apex(DANA, sam) })
      .finish('2026-11-23');
    expect(rows.filter((row) => row.person === 'sam')).toEqual([]);
  });
});
