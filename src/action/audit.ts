import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeResult } from '../apply/execute.js';
import type { Withheld } from './stale.js';

/** Who and what stands behind a batch of changes, repeated on every record. */
export interface AuditSource {
  /** `owner/name` of the access repository. */
  repository: string;
  /** The workflow that carried the changes out. */
  trigger: 'apply' | 'drift';
  /** The merged pull request; null for the drift run's expiry revocations. */
  pr: number | null;
  /** Login of who merged it; null for the drift run. */
  mergedBy: string | null;
  /** The commit whose files the plan was made from. */
  commit: string;
  /** Link to the workflow run. */
  run?: string;
  /** Fingerprint of the plan made at the time. */
  fingerprint: string;
  /** Fingerprint of the plan reviewers approved, when there was one. */
  reviewedFingerprint?: string;
}

/**
 * One JSON object per change and line: who merged, which pull request, which commit, when,
 * what change, what happened. `latch register --audit-log` reads these lines back.
 */
export function auditLines(source: AuditSource, results: readonly ChangeResult[], withheld: readonly Withheld[], at: string): string {
  const records = [
    ...results.map((result) => ({ result: result.status, detail: result.detail, change: result.change })),
    ...withheld.map((entry) => ({ result: 'skipped' as const, detail: entry.why, change: entry.change })),
  ].map(({ result, detail, change }) => ({
    at,
    ...source,
    status: result,
    detail: detail ?? null,
    change: { action: change.action, client: change.client, kind: change.kind, resource: change.resource, principal: change.principal, from: change.from, to: change.to, reason: change.reason },
  }));
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

export async function appendAudit(file: string, lines: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, lines);
}
