import type { AuditRecord } from './audit-log.js';
import { git, GitError } from '../git.js';
import type { EmergencyRecord } from '../model/lifecycle.js';

/** The emergency revocations among carried-out records, oldest first. */
export function emergencyRecords(records: readonly AuditRecord[]): EmergencyRecord[] {
  return records.flatMap((record) =>
    record.emergency && record.change.action === 'revoke'
      ? [{ at: record.at, kind: record.change.kind, resource: record.change.resource, principal: record.change.principal.toLowerCase(), ...record.emergency }]
      : [],
  );
}

/**
 * The records still standing: a record is spent once a commit after it added or removed the
 * person's identity in clients/ or policies/ (the files were brought in line, or the person was
 * declared again on purpose). Outside a clone every record stands.
 */
export async function standingEmergencies(dir: string, records: readonly EmergencyRecord[]): Promise<EmergencyRecord[]> {
  // One revocation leaves a record per resource, all with the same time and person: one git log answers for all of them.
  const spent = new Map<string, boolean>();
  const standing: EmergencyRecord[] = [];
  for (const record of records) {
    const key = `${record.at}\0${record.principal}`;
    let isSpent = spent.get(key);
    if (isSpent === undefined) {
      const log = await git(dir, ['log', '--format=%H', `--since=${record.at}`, '-S', record.principal, 'HEAD', '--', 'clients', 'policies']).catch((error: unknown) => {
        if (error instanceof GitError) return '';
        throw error;
      });
      isSpent = log.trim() !== '';
      spent.set(key, isSpent);
    }
    if (!isSpent) standing.push(record);
  }
  return standing;
}
