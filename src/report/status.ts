import type { ClientHealth, ClientStatus, StatusReport } from '../status/classify.js';
import { escapeMarkdown } from './markdown-text.js';
import { watchState } from './lifecycle.js';

const ORDER: Record<ClientHealth, number> = { 'needs-attention': 0, onboarding: 1, healthy: 2 };
const WORDS: Record<ClientHealth, string> = { 'needs-attention': 'needs attention', onboarding: 'onboarding', healthy: 'healthy' };
const MARKS: Record<ClientHealth, string> = { 'needs-attention': '🔴', onboarding: '🟡', healthy: '🟢' };

/** Needs attention first, then onboarding, then healthy; by slug within each. */
export function dashboardOrder(clients: readonly ClientStatus[]): ClientStatus[] {
  return [...clients].sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
}

function why(client: ClientStatus): string {
  return [...client.attention, ...client.waiting].join('; ');
}

function summary(report: StatusReport): string {
  const count = (status: ClientHealth) => report.clients.filter((client) => client.status === status).length;
  const clients = `${report.clients.length} client${report.clients.length === 1 ? '' : 's'}`;
  return `${clients}: ${count('healthy')} healthy, ${count('onboarding')} onboarding, ${count('needs-attention')} needs attention`;
}

/** Pure. One line per client, aligned, worst first, then the organisation's findings. */
export function renderStatusText(report: StatusReport): string {
  const rows = dashboardOrder(report.clients).map((client) => [client.client, WORDS[client.status], why(client)]);
  const widths = [0, 1].map((column) => Math.max(0, ...rows.map((row) => row[column]?.length ?? 0)));
  const lines = [`Client status on ${report.today}: ${summary(report)}.`, ''];
  for (const row of rows) lines.push(row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd());
  if (report.organisation.length > 0) {
    lines.push('', `Organisation (${report.organisation.length} finding${report.organisation.length === 1 ? '' : 's'}, no client owns them):`);
    for (const finding of report.organisation) lines.push(`  ${finding}`);
  }
  const offboarded = report.offboarded ?? [];
  if (offboarded.length > 0) {
    lines.push('', `Offboarded, still watched (${offboarded.length}):`);
    for (const watch of offboarded) lines.push(`  ${watch.client}  ${watch.state === 'clean' ? '' : 'needs attention: '}${watchState(watch)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Pure. The same dashboard as a Markdown table, for a job summary or an issue. */
export function renderStatusMarkdown(report: StatusReport): string {
  const lines = [`### Client status on ${report.today}`, '', `${summary(report)}.`, '', '| | Client | Status | Why |', '|---|---|---|---|'];
  for (const client of dashboardOrder(report.clients)) {
    lines.push(`| ${MARKS[client.status]} | ${escapeMarkdown(client.client)} | ${WORDS[client.status]} | ${escapeMarkdown(why(client)) || '—'} |`);
  }
  if (report.organisation.length > 0) {
    lines.push('', '**Organisation** (no client owns these):', ...report.organisation.map((finding) => `- ${escapeMarkdown(finding)}`));
  }
  const offboarded = report.offboarded ?? [];
  if (offboarded.length > 0) {
    lines.push('', '**Offboarded, still watched:**', ...offboarded.map((watch) => `- ${watch.state === 'clean' ? '🟢' : '🔴'} ${escapeMarkdown(watch.client)}: ${escapeMarkdown(watchState(watch))}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Pure. Machine-readable status. */
export function renderStatusJson(report: StatusReport): string {
  return `${JSON.stringify({ today: report.today, clients: dashboardOrder(report.clients), organisation: report.organisation, offboarded: report.offboarded }, null, 2)}\n`;
}
