import type { Change } from './plan.js';

/** What became of one change when an apply ran. */
export type ChangeStatus = 'applied' | 'unchanged' | 'failed' | 'skipped';

/** Who and what stands behind a batch of changes, repeated on every record. */
export interface AuditSource {
  /** `owner/name` of the access repository, or the directory a CLI apply ran in. */
  repository: string;
  /** What carried the changes out: the Action's apply or drift run, or the CLI. */
  trigger: 'apply' | 'drift' | 'cli';
  /** The merged pull request; null when there is none (drift, CLI). */
  pr: number | null;
  /** Login of who merged it; null when there is none. */
  mergedBy: string | null;
  /** The commit whose files the plan was made from, when known. */
  commit: string;
  /** Link to the workflow run. */
  run?: string;
  /** Fingerprint of the plan made at the time. */
  fingerprint: string;
  /** Fingerprint of the plan reviewers approved, when there was one. */
  reviewedFingerprint?: string;
}

/** Why and by whom an emergency revocation was made. */
export interface EmergencyMark {
  reason: string;
  /** The person who ran it: `--by`, the git user, or GITHUB_ACTOR. */
  by: string;
}

/** One change and what became of it: the unit of the audit trail. `latch register --audit-log` reads these back. */
export interface AuditRecord extends AuditSource {
  /** ISO time of the apply. */
  at: string;
  /** `skipped` is a change withheld: not reviewed, changed since review, or the apply stopped. */
  status: ChangeStatus;
  /** What the platform said, or why the change was not carried out. */
  detail: string | null;
  /** Set on the records of `latch revoke`: carried out at once, before any review. */
  emergency?: EmergencyMark;
  /** The change, without adapter handles. */
  change: Pick<Change, 'action' | 'client' | 'kind' | 'resource' | 'principal' | 'from' | 'to' | 'reason'>;
}
