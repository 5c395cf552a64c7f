import { plural } from '../text.js';
import type { ReportModel } from './page-model.js';

/** Where the message links to. */
export interface NoticeLinks {
  /** The drift issue, when there is one. */
  issue?: string;
  /** Where the report page is: the run (its artifact) or the Pages site. */
  report?: string;
}

/** Slack's mrkdwn gives `&`, `<` and `>` meaning; its documentation asks for these three escaped. */
function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(url: string | undefined, label: string): string {
  return url ? `<${mrkdwn(url)}|${label}>` : label;
}

/**
 * Pure. The drift run's short message for the agency's channel: drift found, access ending
 * within a week, access requests waiting longer than `waitingDays`. Undefined when there is
 * nothing to say, so a quiet night posts nothing. Names and logins are not repeated here
 * (the issue and the page have them): the channel may be wider than the access repository.
 */
export function driftNotice(model: ReportModel, waitingDays: number, links: NoticeLinks): string | undefined {
  const lines: string[] = [];
  const { drift } = model;
  if (drift.state === 'not-read') lines.push(`• Platforms not read: none of ${plural(drift.resources, 'resource')} could be read (${link(links.report, 'the run')}).`);
  else if (drift.changes.length + drift.findings.length > 0) {
    lines.push(`• Drift: ${plural(drift.changes.length, 'difference')}, ${plural(drift.findings.length, 'finding')}: ${link(links.issue, 'the drift issue')}.`);
  }
  if (drift.state === 'partial') lines.push(`• ${plural(drift.unread.length, 'resource')} could not be read.`);
  const week = model.ending.filter((entry) => entry.daysLeft <= 7);
  if (week.length > 0) {
    const clients = [...new Set(week.map((entry) => entry.client))].sort();
    lines.push(`• Access ending this week: ${plural(week.length, 'declaration')} (${mrkdwn(clients.join(', '))}).`);
  }
  const waiting = model.requests.filter((request) => (request.ageDays ?? 0) > waitingDays);
  if (waiting.length > 0) {
    const oldest = Math.max(...waiting.map((request) => request.ageDays ?? 0));
    lines.push(`• ${plural(waiting.length, 'access request')} waiting more than ${plural(waitingDays, 'day')} (oldest ${plural(oldest, 'day')}).`);
  }
  if (lines.length === 0) return undefined;
  return [`*Latch drift check, ${model.today}*`, ...lines, `Report: ${link(links.report, 'the report page')}`].join('\n');
}
