import { joinAuditLog } from './audit-log.js';
import { mergeAuditTexts, readAuditTexts } from './audit-trail-read.js';
import { readObjects } from '../git.js';
import { attributeCommits, mainLineCommits, type Attribution } from './commits.js';
import type { HistoryWarning, RegisterRow } from './register-row.js';
import { isTracked, Timeline } from './timeline.js';

/** The access register: every grant the repository ever asked for, current and ended. */
export interface AccessRegister {
  /** The last commit that changed clients/ or policies/. */
  lastChange: string | undefined;
  /** YYYY-MM-DD the register was made for. */
  today: string;
  /** Commits of the main line that touched clients/ or policies/. */
  commits: number;
  rows: RegisterRow[];
  /** Files skipped at some commit, audit log lines that were not records. */
  warnings: HistoryWarning[];
}

export interface RegisterOptions {
  /** YYYY-MM-DD: grants whose `until` is before it are expired. */
  today: string;
  /** JSON Lines written by the apply job: adds when changes were carried out, and by whom. */
  auditLog?: string;
  /** Branch of the clone holding the audit trail (`origin/<branch>` and `<branch>`); default `latch-audit`. */
  auditBranch?: string;
}

/**
 * Builds the register from git: one `git log` of the main line, one batch read of every file
 * version it names, then a replay (see Timeline), joined with the audit records of the audit
 * branch and of `auditLog`. Fails with a GitError when `dir` has no history.
 */
export async function buildRegister(dir: string, options: RegisterOptions): Promise<AccessRegister> {
  const commits = await mainLineCommits(dir, ['clients', 'policies']);
  const blobs = new Set<string>();
  for (const commit of commits) {
    for (const file of commit.files) if (file.blob !== undefined && isTracked(file.path)) blobs.add(file.blob);
  }
  const objects = await readObjects(dir, [...blobs]);
  const contents = new Map<string, string>();
  for (const [id, object] of objects) contents.set(id, object.content.toString('utf8'));
  const attributions = await attributeCommits(dir, commits);

  const timeline = new Timeline();
  for (const commit of commits) {
    const change: Attribution = attributions.get(commit.id) ?? { commit: commit.id, at: commit.committedAt, author: commit.author };
    timeline.commit(commit, contents, change);
  }
  let rows = timeline.finish(options.today);
  const warnings = [...timeline.warnings];
  const texts = await readAuditTexts(dir, options.auditLog, options.auditBranch);
  if (texts.length > 0) {
    const merged = mergeAuditTexts(texts);
    rows = joinAuditLog(rows, merged.log);
    warnings.push(...merged.warnings);
  }
  return { lastChange: commits.at(-1)?.id, today: options.today, commits: commits.length, rows, warnings };
}
