import type { FailedChange, InvalidBase, Plan } from '../model/plan.js';
import { plural } from '../text.js';
import { clientLabel, levelsOf } from './describe.js';
import { bulletList, code, escapeMarkdown } from './markdown-text.js';

/** Entries before "and N more": a whole failed apply can be long, and the full list is in the plan file. */
const FAILED_LIMIT = 30;

/** "grant noor-bloom push on acme-agency/bloom-site (github-repo)". */
export function failedWhat(entry: FailedChange): string {
  const { change } = entry;
  return `${change.action} ${change.principal} ${levelsOf(change)} on ${change.resource} (${change.kind})`;
}

/** "pull request #7, 2026-11-23": which apply it was. */
export function failedWhen(entry: FailedChange): string {
  const day = entry.at.slice(0, 10);
  return entry.pr === null ? day : `pull request #${entry.pr}, ${day}`;
}

/** Why offboarding and the comparison with the base are missing, naming the base's first error. */
export function invalidBaseLine(invalid: InvalidBase): string {
  const where = invalid.file ? `${invalid.file}:${invalid.line}: ` : '';
  const more = invalid.errors > 1 ? ` (and ${plural(invalid.errors - 1, 'more error')})` : '';
  return `The files at the base ${invalid.base} do not validate (${where}${invalid.message}${more}), so this plan is of these files alone: the comparison with the base (drift that already existed) and offboarding (client files deleted since the base) are unavailable for this run.`;
}

/** One line when the audit trail could not be read: nothing is marked failed, and the plan goes on. */
export function unreadableTrailLine(why: string): string {
  return `The audit trail could not be read, so changes that failed at the last apply are not marked: ${why}`;
}

/** The notes a plan comment or summary leads with: an invalid base, an unreadable trail. */
export function lastApplyNotes(plan: Plan): string[] {
  const notes: string[] = [];
  if (plan.invalidBase) notes.push(`⚠️ ${escapeMarkdown(invalidBaseLine(plan.invalidBase))}`, '');
  if (plan.lastApply?.unreadable !== undefined) notes.push(`ℹ️ ${escapeMarkdown(unreadableTrailLine(plan.lastApply.unreadable))}`, '');
  return notes;
}

/**
 * The comment's block of planned changes the last apply could not carry out, each with the
 * platform's answer; its short form keeps the heading and the count.
 */
export function failedBlock(failed: readonly FailedChange[]): { full: string; short: string }[] {
  if (failed.length === 0) return [];
  const heading = `\n### Failed at the last apply (${failed.length})\n\n_Planned again: the platforms refused these when they were last applied, so they may fail the same way until the cause is fixed._\n\n`;
  const items = failed.map(
    (entry) => `${escapeMarkdown(clientLabel(entry.change.client))}: ${code(failedWhat(entry))}. Failed at the last apply (${escapeMarkdown(failedWhen(entry))}): ${escapeMarkdown(entry.detail)}`,
  );
  return [{ full: `${heading}${bulletList(items, FAILED_LIMIT).join('\n')}\n`, short: `${heading}_List cut (size limit)._\n` }];
}
