import { readFile } from 'node:fs/promises';
import { executeChanges, countResults } from '../../apply/execute.js';
import { splitReviewed } from '../../apply/reviewed.js';
import { RefusalError, UsageError } from '../../errors.js';
import type { Change, Plan } from '../../model/plan.js';
import { checkMassRevoke } from '../../plan/mass-revoke.js';
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

function listChanges(title: string, changes: readonly Change[]): string {
  if (changes.length === 0) return '';
  const lines = changes.map((change) => `  ${change.action} ${change.kind} ${change.resource} ${change.principal}`);
  return `${title}\n${lines.join('\n')}\n`;
}

/** Decides which changes to carry out: all of a fresh plan, or what is left of a reviewed one. */
async function chooseChanges(options: CliOptions, io: Io, prepared: PreparedPlan): Promise<Change[] | undefined> {
  if (!options.plan) {
    io.stdout.write(renderText(prepared.plan, { color: useColor(io) }));
    if (prepared.plan.changes.length === 0) return [];
    if (!options.yes) {
      if (!io.interactive) throw new UsageError('apply changes platforms: pass --yes, or --plan with a reviewed plan file');
      if (!(await io.confirm(`Apply these ${prepared.plan.changes.length} changes? [y/N] `))) return undefined;
    }
    return prepared.plan.changes;
  }
  const reviewed = await readReviewedPlan(options.plan);
  const split = splitReviewed(reviewed, prepared.plan);
  io.stdout.write(`Reviewed plan ${reviewed.fingerprint}: ${reviewed.changes.length} changes, ${split.toApply.length} still to do.\n`);
  io.stdout.write(listChanges('Already in place (an earlier apply got this far):', split.alreadyDone));
  io.stdout.write(listChanges('Not applied: the platform changed since review, plan again:', split.changedSinceReview));
  io.stdout.write(listChanges('Not applied: the resource could not be read now:', split.unreadable));
  io.stdout.write(listChanges('Not applied: not in the reviewed plan:', split.notReviewed));
  return split.toApply;
}

/** `latch apply`: plan afresh, then carry out the changes; exit 1 when any change or read failed. */
export async function applyCommand(options: CliOptions, io: Io): Promise<number> {
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const prepared = await preparePlan(context, { client: options.client, base: options.base });
  const changes = await chooseChanges(options, io, prepared);
  if (changes === undefined) {
    io.stdout.write('Nothing applied.\n');
    return 0;
  }
  // Deleting a client's file is an explicit offboarding: its revocations are intended, not a mass accident.
  const offboarded = new Set((prepared.plan.offboarding ?? []).map((entry) => entry.client));
  for (const entry of prepared.plan.offboarding ?? []) {
    io.stdout.write(`Offboarding ${entry.name}: ${entry.revocations} revocations on ${entry.resources} resources (${entry.file} deleted; intended, not counted toward the mass-revocation bound).\n`);
  }
  const counted = changes.filter((change) => !(change.action === 'revoke' && change.client !== null && offboarded.has(change.client)));
  const bound = checkMassRevoke({ ...prepared.plan, changes: counted }, prepared.actualGrantCount, prepared.repository.guardrails.massRevoke);
  if (bound.exceeded && !options.allowMassRevoke) {
    throw new RefusalError(bound.message, 'review the revocations, then run apply again with --allow-mass-revoke');
  }
  if (changes.length === 0) {
    io.stdout.write('Nothing to apply.\n');
    return prepared.plan.unread.length > 0 ? 1 : 0;
  }
  const results = await executeChanges(changes, prepared.adapters, { concurrency: context.concurrency, logger, secrets: secretsOf(io) });
  io.stdout.write(`\n${renderApplyResults(results)}`);
  const counts = countResults(results);
  return counts.failed > 0 || prepared.plan.unread.length > 0 ? 1 : 0;
}
