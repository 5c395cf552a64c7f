import type { ConfigIssue } from '../errors.js';
import type { Change, Plan } from '../model/plan.js';
import { countActions, groupByClient, noChanges } from './describe.js';
import { plural } from '../text.js';
import { clientDiff } from './markdown-diff.js';
import { bulletList, code, escapeHtml, escapeMarkdown, fenced } from './markdown-text.js';
import { leaverMarkdown } from './leavers.js';
import { compareRisk, groupRisk, RISK_ICON, riskFlags, type GroupRisk } from './risk.js';
import { fitBlocks, type Block } from './fit-blocks.js';
import { failedBlock, lastApplyNotes } from './last-apply.js';
import { changeKey } from '../plan/change-key.js';
import { scopeLine } from './scope-line.js';

export { fitBlocks, type Block } from './fit-blocks.js';

/** The first line of Latch's plan comment on a pull request; with the bot's login it finds the comment again. */
export const PLAN_MARKER = '<!-- latch:plan -->';
/** GitHub refuses an issue or comment body longer than this many characters. */
export const GITHUB_BODY_LIMIT = 65_536;
/** Items per risk flag or list before "and N more". */
const LIST_LIMIT = 10;

/** Everything the plan comment shows; the caller reads the platforms and git, the renderer only writes. */
export interface PlanCommentInput {
  /** The plan made at the head of the pull request, against its base. */
  plan: Plan;
  /**
   * changeKey() of the changes the plan at the pull request's base has too: drift that
   * existed before this pull request. Undefined when no comparison was made.
   */
  existing?: ReadonlySet<string>;
  /** Why the comparison with the base was not made, shown when `existing` is undefined. */
  comparisonNote?: string;
  /** The mass-revocation bound with explicit offboardings left out of the count. */
  massRevoke: { exceeded: boolean; message: string };
  /** One line per grant to an e-mail domain that is neither the agency's nor the client's. */
  foreignDomains: readonly string[];
  /** Short commit ids the plan was made at and against. */
  head: string;
  /** Short id of the base commit. */
  base: string;
  /** The hidden line carrying the reviewed plan to the apply job. */
  reviewedMarker: string;
  /** Where the job summary and the plan file are: the pull request's checks page, which stays the same from run to run. */
  summaryUrl?: string;
  /** Name of the plan file the run writes. */
  planFileName: string;
  /** Longest body to produce; default GitHub's limit less a safety margin. */
  maxLength?: number;
}

export { changeKey };

export function countsOf(changes: readonly Change[]): string {
  const count = countActions(changes);
  return `+${count.grant} ~${count.update} −${count.revoke}`;
}

/** A last resort that keeps any body within `max` even if a caller's estimate was wrong. */
export function hardLimit(text: string, max: number, tail: string): string {
  if (text.length <= max) return text;
  const marker = '\n\n✂️ _Cut here: GitHub limits this text to 65,536 characters._\n\n';
  return `${text.slice(0, max - tail.length - marker.length)}${marker}${tail}`;
}

/**
 * A plan whose diff is this many `+`/`-` lines or fewer is shown open: read on a phone
 * without a tap per client. Larger plans collapse each client.
 */
export const OPEN_DIFF_LINES = 40;

/** The `+`/`-` lines the changes make in the diff: an update removes one line and adds one. */
function diffLines(changes: readonly Change[]): number {
  return changes.reduce((sum, change) => sum + (change.action === 'update' ? 2 : 1), 0);
}

/** The first lines of a client's diff that fit in `room` characters, and how many were cut. */
function cutDiff(summary: string, diff: string, room: number): string | undefined {
  const lines = diff.split('\n');
  const closing = (left: number) => `\n\n_… ${plural(left, 'more line')} of this diff cut (size limit)._\n\n</details>\n`;
  let size = `${summary}\n\n${fenced('diff', '')}${closing(lines.length)}`.length;
  let kept = 0;
  for (const line of lines) {
    size += line.length + 1;
    if (size > room) break;
    kept += 1;
  }
  if (kept === 0) return undefined;
  const text = `${summary}\n\n${fenced('diff', lines.slice(0, kept).join('\n'))}${closing(lines.length - kept)}`;
  return text.length <= room ? text : undefined;
}

