import { readFile } from 'node:fs/promises';
import type { Withheld } from '../../apply/decide.js';
import { appendAudit } from '../../apply/records.js';
import { runApply, type ApplyCounts, type ApplyOutcome, type ApplySelection } from '../../apply/run.js';
import { RefusalError, UsageError } from '../../errors.js';
import { trailRecords } from '../../history/audit-trail-records.js';
import type { AuditRecord } from '../../model/audit.js';
import type { Change, Offboarding, Plan } from '../../model/plan.js';
import { preparePlan, type PreparedPlan } from '../../pipeline.js';
import { renderApplyResults } from '../../report/apply-result.js';
import { parsePlanJson } from '../../report/json.js';
import { renderText } from '../../report/text.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, secretsOf, useColor, type Io } from '../io.js';
import { requireConsent, writeJson } from '../json.js';

async function readReviewedPlan(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the plan file ${path}`);
  }
  return parsePlanJson(text);
}

function describe(change: Change): string {
  return `${change.action} ${change.kind} ${change.resource} ${change.principal}`;
}

function listChanges(title: string, changes: readonly Change[]): string {
  if (changes.length === 0) return '';
  return `${title}\n${changes.map((change) => `  ${describe(change)}`).join('\n')}\n`;
}

function listWithheld(title: string, entries: readonly Withheld[]): string {
  if (entries.length === 0) return '';
  return `${title}\n${entries.map((entry) => `  ${describe(entry.change)} (${entry.why})`).join('\n')}\n`;
}

/** `latch apply --format json`: one entry per audit record, so every change of the plan and of a reviewed plan says what became of it. */
interface ApplyJson {
  /** The plan made now. */
  fingerprint: string;
  /** With --plan: the reviewed plan and how many changes it had. */
  reviewed: { fingerprint: string; changes: number } | null;
  /** applied, unchanged (already in place), failed or skipped (not carried out), with the platform's answer or the reason; `id` is the audit record's. */
  changes: (Pick<AuditRecord, 'status' | 'detail'> & AuditRecord['change'] & { id: string })[];
  counts: ApplyCounts;
  offboarding: Offboarding[];
  /** Resources that could not be read: nothing was applied to them, and the exit code is 1. */
  unread: { client: string | null; kind: string; resource: string; error: string }[];
  /** Why nothing was carried out (the reviewed plan, or the mass-revocation bound); null when the apply went ahead. */
  stopped: { by: string; message: string } | null;
  /** Where the audit records were appended (--audit-log), or null. */
  auditLog: string | null;
}

function applyJson(plan: Plan, selection: ApplySelection, outcome: ApplyOutcome, ids: readonly string[], auditLog: string | undefined): ApplyJson {
  const reviewed = selection.from === 'reviewed' ? selection.reviewed : undefined;
  return {
    fingerprint: plan.fingerprint,
    reviewed: reviewed ? { fingerprint: reviewed.fingerprint, changes: reviewed.changes?.length ?? 0 } : null,
    changes: outcome.records.map((record, index) => ({ id: ids[index] ?? '', status: record.status, detail: record.detail, ...record.change })),
    counts: outcome.counts,
    offboarding: plan.offboarding ?? [],
    unread: plan.unread.map(({ client, kind, resource, error }) => ({ client, kind, resource, error })),
    stopped: outcome.stopped ?? null,
    auditLog: auditLog ?? null,
  };
}

/** Which changes may be carried out: all of a fresh plan once confirmed, or what a reviewed plan file allows; undefined when declined. */
async function chooseSelection(options: CliOptions, io: Io, prepared: PreparedPlan): Promise<ApplySelection | undefined> {
  if (options.plan) {
    const reviewed = await readReviewedPlan(options.plan);
    return { from: 'reviewed', reviewed: { fingerprint: reviewed.fingerprint, changes: reviewed.changes }, policy: 'apply-reviewed' };
  }
  if (options.format === 'json') return { from: 'plan' };
  io.stdout.write(renderText(prepared.plan, { color: useColor(io) }));
  if (prepared.plan.changes.length > 0 && !options.yes) {
    if (!io.interactive) throw new UsageError('apply changes platforms: pass --yes, or --plan with a reviewed plan file');
    if (!(await io.confirm(`Apply these ${prepared.plan.changes.length} changes? [y/N] `))) return undefined;
  }
  return { from: 'plan' };
}

/** `latch apply`: plan afresh, then carry out the changes; exit 1 when any change or read failed or a reviewed change was held back. */
export async function applyCommand(options: CliOptions, io: Io): Promise<number> {
  requireConsent(options);
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const prepared = await preparePlan(context, { client: options.client, base: options.base });
  const selection = await chooseSelection(options, io, prepared);
  if (selection === undefined) {
    io.stdout.write('Nothing applied.\n');
    return 0;
  }
  const json = options.format === 'json';
  const offboarding = json ? [] : (prepared.plan.offboarding ?? []);
  for (const entry of offboarding) {
    io.stdout.write(`Offboarding ${entry.name}: ${entry.revocations} revocations on ${entry.resources} resources (${entry.file} deleted; intended, not counted toward the mass-revocation bound).\n`);
  }
  let ids: string[] = [];
  const outcome = await runApply(prepared, {
    selection,
    allowMassRevoke: options.allowMassRevoke,
    source: { repository: context.dir, trigger: 'cli', pr: null, mergedBy: null, commit: '', fingerprint: prepared.plan.fingerprint },
    concurrency: context.concurrency,
    logger,
    secrets: secretsOf(io),
    onRecords: async (records) => {
      const trail = trailRecords(records);
      ids = trail.map((record) => record.id);
      if (options.auditLog) await appendAudit(options.auditLog, trail);
    },
  });
  const { decision } = outcome;
  const code = outcome.succeeded && prepared.plan.unread.length === 0 ? 0 : 1;
  if (json) {
    writeJson(io, applyJson(prepared.plan, selection, outcome, ids, options.auditLog));
    if (outcome.stopped?.by === 'mass-revoke') throw new RefusalError(outcome.stopped.message, 'review the revocations, then run apply again with --allow-mass-revoke');
    return code;
  }
  if (selection.from === 'reviewed') {
    io.stdout.write(`Reviewed plan ${selection.reviewed?.fingerprint ?? ''}: ${selection.reviewed?.changes?.length ?? 0} changes, ${decision.toApply.length} still to do.\n`);
    io.stdout.write(listChanges('Already in place (an earlier apply got this far):', decision.alreadyDone));
    io.stdout.write(listWithheld('Reviewed but not applied:', decision.reviewedWithheld));
    io.stdout.write(listWithheld('Not applied:', decision.withheld));
  }
  if (outcome.stopped?.by === 'mass-revoke') throw new RefusalError(outcome.stopped.message, 'review the revocations, then run apply again with --allow-mass-revoke');
  if (outcome.results.length === 0 && outcome.counts.alreadyInPlace === 0) {
    io.stdout.write('Nothing to apply.\n');
  } else {
    io.stdout.write(`\n${renderApplyResults(outcome.results, outcome.counts)}`);
  }
  if (decision.reviewedWithheld.length > 0) {
    io.stderr.write(`${decision.reviewedWithheld.length} reviewed changes were not applied (listed above): plan again and review the new plan.\n`);
  }
  if (options.auditLog && outcome.records.length > 0) io.stdout.write(`Audit: ${outcome.records.length} records appended to ${options.auditLog}.\n`);
  return code;
}
