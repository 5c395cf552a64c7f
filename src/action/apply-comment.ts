import { changeTarget } from '../apply/reviewed.js';
import type { ApplyOutcome } from '../apply/run.js';
import type { Change } from '../model/plan.js';
import { groupByClient, levelsOf } from '../report/describe.js';
import { plural } from '../text.js';
import { code, escapeHtml, escapeMarkdown } from '../report/markdown-text.js';
import { GITHUB_BODY_LIMIT, fitBlocks, hardLimit, type Block } from '../report/pr-comment.js';

/** The first line of the apply result on a merged pull request; a re-run of the job edits it. */
export const APPLY_MARKER = '<!-- latch:apply -->';

export interface ApplyCommentInput {
  /** What the apply decided and did. */
  outcome: Pick<ApplyOutcome, 'decision' | 'results' | 'withheld' | 'counts'>;
  /** Why nothing was applied, when the apply stopped before changing anything. */
  stopped?: string;
  /** Login of who merged the pull request. */
  mergedBy: string | null;
  /** The commit the push made on main. */
  commit: string;
  /** Fingerprint of the plan made at merge. */
  fingerprint: string;
  /** Fingerprint of the plan reviewers approved, when one was found. */
  reviewedFingerprint?: string;
  /** File name of the audit records, as uploaded with the run. */
  auditFile: string;
  /** The apply run, where the audit artifact is. */
  runUrl?: string;
  /** Longest body to produce; default GitHub’s limit less a margin. */
  maxLength?: number;
}

const MARK = { applied: '✓', unchanged: '=', failed: '✗', skipped: '⏭' } as const;

interface Row {
  /** The symbol of the result. */
  mark: string;
  /** The change the row is about. */
  change: Change;
  /** What happened, in words. */
  result: string;
}


function rowText(row: Row): string {
  const { change } = row;
  return `| ${row.mark} | ${change.action} ${code(levelsOf(change))} | ${code(change.resource)} | ${code(change.principal)} | ${escapeMarkdown(row.result)} |`;
}

function blocks(rows: readonly Row[]): Block[] {
  return [...groupByClient(rows.map((row) => ({ ...row, client: row.change.client })))].map(([client, group]) => {
    const heading = `<details><summary><b>${escapeHtml(client)}</b>: ${plural(group.length, 'change')}</summary>\n\n`;
    return {
      full: `${heading}| | Change | Resource | Who | Result |\n|---|---|---|---|---|\n${group.map(rowText).join('\n')}\n\n</details>\n`,
      short: `${heading}_Rows cut (size limit)._\n\n</details>\n`,
    };
  });
}

/**
 * The result of the apply on the merged pull request: counts, how the plan differed from
 * the reviewed one, each change done, unchanged, skipped or failed, and where the audit
 * records are.
 */
export function renderApplyComment(input: ApplyCommentInput): string {
  const { decision, results, withheld, counts } = input.outcome;
  const state = input.stopped ? 'stopped: nothing applied' : counts.failed > 0 || decision.reviewedWithheld.length > 0 ? 'done, with failures' : 'done';
  const who = input.mergedBy ? `Merged by @${input.mergedBy}` : 'Merged';
  const reviewed = input.reviewedFingerprint ? `reviewed plan ${code(input.reviewedFingerprint)}` : 'no reviewed plan';
  const lines = [
    APPLY_MARKER,
    `## Latch apply: ${state}`,
    '',
    `${who} in ${code(input.commit.slice(0, 7))} · ${reviewed} · plan at merge ${code(input.fingerprint)}`,
    '',
    `**✓ ${counts.applied} done · = ${counts.alreadyInPlace} already in place · ✗ ${counts.failed} failed · ⏭ ${counts.notApplied} not applied**`,
    '',
  ];
  if (input.stopped) lines.push(`> ⛔ ${escapeMarkdown(input.stopped)}`, '');
  if (decision.reviewedWithheld.length > 0) {
    lines.push(`> ⛔ **${plural(decision.reviewedWithheld.length, 'reviewed change')} not applied**: the job fails; plan again in a new pull request.`, '');
  }
  if (decision.differences.length > 0) {
    lines.push('### The plan changed since review', '', ...decision.differences.map((line) => `- ${escapeMarkdown(line)}`), '');
  }
  const shown = new Set(withheld.map((entry) => changeTarget(entry.change)));
  const rows: Row[] = [
    ...results.map((result) => ({ mark: MARK[result.status], change: result.change, result: `${result.status}${result.detail ? `: ${result.detail}` : ''}` })),
    ...decision.alreadyDone.map((change) => ({ mark: MARK.unchanged, change, result: 'already in place: an earlier apply carried it out' })),
    ...withheld.map((entry) => ({ mark: MARK.skipped, change: entry.change, result: `not applied: ${entry.why}` })),
    ...decision.reviewedWithheld.filter((entry) => !shown.has(changeTarget(entry.change))).map((entry) => ({ mark: MARK.skipped, change: entry.change, result: `not applied: ${entry.why}` })),
  ];
  const head = `${lines.join('\n')}\n${rows.length > 0 ? '### Each change\n\n' : ''}`;
  const run = input.runUrl ? ` of [this run](${input.runUrl})` : '';
  const tail = `\n<sub>One audit record per change (who merged, pull request, commit, time, result) in ${code(input.auditFile)}, uploaded as the artifact ${code('latch-audit')}${run}.</sub>\n`;
  const max = input.maxLength ?? GITHUB_BODY_LIMIT - 500;
  const cutNote = '\n> ✂️ **Rows cut**: GitHub limits a comment to 65,536 characters; every change is in the job summary and the audit file.\n\n';
  return hardLimit(fitBlocks(head, blocks(rows), tail, max, cutNote).text, max, tail);
}