function clientBlock(client: string, changes: readonly Change[], risk: GroupRisk, open: boolean): Block {
  const line = `<b>${escapeHtml(client)}</b>: ${countsOf(changes)}`;
  const summary = `<details><summary>${line}</summary>`;
  const diff = clientDiff(changes);
  return {
    full: open ? `${line}\n\n${fenced('diff', diff)}\n\n` : `${summary}\n\n${fenced('diff', diff)}\n\n</details>\n`,
    short: `${summary}\n\n_Diff cut (size limit)._\n\n</details>\n`,
    name: escapeMarkdown(client),
    risk,
    partial: (room) => cutDiff(summary, diff, room),
  };
}

/** A section's heading, then its clients riskiest first (a stable sort keeps the plan's order among equals). */
function clientBlocks(title: string, note: string, changes: readonly Change[], open: boolean): Block[] {
  if (changes.length === 0) return [];
  const heading = `\n### ${title} (${changes.length})\n\n${note ? `${note}\n\n` : ''}`;
  const groups = [...groupByClient(changes)].map(([client, group]) => ({ client, group, risk: groupRisk(group) }));
  groups.sort((a, b) => compareRisk(a.risk, b.risk));
  return [{ full: heading, short: heading, pinned: true }, ...groups.map(({ client, group, risk }) => clientBlock(client, group, risk, open))];
}

function flag(icon: string, title: string, details: readonly string[]): string[] {
  return [`${icon} **${escapeMarkdown(title)}** (${details.length})`, '', ...bulletList(details.map(escapeMarkdown), LIST_LIMIT), ''];
}

function riskSection(input: PlanCommentInput): string[] {
  const { plan } = input;
  const lines: string[] = [];
  for (const risk of riskFlags(plan)) {
    if (risk.id === 'mass-revoke') continue;
    lines.push(...flag(RISK_ICON[risk.id], risk.title, risk.details));
  }
  if (input.massRevoke.exceeded) {
    lines.push(...flag('🚨', 'Mass revocation: the apply after merge stops unless it is allowed', [input.massRevoke.message]));
  }
  if (input.foreignDomains.length > 0) lines.push(...flag('🌐', 'Access for an e-mail domain that is neither the agency’s nor the client’s', input.foreignDomains));
  const offboarding = plan.offboarding ?? [];
  if (offboarding.length > 0) {
    const details = offboarding.map((entry) => `${entry.name}: ${plural(entry.revocations, 'revocation')} on ${plural(entry.resources, 'resource')} (${entry.file} deleted)`);
    lines.push(...flag('🚪', 'Offboarding: intended, so not counted toward the mass-revocation bound', details));
  }
  return lines.length > 0 ? ['### Risk flags', '', ...lines] : [];
}

function offboardingSection(plan: Plan): string[] {
  return (plan.offboarding ?? []).flatMap((entry) => [
    `### Offboarding ${escapeMarkdown(entry.name)}: ${plural(entry.revocations, 'revocation')} on ${plural(entry.resources, 'resource')}`,
    '',
    `${code(entry.file)} was deleted in this pull request, so every grant on the resources it declared is revoked. ` +
      'An explicit offboarding is intended: its revocations do not count toward the mass-revocation bound.',
    '',
  ]);
}

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`### ${title}`, '', ...bulletList(items, LIST_LIMIT * 3), ''];
}

function otherSections(plan: Plan): string[] {
  const open = (plan.requests ?? []).filter((request) => request.status !== 'verified');
  return [
    ...listSection('Access requests: the client acts, Latch verifies', open.map((request) => `${escapeMarkdown(request.ask)} (${request.status})`)),
    ...listSection('Held, not changed', plan.held.map((held) => `${code(held.principal)} on ${code(held.resource)}: ${escapeMarkdown(held.reason)}`)),
    ...listSection('Not read: nothing is planned for these', plan.unread.map((unread) => `${code(unread.resource)} (${unread.kind}): ${escapeMarkdown(unread.error)}`)),
    ...listSection('Findings', plan.findings.map((finding) => `${escapeMarkdown(finding.platform)}: ${code(finding.subject)}: ${escapeMarkdown(finding.message)}`)),
    ...listSection('Warnings', plan.warnings.map((warning) => `${warning.file ? `${code(`${warning.file}:${warning.line ?? 1}`)}: ` : ''}${escapeMarkdown(warning.message)}`)),
  ];
}

function countLine(plan: Plan): string {
  if (noChanges(plan)) return '**No changes**: the platforms already match this pull request.';
  const count = countActions(plan.changes);
  const parts = [`**+${count.grant}** to grant`, `**~${count.update}** to update`, `**−${count.revoke}** to revoke`];
  if (plan.held.length > 0) parts.push(`${plan.held.length} held`);
  if (plan.unread.length > 0) parts.push(`${plural(plan.unread.length, 'resource')} not read`);
  return parts.join(' · ');
}

