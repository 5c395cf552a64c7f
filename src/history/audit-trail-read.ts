import { readFile } from 'node:fs/promises';
import { parseAuditLog, type AuditLog } from './audit-log.js';
import { recordKey, TRAIL_FILE } from './audit-trail-records.js';
import { git, GitError, readObjects } from '../git.js';
import type { HistoryWarning } from './register-row.js';

/** The default name of the branch the Action appends its records to. */
export const DEFAULT_AUDIT_BRANCH = 'latch-audit';

/** One JSON Lines text of audit records and where it came from. */
export interface AuditText {
  /** `origin/latch-audit:audit/2026-12.jsonl`, or a file's path. */
  name: string;
  text: string;
}

/** The commit `ref` names, or undefined when there is no such ref. */
export async function commitOf(dir: string, ref: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/**
 * The month files of the audit branch in the clone at `dir`: the remote-tracking branch
 * (what the last fetch saw) and the local one, both when both exist. None when neither does.
 */
export async function readAuditTrail(dir: string, branch: string = DEFAULT_AUDIT_BRANCH): Promise<AuditText[]> {
  const texts: AuditText[] = [];
  const seen = new Set<string>();
  for (const ref of [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]) {
    const commit = await commitOf(dir, ref);
    if (commit === undefined || seen.has(commit)) continue;
    seen.add(commit);
    // --full-tree: the listing is of the branch's root whatever subdirectory `dir` is.
    const listing = await git(dir, ['ls-tree', '-r', '-z', '--full-tree', commit]);
    const files = listing
      .split('\0')
      .map((entry) => /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(entry))
      .filter((match): match is RegExpExecArray => match !== null && TRAIL_FILE.test(match[2] ?? ''));
    const objects = await readObjects(dir, files.map((match) => match[1] ?? ''));
    const name = ref.replace(/^refs\/(remotes\/|heads\/)/, '');
    for (const [, blob = '', path = ''] of files) texts.push({ name: `${name}:${path}`, text: objects.get(blob)?.content.toString('utf8') ?? '' });
  }
  return texts;
}

export async function readAuditFile(path: string): Promise<AuditText> {
  return { name: path, text: await readFile(path, 'utf8') };
}

/** The texts of the clone's audit branch (see readAuditTrail) and of the `--audit-log` file, when one is given. */
export async function readAuditTexts(dir: string, file: string | undefined, branch: string = DEFAULT_AUDIT_BRANCH): Promise<AuditText[]> {
  return [...(await readAuditTrail(dir, branch)), ...(file ? [await readAuditFile(file)] : [])];
}

/**
 * One audit log from many texts: a record found in several (the branch and an artifact file,
 * or a local and a remote branch) counts once, by its id. Lines that are not records are
 * named, per text, as warnings.
 */
export function mergeAuditTexts(texts: readonly AuditText[]): { log: AuditLog; warnings: HistoryWarning[] } {
  const seen = new Set<string>();
  const log: AuditLog = { records: [], skipped: [] };
  const warnings: HistoryWarning[] = [];
  for (const { name, text } of texts) {
    // A repeated line becomes empty rather than removed, so line numbers in warnings stay true.
    const fresh = text.split('\n').map((line) => {
      if (line.trim() === '') return line;
      const key = recordKey(line);
      if (seen.has(key)) return '';
      seen.add(key);
      return line;
    });
    const parsed = parseAuditLog(fresh.join('\n'));
    log.records.push(...parsed.records);
    log.skipped.push(...parsed.skipped);
    warnings.push(...parsed.skipped.map((message) => ({ commit: '', file: name, message })));
  }
  log.records.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { log, warnings };
}
