import type { Change } from '../model/plan.js';
import type { MassRevokeCheck } from '../plan/mass-revoke.js';
import type { PreparedPlan } from '../pipeline.js';
import { checkBound } from './bound.js';
import { applyAll, decideApply, type ApplyDecision, type ReviewedChanges, type StalePlanPolicy, type Withheld } from './decide.js';
import { countResults, executeChanges, type ChangeResult, type ExecuteOptions } from './execute.js';
import type { AuditRecord, AuditSource } from '../model/audit.js';
import { auditRecord } from './records.js';
import { changeTarget } from './reviewed.js';

/** Which changes of the plan made now an apply may carry out. */
export type ApplySelection =
  /** All of them: the person running the apply reviewed them on the spot (`apply --yes`). */
  | { from: 'plan' }
  /** What reviewers saw, matched against the plan made now; `missing` says why `reviewed` is undefined. */
  | { from: 'reviewed'; reviewed: ReviewedChanges | undefined; policy: StalePlanPolicy; missing?: string }
  /** A subset the caller chose for a standing reason (the drift run's expired grants). */
  | { from: 'changes'; changes: readonly Change[] };

export interface ApplyStepOptions extends ExecuteOptions {
  /** Which changes may be carried out. */
  selection: ApplySelection;
  /** Whether a mass revocation beyond the guardrails may go ahead (a flag, an input, a label). */
  allowMassRevoke: boolean;
  /** Who and what stands behind the apply, repeated on every audit record. */
  source: AuditSource;
  /** The time the records carry; now when absent. */
  now?: () => Date;
  /** Receives the audit records once, after the changes were carried out (a file, the access repository). */
  onRecords?: (records: readonly AuditRecord[]) => Promise<void>;
}

/** What an apply did, in the words the reports use. */
export interface ApplyCounts {
  /** Changes the platforms made now. */
  applied: number;
  /** Changes already in effect: the platform said so, or an earlier, interrupted apply made them. */
  alreadyInPlace: number;
  failed: number;
  /** Changes not carried out: withheld, or the apply stopped. */
  notApplied: number;
}

export interface ApplyOutcome {
  /** What was decided before anything changed. */
  decision: ApplyDecision;
  /** The mass-revocation bound over the changes to apply, offboarding left out. */
  bound: MassRevokeCheck;
  /** Why nothing was applied: nothing reviewed, the stale-plan policy, or the mass-revocation bound. */
  stopped?: { by: 'review' | 'mass-revoke'; message: string };
  /** One per change carried out. */
  results: ChangeResult[];
  /** Changes of the plan made now that were not carried out, a stop included. */
  withheld: Withheld[];
  /** One per change: applied, unchanged, failed or skipped (withheld). */
  records: AuditRecord[];
  counts: ApplyCounts;
  /** Nothing stopped, failed, or held back of what reviewers approved. */
  succeeded: boolean;
}


function decide(prepared: PreparedPlan, selection: ApplySelection): ApplyDecision {
  if (selection.from === 'plan') return applyAll(prepared.plan);
  if (selection.from === 'changes') return { ...applyAll(prepared.plan), toApply: [...selection.changes] };
  return decideApply(selection.reviewed, prepared.plan, selection.policy, selection.missing);
}

function recordsOf(options: ApplyStepOptions, decision: ApplyDecision, results: readonly ChangeResult[], withheld: readonly Withheld[]): AuditRecord[] {
  const at = (options.now ?? (() => new Date()))().toISOString();
  const record = (status: AuditRecord['status'], change: Change, detail?: string) => auditRecord(options.source, at, status, change, detail);
  const withheldTargets = new Set(withheld.map((entry) => changeTarget(entry.change)));
  return [
    ...results.map((result) => record(result.status, result.change, result.detail)),
    ...decision.alreadyDone.map((change) => record('unchanged', change, 'already in place: an earlier apply carried it out')),
    ...withheld.map((entry) => record('skipped', entry.change, entry.why)),
    ...decision.reviewedWithheld.filter((entry) => !withheldTargets.has(changeTarget(entry.change))).map((entry) => record('skipped', entry.change, entry.why)),
  ];
}

/**
 * The one apply step of the CLI and the Action: decide what may be carried out (a reviewed
 * plan narrows it, never widens it), check the mass-revocation bound with explicit
 * offboarding left out, carry the changes out, and keep one audit record per change.
 */
export async function runApply(prepared: PreparedPlan, options: ApplyStepOptions): Promise<ApplyOutcome> {
  const decision = decide(prepared, options.selection);
  const bound = checkBound(prepared.plan, decision.toApply, prepared.actualGrantCount, prepared.repository.guardrails.massRevoke);
  let stopped: ApplyOutcome['stopped'];
  if (decision.stop !== undefined) stopped = { by: 'review', message: decision.stop };
  else if (bound.exceeded && !options.allowMassRevoke) stopped = { by: 'mass-revoke', message: bound.message };

  const toApply = stopped ? [] : decision.toApply;
  const results = toApply.length > 0 ? await executeChanges(toApply, prepared.adapters, options) : [];
  const withheld = stopped ? [...decision.withheld, ...decision.toApply.map((change) => ({ change, why: `stopped: ${stopped.message}` }))] : decision.withheld;
  const records = recordsOf(options, decision, results, withheld);
  if (options.onRecords && records.length > 0) await options.onRecords(records);

  const counted = countResults(results);
  const reviewedOnly = records.length - results.length - decision.alreadyDone.length - withheld.length;
  const counts: ApplyCounts = {
    applied: counted.applied,
    alreadyInPlace: counted.unchanged + decision.alreadyDone.length,
    failed: counted.failed,
    notApplied: counted.skipped + withheld.length + reviewedOnly,
  };
  const succeeded = !stopped && counts.failed === 0 && decision.reviewedWithheld.length === 0;
  return { decision, bound, stopped, results, withheld, records, counts, succeeded };
}
