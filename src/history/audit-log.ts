import { z } from 'zod';
import type { RegisterRow } from './register-row.js';

/** One line of the apply job's audit log (JSON Lines), only the fields the register uses. */
export const AuditRecord = z.object({
  at: z.string().min(1),
  pr: z.number().int().nullish(),
  mergedBy: z.string().nullish(),
  status: z.string(),
  emergency: z.object({ reason: z.string(), by: z.string() }).optional(),
  change: z.object({
    action: z.enum(['grant', 'update', 'revoke']),
    kind: z.string(),
    resource: z.string(),
    principal: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export interface AuditLog {
  records: AuditRecord[];
  /** Lines that are not audit records, as "line N: why". */
  skipped: string[];
}

/** Only changes the platform confirmed count: a failed apply revoked nothing. */
const CARRIED_OUT = new Set(['applied', 'unchanged']);

/** Parses JSON Lines; a line that is not a record is skipped and named, never fatal. */
export function parseAuditLog(text: string): AuditLog {
  const records: AuditRecord[] = [];
  const skipped: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped.push(`line ${index + 1}: not JSON`);
      return;
    }
    const parsed = AuditRecord.safeParse(json);
    if (!parsed.success) {
      skipped.push(`line ${index + 1}: not an audit record (${parsed.error.issues[0]?.path.join('.') || 'shape'})`);
      return;
    }
    if (CARRIED_OUT.has(parsed.data.status)) records.push(parsed.data);
  });
  records.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { records, skipped };
}

function keyOf(kind: string, resource: string, principal: string): string {
  return `${kind}\u0000${resource}\u0000${principal.toLowerCase()}`;
}

function notBefore(record: AuditRecord, instant: string): boolean {
  // An expiry is dated by its day: the drift run that revokes it may come any time that day.
  return Date.parse(record.at) >= Date.parse(instant.length === 10 ? `${instant}T00:00:00Z` : instant);
}

/**
 * Adds what the apply records say to the rows git gave: when a grant was carried out and
 * who merged it, and when and for whom a revocation was carried out. Pure: returns new rows.
 */
export function joinAuditLog(rows: readonly RegisterRow[], log: AuditLog): RegisterRow[] {
  const byGrant = new Map<string, AuditRecord[]>();
  for (const record of log.records) {
    const key = keyOf(record.change.kind, record.change.resource, record.change.principal);
    const list = byGrant.get(key);
    if (list) list.push(record);
    else byGrant.set(key, [record]);
  }
  return rows.map((row) => {
    const records = byGrant.get(keyOf(row.kind, row.resource, row.principal)) ?? [];
    const joined = { ...row };
    const applied = records.find(
      (record) => record.change.action !== 'revoke' && record.change.to === row.level && notBefore(record, row.grantedOn) && (!row.revokedOn || !notBefore(record, row.revokedOn)),
    );
    if (applied) {
      joined.appliedOn = applied.at;
      joined.mergedBy ??= applied.mergedBy ?? undefined;
      joined.grantedPr ??= applied.pr ?? undefined;
    }
    const revokedOn = row.revokedOn;
    if (revokedOn !== undefined) {
      const revoked = records.find((record) => record.change.from === row.level && record.change.to !== row.level && notBefore(record, revokedOn));
      if (revoked) {
        joined.revocationAppliedOn = revoked.at;
        joined.revocationAppliedBy = revoked.mergedBy ?? (revoked.pr ? `pull request #${revoked.pr}` : 'latch (scheduled run)');
      }
    }
    return joined;
  });
}
