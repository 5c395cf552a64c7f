import { printable } from '../load/characters.js';
import type { Change, ChangeAction, Held, Plan, Warning } from '../model/plan.js';
import { clientLabel, groupByClient, levelsOf, summaryLine } from './describe.js';
import { plural } from '../text.js';
import { leaverDetail, leaverTitle } from './leavers.js';
import { requestRows, requestSectionTitle, requestSummary } from './request-plan.js';
import { scopeLine, scopeReason } from './scope-line.js';
import { emergencyLine, watchState } from './lifecycle.js';
import { unknownPrincipalLine } from './risk.js';
import { failedWhat, failedWhen, invalidBaseLine, unreadableTrailLine } from './last-apply.js';

export interface TextOptions {
  /** ANSI colours for a terminal; false gives plain text for files and pipes. */
  color: boolean;
  /** A drift run: findings count as drift, so a plan with findings is not "No changes.". */
  drift?: boolean;
}

const MARK = { grant: '+ grant', update: '~ update', revoke: '- revoke' } as const satisfies Record<ChangeAction, string>;
const COLOR = { grant: 32, update: 33, revoke: 31 } as const satisfies Record<ChangeAction, number>;

type Paint = (text: string, code: number) => string;

function painter(color: boolean): Paint {
  return color ? (text, code) => `\u001b[${code}m${text}\u001b[0m` : (text) => text;
}

/**
 * Rows of cells padded to the widest cell of each column; the last column is left ragged.
 * Cells carry text from files and platforms, so control characters are shown escaped, never sent to the terminal.
 */
function table(rows: readonly string[][]): string[][] {
  const visible = rows.map((row) => row.map(printable));
  const widths: number[] = [];
  for (const row of visible) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return visible.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))));
}

function changeLines(plan: Plan, paint: Paint): string[] {
  const rows = plan.changes.map((change: Change) => [MARK[change.action], change.kind, change.resource, change.principal, levelsOf(change), change.reason]);
  const padded = table(rows);
  const lines: string[] = [];
  let index = 0;
  for (const [client, changes] of groupByClient(plan.changes)) {
    lines.push(paint(printable(client), 1));
    for (const change of changes) {
      const [mark = '', ...rest] = padded[index] ?? [];
      lines.push(`  ${paint(mark, COLOR[change.action])}  ${rest.join('  ')}`.trimEnd());
      index += 1;
    }
    lines.push('');
  }
  return lines;
}

function section(title: string, rows: string[][], paint: Paint): string[] {
  if (rows.length === 0) return [];
  return [paint(title, 1), ...table(rows).map((row) => `  ${row.join('  ')}`.trimEnd()), ''];
}

function where(warning: Warning): string {
  if (!warning.file) return '-';
  return [warning.file, warning.line, warning.column].filter((part) => part !== undefined).join(':');
}

/** One row per neverTouch principal: they are held on every run, so one line each keeps plans short. */
function neverTouchRows(held: readonly Held[]): string[][] {
  const byPrincipal = new Map<string, number>();
  for (const entry of held) byPrincipal.set(entry.principal, (byPrincipal.get(entry.principal) ?? 0) + 1);
  return [...byPrincipal].map(([principal, count]) => [principal, `left as is on ${plural(count, 'resource')}`]);
}

function leaverLines(plan: Plan, paint: Paint): string[] {
  return (plan.leavers ?? []).flatMap((leaver) => [paint(printable(leaverTitle(leaver)), 1), `  ${printable(leaverDetail(leaver))}`, '']);
}

/** The plan for a terminal or a log: changes grouped by client in aligned columns, then what was left out, then counts. */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color);
  const untouched = plan.held.filter((held) => held.rule === 'never-touch');
  const scope = plan.scope ? [scopeLine(plan.scope), scopeReason(plan.scope)].filter((line) => line !== undefined).map(printable) : [];
  const notes = [
    ...(plan.invalidBase ? [invalidBaseLine(plan.invalidBase)] : []),
    ...(plan.lastApply?.unreadable !== undefined ? [unreadableTrailLine(plan.lastApply.unreadable)] : []),
  ].map(printable);
  const lines = [
    ...(scope.length > 0 ? [...scope, ''] : []),
    ...(notes.length > 0 ? [...notes, ''] : []),
    ...changeLines(plan, paint),
    ...section(
      `Failed at the last apply, planned again (${plan.lastApply?.failed.length ?? 0}):`,
      (plan.lastApply?.failed ?? []).map((entry) => [clientLabel(entry.change.client), failedWhat(entry), failedWhen(entry), entry.detail]),
      paint,
    ),
    ...leaverLines(plan, paint),
    ...section(requestSectionTitle(plan), requestRows(plan), paint),
    ...section(
      `Unknown on the platform (${plan.unknownPrincipals?.length ?? 0}; these grants would fail at apply: fix the client files):`,
      (plan.unknownPrincipals ?? []).map((entry) => [unknownPrincipalLine(entry)]),
      paint,
    ),
    ...section(
      `Could not check on the platform (${plan.uncheckedPrincipals?.length ?? 0}; not an error, checked again next run):`,
      (plan.uncheckedPrincipals ?? []).map((entry) => [entry.platform, entry.principal, entry.error]),
      paint,
    ),
    ...section(
      `Held, not changed (${plan.held.length - untouched.length}):`,
      plan.held.filter((held) => held.rule !== 'never-touch').map((held) => [clientLabel(held.client), held.kind, held.resource, held.principal, held.reason]),
      paint,
    ),
    ...section(`Never touched (guardrails neverTouch):`, neverTouchRows(untouched), paint),
    ...section(
      `Not read, nothing planned for these (${plural(plan.unread.length, 'resource')}; the plan is incomplete):`,
      plan.unread.map((unread) => [clientLabel(unread.client), unread.kind, unread.resource, unread.error]),
      paint,
    ),
    ...section(
      `Offboarded clients still watched (${plan.watched?.length ?? 0}):`,
      (plan.watched ?? []).map((watch) => [watch.client, watchState(watch)]),
      paint,
    ),
    ...section(
      `Emergency revocations the files do not reflect yet (not granted again):`,
      (plan.emergencies ?? []).map((entry) => [emergencyLine(entry)]),
      paint,
    ),
    ...section(
      `Findings (${plan.findings.length}):`,
      plan.findings.map((finding) => [finding.platform, finding.subject, finding.message]),
      paint,
    ),
    ...section(
      `Warnings (${plan.warnings.length}):`,
      plan.warnings.map((warning) => [where(warning), warning.message]),
      paint,
    ),
    printable(summaryLine(plan, options.drift)),
  ];
  if (requestSummary(plan)) lines.push(printable(requestSummary(plan)));
  if (plan.changes.length > 0) lines.push(`Plan ${plan.fingerprint}`);
  return `${lines.join('\n')}\n`;
}
