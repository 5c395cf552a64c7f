import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditRecord, AuditSource, ChangeStatus } from '../model/audit.js';
import type { Change } from '../model/plan.js';

/** One record of `change` with `status`. */
export function auditRecord(source: AuditSource, at: string, status: ChangeStatus, change: Change, detail: string | undefined): AuditRecord {
  const { action, client, kind, resource, principal, from, to, reason } = change;
  return { at, ...source, status, detail: detail ?? null, change: { action, client, kind, resource, principal, from, to, reason } };
}

/** Appends records as JSON Lines: the file the Action uploads as the `latch-audit` artifact. */
export async function appendAudit(file: string, records: readonly object[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}
