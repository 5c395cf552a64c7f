import { PlatformError } from '../errors.js';
import { createBlob, createCommit, createTree, listFiles, moveBranch, readBlob, readTip, treeOf, type TrailRepository } from './audit-trail-api.js';
import { appendMissing, recordsByFile, type TrailRecord } from './audit-trail-records.js';

export type { TrailRepository } from './audit-trail-api.js';

/** Knobs tests turn; production uses the defaults. */
export interface AppendOptions {
  /** Tries before giving up while other writers keep moving the branch; default 8. */
  attempts?: number;
  /** Base of the exponential backoff between tries, in ms; default 250. Each wait is jittered. */
  baseDelayMs?: number;
}

export interface AppendResult {
  /** The branch's tip after the append; undefined when there was nothing to write and no branch. */
  commit: string | undefined;
  /** Records added by this call. */
  appended: number;
  /** Records the branch held already (an earlier try that did land). */
  present: number;
  /** Files written, e.g. `audit/2026-12.jsonl`. */
  files: string[];
  /** Tries it took: 1 unless another writer moved the branch meanwhile. */
  attempts: number;
}

const MAX_WAIT_MS = 5000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One read-modify-write of the branch; GitHub's refusal when another writer moved it first. */
async function tryAppend(github: TrailRepository, branch: string, records: readonly TrailRecord[]): Promise<Omit<AppendResult, 'attempts'> | PlatformError> {
  const tip = await readTip(github, branch);
  const baseTree = tip ? await treeOf(github, tip) : undefined;
  const existing = baseTree ? await listFiles(github, baseTree) : new Map<string, string>();
  const written = new Map<string, string>();
  let appended = 0;
  for (const [path, fresh] of recordsByFile(records)) {
    const blob = existing.get(path);
    const { text, missing } = appendMissing(blob ? await readBlob(github, blob) : '', fresh);
    if (missing.length === 0) continue;
    appended += missing.length;
    written.set(path, await createBlob(github, text));
  }
  const present = records.length - appended;
  if (written.size === 0) return { commit: tip, appended: 0, present, files: [] };
  const tree = await createTree(github, baseTree, written);
  const message = `Audit: ${appended} record${appended === 1 ? '' : 's'} in ${[...written.keys()].join(', ')}`;
  const commit = await createCommit(github, message, tree, tip);
  return (await moveBranch(github, branch, tip, commit)) ?? { commit, appended, present, files: [...written.keys()] };
}

/**
 * Appends records to the branch `branch` of the repository, one file per month
 * (`audit/YYYY-MM.jsonl`), through the Git Data API, creating the branch on first use.
 * Safe when several runs append at once: the branch only ever moves forward, and a run that
 * lost the race reads the new tip and tries again. A record whose id the file already holds
 * is not written twice. Resolves once every record is on the branch, or throws.
 */
export async function appendAuditTrail(github: TrailRepository, branch: string, records: readonly TrailRecord[], options: AppendOptions = {}): Promise<AppendResult> {
  const attempts = options.attempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 250;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const result = await tryAppend(github, branch, records);
      if (!(result instanceof PlatformError)) return { ...result, attempts: attempt };
      last = result;
    } catch (error) {
      // A failure GitHub may have acted on (a timeout, a 5xx) is retried too: the ids tell what landed.
      if (!(error instanceof PlatformError && error.retryable)) throw error;
      last = error;
    }
    if (attempt < attempts) await sleep(Math.min(MAX_WAIT_MS, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random()));
  }
  throw new PlatformError('github', 'audit', `records not appended after ${attempts} tries: ${last instanceof Error ? last.message : String(last)}`, { cause: last });
}
