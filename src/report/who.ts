import type { Origin } from '../history/blame.js';
import type { LiveEntry, LiveStatus } from '../history/live.js';
import type { PersonEntry, PersonGrant, TracedSource } from '../history/who.js';
import { describeTrace } from '../plan/reasons.js';
import { code, escapeMarkdown } from './markdown-text.js';
import { markdownTable, textTable } from './tables.js';

/** Everything `latch who` found about one person. */
export interface WhoReport {
  /** The e-mail or login asked about. */
  query: string;
  /** YYYY-MM-DD the answer holds for. */
  today: string;
  /** Every declaration of the person, one per client file. */
  people: PersonEntry[];
  /** What the person can reach today, by the repository. */
  access: PersonGrant[];
  /** Grants whose `until` passed: the next apply or drift run revokes them. */
  ended: PersonGrant[];
  /** With --live: what the platforms show, against the repository. */
  live?: LiveEntry[];
  /** With --live: resources read, and how many of them could not be. */
  read?: { resources: number; unread: number };
}

/** "3f2a1c9 2026-03-02 Ana Lee, PR #3 merged by Priya" or why there is no commit. */
export function describeOrigin(origin: Origin | undefined): string {
  if (!origin) return 'not in git history';
  if (!origin.commit) return 'not committed yet';
  const pr = origin.pr === undefined ? '' : `, PR #${origin.pr}`;
  const merged = origin.mergedBy ? ` merged by ${origin.mergedBy}` : '';
  return `${origin.commit.slice(0, 7)} ${origin.date.slice(0, 10)} ${origin.author}${pr}${merged}: ${origin.summary}`;
}

function personLine(entry: PersonEntry): string {
  const parts = [
    `${entry.key} in ${entry.client} (${entry.clientName}), ${entry.at.file}:${entry.at.line}`,
    `${entry.side} side`,
    `e-mail ${entry.email}`,
    entry.github ? `GitHub ${entry.github}` : undefined,
    entry.linkedin ? `LinkedIn ${entry.linkedin}` : undefined,
    entry.role ? `role ${entry.role}` : 'no role',
    entry.until ? `until ${entry.until}` : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

function sourceRows(grant: PersonGrant): string[][] {
  return grant.because.map((source: TracedSource, index) =>
    index === 0
      ? [grant.client, grant.kind, grant.resource, grant.level, grant.until ?? '-', describeTrace(source), describeOrigin(source.origin)]
      : ['', '', '', '', '', `also ${describeTrace(source)}`, describeOrigin(source.origin)],
  );
}

const MARK: Record<LiveStatus, string> = { same: '=', different: '~', missing: '-', undeclared: '+', ended: '!', unread: '?' };

function actualLevel(entry: LiveEntry): string {
  if (entry.actual === undefined) return '(none)';
  const pending = entry.pending === 'open' ? ' (invitation pending)' : entry.pending === 'expired' ? ' (invitation expired)' : '';
  const inherited = entry.inheritedFrom ? ` (from ${entry.inheritedFrom})` : '';
  return `${entry.actual}${pending}${inherited}`;
}

/** What a reader should take from one live entry. */
export function liveVerdict(entry: LiveEntry): string {
  switch (entry.status) {
    case 'same':
      return entry.pending === 'open' ? 'as declared, not accepted yet' : 'as declared';
    case 'different':
      return `differs: the repository says ${entry.desired ?? '?'}`;
    case 'missing':
      return `missing: the repository says ${entry.desired ?? '?'}`;
    case 'undeclared':
      return `not declared for ${entry.client}`;
    case 'ended':
      return 'access ended (until passed); the next apply revokes it';
    case 'unread':
      return `could not be read: ${entry.error ?? 'unknown error'}`;
  }
}

function liveRow(entry: LiveEntry): string[] {
  return [MARK[entry.status], entry.client, entry.kind, entry.resource, entry.principal, actualLevel(entry), liveVerdict(entry)];
}

function liveTitle(report: WhoReport): string {
  const read = report.read;
  if (!read) return 'Live:';
  const failed = read.unread > 0 ? `, ${read.unread} could not be read` : '';
  const differences = (report.live ?? []).filter((entry) => entry.status !== 'same').length;
  return `Live on the platforms (${read.resources} resources read${failed}; ${differences} difference${differences === 1 ? '' : 's'}):`;
}

export function renderWhoText(report: WhoReport): string {
  const lines = [`${report.query}: ${report.access.length} resource${report.access.length === 1 ? '' : 's'} as of ${report.today}`];
  lines.push(...report.people.map((entry) => `  ${personLine(entry)}`), '');
  if (report.access.length > 0) {
    lines.push('Access:', ...textTable([['client', 'kind', 'resource', 'level', 'until', 'why', 'introduced'], ...report.access.flatMap(sourceRows)], '  '), '');
  } else {
    lines.push('No access today.', '');
  }
  if (report.ended.length > 0) {
    lines.push('Ended (until passed; revoked on the next apply):', ...textTable(report.ended.flatMap(sourceRows), '  '), '');
  }
  if (report.live) {
    lines.push(liveTitle(report));
    lines.push(...(report.live.length > 0 ? textTable(report.live.map(liveRow), '  ') : ['  nothing on the resources read']), '');
  }
  return lines.join('\n');
}

export function renderWhoMarkdown(report: WhoReport): string {
  const lines = [`### Access of ${code(report.query)} as of ${report.today}`, ''];
  lines.push(...report.people.map((entry) => `- ${escapeMarkdown(personLine(entry))}`), '');
  const header = ['client', 'kind', 'resource', 'level', 'until', 'why', 'introduced'];
  if (report.access.length > 0) lines.push(...markdownTable(header, report.access.flatMap(sourceRows)), '');
  else lines.push('No access today.', '');
  if (report.ended.length > 0) lines.push('**Ended** (until passed; revoked on the next apply)', '', ...markdownTable(header, report.ended.flatMap(sourceRows)), '');
  if (report.live) {
    lines.push(`**${escapeMarkdown(liveTitle(report).replace(/:$/, ''))}**`, '');
    lines.push(...markdownTable(['', 'client', 'kind', 'resource', 'identity', 'on the platform', 'verdict'], report.live.map(liveRow)), '');
  }
  return lines.join('\n');
}

export function renderWhoJson(report: WhoReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
