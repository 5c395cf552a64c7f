import { readFile } from 'node:fs/promises';
import type { Withheld } from '../../apply/decide.js';
import { runApply, type ApplySelection } from '../../apply/run.js';
import { RefusalError, UsageError } from '../../errors.js';
import type { Change, Plan } from '../../model/plan.js';
import { preparePlan, type PreparedPlan } from '../../pipeline.js';
import { renderApplyResults } from '../../report/apply-result.js';
import { parsePlanJson } from '../../report/json.js';
import { renderText } from '../../report/text.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, secretsOf, useColor, type Io } from '../io.js';

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

/** Which changes may be carried out: all of a fresh plan once confirmed, or what a reviewed plan file allows; undefined when declined. */
async function chooseSelection(options: CliOptions, io: Io, prepared: PreparedPlan): Promise<ApplySelection | undefined> {
  if (options.plan) {
    const reviewed = await readReviewedPlan(options.plan);
    return { from: 'reviewed', reviewed: { fingerprint: reviewed.fingerprint, changes: reviewed.changes }, policy: 'apply-reviewed' };
  }
  io.stdout.write(renderText(prepared.plan, { color: useColor(io) }));
  if (prepared.plan.changes.length > 0 && !options.yes) {
    if (!io.interactive) throw new UsageError('apply changes platforms: pass --yes, or --plan with a reviewed plan file');
    if (!(await io.confirm(`Apply these ${prepared.plan.changes.length} changes? [y/N] `))) return undefined;
  }
  return { from: 'plan' };
}

/** `latch apply`: plan afresh, then carry out the changes; exit 1 when any change or read failed or a reviewed change was held back. */
export async function applyCommand(options: CliOptions, io: Io): Promise<number> {
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const prepared = await preparePlan(context, { client: options.client, base: options.base });
  const selection = await chooseSelection(options, io, prepared);
  if (selection === undefined) {
    io.stdout.write('Nothing applied.\n');
    return 0;
  }
  for (const entry of prepared.plan.offboarding ?? []) {
    io.stdout.write(`Offboarding ${entry.name}: ${entry.revocations} revocations on ${entry.resources} resources (${entry.file} deleted; intended, not counted toward the mass-revocation bound).\n`);
  }
  const outcome = await runApply(prepared, {
    selection,
    allowMassRevoke: options.allowMassRevoke,
    source: { repository: context.dir, trigger: 'cli', pr: null, mergedBy: null, commit: '', fingerprint: prepared.plan.fingerprint },
    concurrency: context.concurrency,
    logger,
    secrets: secretsOf(io),
  });
  const { decision } = outcome;
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
  return outcome.succeeded && prepared.plan.unread.length === 0 ? 0 : 1;
}
