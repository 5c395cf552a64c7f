import type { Change, Plan } from '../model/plan.js';
import { clientLabel, countActions, groupByClient, noChanges } from './describe.js';
import { plural } from '../text.js';
import { clientDiff } from './markdown-diff.js';
import { bulletList, code, escapeHtml, escapeMarkdown, fenced } from './markdown-text.js';
import { leaverMarkdown } from './leavers.js';
import { requestBullets } from './request-plan.js';
import { emergencyLine, watchState } from './lifecycle.js';
import { RISK_ICON, riskFlags, type RiskOptions } from './risk.js';
import { failedWhat, failedWhen, lastApplyNotes } from './last-apply.js';
import { scopeLine, scopeReason } from './scope-line.js';

export interface MarkdownOptions extends RiskOptions {
  /** First line of the comment; "Latch access plan" when absent. */
  title?: string;
  /**
   * Longest text to produce; GitHub refuses comments above 65,536 characters. Clients whose
   * diff does not fit are listed with their counts only.
   */
  maxLength?: number;
  /** A drift run: findings count as drift, so a plan with findings is not "No changes.". */
  drift?: boolean;
}

const DEFAULT_MAX_LENGTH = 60_000;
/** Items listed per risk flag or section before "and N more", so a phone screen stays readable. */
const LIST_LIMIT = 10;

function counts(changes: readonly Change[]): string {
  const count = countActions(changes);
  return `+${count.grant} ~${count.update} −${count.revoke}`;
}

function summary(plan: Plan, drift: boolean): string {
  const count = countActions(plan.changes);
  const parts = [`**+${count.grant}** to grant`, `**~${count.update}** to update`, `**−${count.revoke}** to revoke`];
  if (plan.held.length > 0) parts.push(`${plan.held.length} held`);
  if (plan.unread.length > 0) parts.push(`${plural(plan.unread.length, 'resource')} not read`);
  return noChanges(plan, drift) && plan.held.length === 0 ? 'No changes.' : parts.join(' · ');
}

function risks(plan: Plan, options: MarkdownOptions): string[] {
  const flags = riskFlags(plan, options);
  if (flags.length === 0) return [];
  const lines = ['### Risk flags', ''];
  for (const flag of flags) {
    lines.push(`${RISK_ICON[flag.id]} **${escapeMarkdown(flag.title)}** (${flag.details.length})`, '');
    lines.push(...bulletList(flag.details.map(escapeMarkdown), LIST_LIMIT), '');
  }
  return lines;
}

function clientSection(client: string, changes: readonly Change[], open: boolean, withDiff: boolean): string {
  const head = `<details${open ? ' open' : ''}><summary><b>${escapeHtml(client)}</b>: ${counts(changes)}</summary>`;
  const body = withDiff ? fenced('diff', clientDiff(changes)) : '_The diff of this client is left out to keep the comment within GitHub’s size limit; `latch plan` shows it in full._';
  return `${head}\n\n${body}\n\n</details>\n`;
}

function clientSections(plan: Plan, budget: number): string[] {
  const groups = groupByClient(plan.changes);
  const sections: string[] = [];
  let used = 0;
  for (const [client, changes] of groups) {
    // A cheap lower bound on the diff's length spares diffing clients that cannot fit anyway.
    const estimate = changes.reduce((sum, change) => sum + change.principal.length + change.reason.length, 0);
    const full = used + estimate <= budget ? clientSection(client, changes, groups.size === 1, true) : undefined;
    const section = full !== undefined && used + full.length <= budget ? full : clientSection(client, changes, false, false);
    used += section.length;
    sections.push(section);
  }
  return sections;
}

function listSection(title: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  return [`### ${title}`, '', ...bulletList(items, LIST_LIMIT * 5), ''];
}

function others(plan: Plan): string[] {
  return [
    ...listSection(
      'Failed at the last apply, planned again',
      (plan.lastApply?.failed ?? []).map((entry) => `${code(failedWhat(entry))} (${escapeMarkdown(failedWhen(entry))}): ${escapeMarkdown(entry.detail)}`),
    ),
    ...listSection('Access requests: the client acts, Latch verifies', requestBullets(plan)),
    ...listSection(
      'Held, not changed',
      plan.held.map((held) => `${code(held.principal)} on ${code(held.resource)} (${held.kind}, ${escapeMarkdown(clientLabel(held.client))}): ${escapeMarkdown(held.reason)}`),
    ),
    ...listSection(
      'Not read: the plan is incomplete',
      plan.unread.map((unread) => `${code(unread.resource)} (${unread.kind}, ${escapeMarkdown(clientLabel(unread.client))}): ${escapeMarkdown(unread.error)}`),
    ),
    ...listSection('Offboarded clients still watched', (plan.watched ?? []).map((watch) => `${code(watch.client)}: ${escapeMarkdown(watchState(watch))}`)),
    ...listSection('Emergency revocations the files do not reflect yet', (plan.emergencies ?? []).map((entry) => escapeMarkdown(emergencyLine(entry)))),
    ...listSection(
      'Findings',
      plan.findings.map((finding) => `${escapeMarkdown(finding.platform)}: ${code(finding.subject)}: ${escapeMarkdown(finding.message)}`),
    ),
    ...listSection(
      'Warnings',
      plan.warnings.map((warning) => `${warning.file ? `${code([warning.file, warning.line].filter((part) => part !== undefined).join(':'))}: ` : ''}${escapeMarkdown(warning.message)}`),
    ),
  ];
}

/**
 * The plan for a pull-request comment read on a phone: counts, risk flags, one collapsible
 * diff per client, what was held or not read, and the fingerprint reviewers approve.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const scope = plan.scope ? [[scopeLine(plan.scope), scopeReason(plan.scope)].filter((line) => line !== undefined).map(escapeMarkdown).join(' '), ''] : [];
  const head = [`## ${escapeMarkdown(options.title ?? 'Latch access plan')}`, '', summary(plan, options.drift ?? false), '', ...scope, ...lastApplyNotes(plan), ...risks(plan, options), ...leaverMarkdown(plan)];
  const tail = [...others(plan), `<sub>Plan fingerprint: ${code(plan.fingerprint)}</sub>`];
  const fixed = [...head, ...tail].join('\n').length;
  const changes = plan.changes.length > 0 ? ['### Changes by client', '', ...clientSections(plan, (options.maxLength ?? DEFAULT_MAX_LENGTH) - fixed - 100)] : [];
  return `${[...head, ...changes, ...tail].join('\n')}\n`;
}
