import type { Change, Plan } from '../model/plan.js';
import { clientLabel, groupByClient } from './describe.js';
import { plural } from '../text.js';
import { bulletList, code, escapeMarkdown } from './markdown-text.js';
import { emergencyLine, reappearedLines, watchState } from './lifecycle.js';
import { fitBlocks, type Block } from './fit-blocks.js';
import { GITHUB_BODY_LIMIT, hardLimit } from './pr-comment.js';

/** The first line of Latch's drift issue; with the bot's login it finds the issue again. */
export const DRIFT_MARKER = '<!-- latch:drift -->';

/** A grant whose `until` has passed, and what the drift run did about it. */
export interface ExpiredOutcome {
  /** The revocation the expiry calls for. */
  change: Change;
  /** Revoked by this run, failed, or left in place. */
  status: 'revoked' | 'failed' | 'left';
  /** Why it failed or was left (revocation switched off, mass-revocation bound). */
  detail?: string;
}

export interface DriftIssueInput {
  /** The plan of the drift run. */
  plan: Plan;
  /** Differences still there after the run: the plan's changes less the expired grants it revoked. */
  differences: readonly Change[];
  /** Grants whose end date has passed, and what the run did. */
  expired: readonly ExpiredOutcome[];
  /** Longest body to produce; default GitHub’s limit less a margin. */
  maxLength?: number;
}

/** Whether the platforms differ from the repository in a way the issue must show. */
export function driftRemains(input: Pick<DriftIssueInput, 'plan' | 'differences' | 'expired'>): boolean {
  return (
    input.differences.length > 0 ||
    input.plan.findings.length > 0 ||
    (input.plan.emergencies?.length ?? 0) > 0 ||
    input.expired.some((entry) => entry.status !== 'revoked')
  );
}

function cell(text: string): string {
  return escapeMarkdown(text);
}

function repositorySays(change: Change): string {
  return change.to === null ? 'no access' : code(change.to);
}

function platformHas(change: Change): string {
  if (change.from === null) return change.pending ? 'an expired invitation' : 'no access';
  return change.pending ? `${code(change.from)} (invited, not accepted)` : code(change.from);
}

function differenceBlock(client: string, changes: readonly Change[]): Block {
  const heading = `#### ${escapeMarkdown(client)} (${changes.length})\n\n`;
  const rows = changes.map((change) => `| ${code(change.resource)} | ${code(change.principal)} | ${repositorySays(change)} | ${platformHas(change)} | ${cell(change.reason)} |`);
  return {
    full: `${heading}| Resource | Who | The repository says | The platform has | Why |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n`,
    short: `${heading}_${plural(changes.length, 'difference')}; the list is cut to stay within GitHub’s size limit._\n\n`,
    name: escapeMarkdown(client),
  };
}

function expiredSection(expired: readonly ExpiredOutcome[]): string[] {
  if (expired.length === 0) return [];
  const result = { revoked: 'revoked by this run', failed: 'revocation failed', left: 'not revoked' } as const;
  const rows = expired.map(({ change, status, detail }) => `| ${code(change.resource)} | ${code(change.principal)} | ${code(change.from ?? '')} | ${cell(change.reason)} | ${result[status]}${detail ? `: ${cell(detail)}` : ''} |`);
  return ['### Expired grants', '', '| Resource | Who | Level | Ended | Result |', '|---|---|---|---|---|', ...rows.slice(0, 100), ...(rows.length > 100 ? [`\n_… and ${rows.length - 100} more._`] : []), ''];
}

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`### ${title}`, '', ...bulletList(items, 50), ''];
}

/**
 * What each kind of difference means and what happens to it next, only for the kinds found:
 * access nobody declared, declared access the platform lacks, and a level other than declared.
 */
