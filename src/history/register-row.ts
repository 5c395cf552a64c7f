import type { Side, Trace } from '../model/grants.js';
import type { Level, ResourceKind } from '../model/kinds.js';

/**
 * How a row of the register stands: `current` (desired today), `ended` (a commit removed it),
 * `expired` (its `until` passed), `changed` (a commit or an expiry gave another level; the
 * next row of the same grant has it).
 */
export type RowStatus = 'current' | 'ended' | 'expired' | 'changed';

/** One grant at one level for one period: a line of the access register. */
export interface RegisterRow {
  client: string;
  /** The person's key in the client file. */
  person: string;
  email: string;
  side: Side;
  /** The platform that holds the grant: github, google, slack, ... */
  platform: string;
  kind: ResourceKind;
  /** The platform's reference of the resource. */
  resource: string;
  /** The identity the platform knows: a login or an e-mail. */
  principal: string;
  level: Level;
  status: RowStatus;
  /** ISO 8601: when the grant became desired (the commit landed, or a higher grant expired). */
  grantedOn: string;
  /** Author of the change that granted it; absent when it followed from an expiry. */
  grantedBy?: string;
  grantedPr?: number;
  grantedCommit?: string;
  /** Who merged the pull request: the merge commit's author, or the apply record's. */
  mergedBy?: string;
  /** When the apply job carried it out (from the audit log). */
  appliedOn?: string;
  /** The `why` of an explicit grant, or `role <name>`. */
  justification: string;
  /** Last day of the grant (`until`), when bounded. */
  expectedEnd?: string;
  /** ISO 8601 (a day for an expiry): when it stopped being desired. */
  revokedOn?: string;
  /** Author of the change that ended it; absent for an expiry. */
  revokedBy?: string;
  revokedPr?: number;
  revokedCommit?: string;
  /** When the apply or drift job revoked it on the platform, and for whom (from the audit log). */
  revocationAppliedOn?: string;
  revocationAppliedBy?: string;
}

/** Something in the history that could not be used, with the commit where it was met. */
export interface HistoryWarning {
  commit: string;
  file: string;
  message: string;
}

/** The justification an auditor reads: the grant's `why`, or the role that gives the level. */
export function justificationOf(trace: Trace | undefined): string {
  if (!trace) return '';
  if (trace.source === 'grant') return trace.why ?? 'explicit grant';
  return `role ${trace.role ?? ''}`.trim();
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** By client, person, platform, kind, resource, principal, then in time. */
export function compareRows(a: RegisterRow, b: RegisterRow): number {
  return (
    compareText(a.client, b.client) ||
    compareText(a.person, b.person) ||
    compareText(a.platform, b.platform) ||
    compareText(a.kind, b.kind) ||
    compareText(a.resource, b.resource) ||
    compareText(a.principal, b.principal) ||
    compareText(a.grantedOn, b.grantedOn) ||
    compareText(a.revokedOn ?? '\uffff', b.revokedOn ?? '\uffff')
  );
}
