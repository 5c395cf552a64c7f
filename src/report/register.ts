import type { AccessRegister } from '../history/register.js';
import type { RegisterRow } from '../history/register-row.js';
import { renderCsv, type CsvValue } from './csv.js';

/** The register's columns, in their stable order: auditors' spreadsheets and scripts rely on it. */
export const REGISTER_COLUMNS = [
  ['client', (row) => row.client],
  ['person', (row) => row.person],
  ['email', (row) => row.email],
  ['side', (row) => row.side],
  ['platform', (row) => row.platform],
  ['kind', (row) => row.kind],
  ['resource', (row) => row.resource],
  ['principal', (row) => row.principal],
  ['level', (row) => row.level],
  ['status', (row) => row.status],
  ['granted_on', (row) => row.grantedOn],
  ['granted_by', (row) => row.grantedBy],
  ['granted_pr', (row) => row.grantedPr],
  ['granted_commit', (row) => row.grantedCommit],
  ['merged_by', (row) => row.mergedBy],
  ['applied_on', (row) => row.appliedOn],
  ['justification', (row) => row.justification],
  ['expected_end', (row) => row.expectedEnd],
  ['revoked_on', (row) => row.revokedOn],
  ['revoked_by', (row) => row.revokedBy],
  ['revoked_pr', (row) => row.revokedPr],
  ['revoked_commit', (row) => row.revokedCommit],
  ['revocation_applied_on', (row) => row.revocationAppliedOn],
  ['revocation_applied_by', (row) => row.revocationAppliedBy],
] as const satisfies readonly (readonly [string, (row: RegisterRow) => CsvValue])[];

/** One record per grant and level period, header first (RFC 4180). */
export function renderRegisterCsv(register: Pick<AccessRegister, 'rows'>): string {
  return renderCsv(
    REGISTER_COLUMNS.map(([name]) => name),
    register.rows.map((row) => REGISTER_COLUMNS.map(([, value]) => value(row))),
  );
}

export function renderRegisterJson(register: AccessRegister): string {
  return `${JSON.stringify(register, null, 2)}\n`;
}