function kindLines(differences: readonly Change[]): string[] {
  const count = (action: Change['action']) => differences.filter((change) => change.action === action).length;
  const next = 'the plan of the next merged access pull request lists it as drift that already existed, for reviewers to approve';
  const kinds = [
    [count('revoke'), 'Extra access', `on the platform but not declared there, most likely granted by hand; ${next} its removal. If it should stay, declare it in ${code('clients/')} in a pull request instead.`],
    [count('grant'), 'Missing access', `declared in a client file but not on the platform: removed by hand, or never in place (a failed apply, an invitation that expired); ${next} granting it again. If it should go, remove it from ${code('clients/')} in a pull request.`],
    [count('update'), 'Wrong level', `on the platform at another level than its client file declares; ${next} setting the declared level. If the platform is right, change the client file in a pull request.`],
  ] as const;
  return kinds.flatMap(([found, name, text]) => (found > 0 ? [`- **${name} (${found})**: ${text}`] : []));
}

/**
 * The drift issue: each difference with what the repository says and what the platform
 * has, findings of the whole-platform audits, expired grants, and what could not be read.
 * Nothing in it changes from run to run unless the drift does, so an unchanged issue is
 * never rewritten.
 */
export function renderDriftIssue(input: DriftIssueInput): { title: string; body: string } {
  const { plan, differences } = input;
  const max = input.maxLength ?? GITHUB_BODY_LIMIT - 500;
  const open = input.expired.filter((entry) => entry.status !== 'revoked').length;
  const counts = [plural(differences.length, 'difference'), plural(plan.findings.length, 'finding')];
  if (open > 0) counts.push(`${plural(open, 'expired grant')} still in place`);
  const title = `Access drift: ${counts.join(', ')}`;
  const head = [
    DRIFT_MARKER,
    '## The platforms differ from the repository',
    '',
    `Latch’s drift check found ${counts.join(', ')}.`,
    '',
    ...(differences.length > 0 ? [...kindLines(differences), ''] : []),
    ...(differences.length > 0 ? ['### Differences', ''] : []),
  ].join('\n');
  const blocks = [...groupByClient(differences)].map(([client, changes]) => differenceBlock(client, changes));
  const tail = [
    '',
    ...listSection('Offboarded clients: access reappeared', (plan.watched ?? []).flatMap(reappearedLines).map(escapeMarkdown)),
    ...listSection('Offboarded clients not verified clean', (plan.watched ?? []).filter((watch) => watch.state !== 'clean').map((watch) => `${code(watch.client)}: ${escapeMarkdown(watchState(watch))}`)),
    ...listSection('Revoked in an emergency, files not yet updated', (plan.emergencies ?? []).map((entry) => escapeMarkdown(emergencyLine(entry)))),
    ...listSection('Findings', plan.findings.map((finding) => `${escapeMarkdown(finding.platform)}: ${code(finding.subject)}: ${escapeMarkdown(finding.message)}`)),
    ...expiredSection(input.expired),
    ...listSection('Could not be read (drift there is unknown)', plan.unread.map((unread) => `${code(unread.resource)} (${unread.kind}, ${escapeMarkdown(clientLabel(unread.client))}): ${escapeMarkdown(unread.error)}`)),
    '',
    '<sub>This issue is kept by Latch: updated while drift lasts, closed when it is gone.</sub>',
    '',
  ].join('\n');
  // No run link here: the body must stay the same from run to run while the drift does.
  const cutNote = '\n> ✂️ **Details cut**: GitHub limits an issue to 65,536 characters; every difference is in the job summary of the latest drift run.\n\n';
  return { title, body: hardLimit(fitBlocks(head, blocks, tail, max, cutNote, 'list').text, max, '') };
}

/**
 * The title a closed drift issue keeps: it says the drift was resolved, so a list of closed
 * issues does not read as open drift. The next drift run finds open issues by marker only.
 */
export function driftResolvedTitle(today: string): string {
  return `Access drift: resolved on ${today}`;
}

/** The comment that closes the drift issue. */
export function renderDriftResolved(today: string, runUrl?: string): string {
  return `${DRIFT_MARKER}\nDrift is gone as of ${today}: every platform Latch read matches the repository${runUrl ? ` ([run](${runUrl}))` : ''}. Closing.\n`;
}