function whereFull(input: { summaryUrl?: string; planFileName: string }): string {
  const run = input.summaryUrl ? `[the latest plan run](${input.summaryUrl})` : 'the latest plan run';
  return `the job summary and the ${code(input.planFileName)} artifact of ${run}`;
}

/**
 * The sticky plan comment: counts, risk flags, offboarding, one diff per client (open for a
 * small plan, collapsed for a large one, riskiest client first) split into what the pull
 * request introduces and drift that already existed, the fingerprint reviewers approve.
 * Always within GitHub's limit: counts and the list of clients stay, the least risky diffs
 * are cut with a visible note naming them and pointing at the full plan.
 */
export function renderPlanComment(input: PlanCommentInput): string {
  const { plan } = input;
  const max = input.maxLength ?? GITHUB_BODY_LIMIT - 500;
  const head = [
    PLAN_MARKER,
    '## Latch access plan',
    '',
    countLine(plan),
    '',
    ...(plan.scope ? [`🔎 ${escapeMarkdown(scopeLine(plan.scope))}`, ''] : []),
    `Planned at ${code(input.head)} against the base ${code(input.base)}. Approving this pull request approves exactly this plan.`,
    '',
    ...lastApplyNotes(plan),
    ...riskSection(input),
    ...offboardingSection(plan),
    ...leaverMarkdown(plan),
  ].join('\n');
  const open = diffLines(plan.changes) <= OPEN_DIFF_LINES;
  let blocks: Block[];
  // A change the last apply failed is neither new nor plain drift: it has a block of its own.
  const failed = new Set((plan.lastApply?.failed ?? []).map((entry) => changeKey(entry.change)));
  const planned = plan.changes.filter((change) => !failed.has(changeKey(change)));
  if (input.existing) {
    const existing = input.existing;
    const introduced = planned.filter((change) => !existing.has(changeKey(change)));
    const before = planned.filter((change) => existing.has(changeKey(change)));
    blocks = [
      ...clientBlocks('Changes this pull request makes', '', introduced, open),
      ...failedBlock(plan.lastApply?.failed ?? []),
      ...clientBlocks('Drift that already existed', '_The platforms already differed from the base branch here; applying puts them back as the repository says._', before, open),
    ];
  } else {
    const note = input.comparisonNote ? `_Not compared with the base: ${escapeMarkdown(input.comparisonNote)}_` : '';
    blocks = [...clientBlocks('Changes by client', note, planned, open), ...failedBlock(plan.lastApply?.failed ?? [])];
  }
  const footer = `\n---\n<sub>Plan fingerprint ${code(plan.fingerprint)} · the full plan is in ${whereFull(input)}.</sub>\n${input.reviewedMarker}\n`;
  const tail = `\n${otherSections(plan).join('\n')}${footer}`;
  const cutNote = `\n> ✂️ **Details cut**: GitHub limits a comment to 65,536 characters. Clients are listed with their counts, riskiest first; the full diff is in ${whereFull(input)}.\n`;
  const { text } = fitBlocks(head, blocks, tail, max, cutNote);
  return hardLimit(text, max, footer);
}

/** The comment when no plan can be made: a pull request from a fork, or a run without a token. */
export function renderNoPlanComment(reason: string, validated: string): string {
  return [
    PLAN_MARKER,
    '## Latch access plan',
    '',
    `**No plan was made.** ${escapeMarkdown(reason)}`,
    '',
    escapeMarkdown(validated),
    '',
    'Nothing from this pull request can be applied until a plan has been made and reviewed here.',
    '',
  ].join('\n');
}

/** The comment when the files do not validate: nothing is planned for any client. */
export function renderInvalidComment(issues: readonly ConfigIssue[], summaryUrl?: string): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const shown = errors.slice(0, 20).map((issue) => `${code(`${issue.file}:${issue.line}:${issue.column}`)} ${escapeMarkdown(issue.message)} _${escapeMarkdown(issue.hint)}_`);
  const more = errors.length > shown.length ? [`- … and ${errors.length - shown.length} more in the job summary${summaryUrl ? ` of [the latest plan run](${summaryUrl})` : ''}`] : [];
  return [
    PLAN_MARKER,
    '## Latch access plan',
    '',
    `**The files do not validate: ${plural(errors.length, 'error')}, so nothing was planned for any client.** Each error is marked on its line under “Files changed”.`,
    '',
    ...shown.map((line) => `- ${line}`),
    ...more,
    '',
  ].join('\n');
}
