import type { AccessRequest, Change } from '../../model/plan.js';
import { plural } from '../../text.js';
import type { DriftSnapshot, EndingSoon } from '../page-model.js';
import { esc, none, section, table } from './escape.js';

function left(days: number): string {
  if (days === 0) return 'today is the last day';
  if (days === 1) return 'tomorrow is the last day';
  return `${days} days left`;
}

/** Access whose end date falls within the warning window: renew it in a pull request or let it end. */
export function endingSection(ending: readonly EndingSoon[], windowDays: number): string {
  const body =
    ending.length === 0
      ? none(`No access ends within ${windowDays} days.`)
      : table(
          ['client', 'person', 'last day', 'on'],
          ending.map((entry) => [esc(entry.client), esc(entry.person), esc(`${entry.until} (${left(entry.daysLeft)})`), esc(entry.resources.join('; '))]),
        );
  return section('ending', `Access ending within ${windowDays} days`, body);
}

/** Access requests on accounts clients own, with their age: the client has to act. */
export function requestsSection(requests: readonly AccessRequest[]): string {
  const body =
    requests.length === 0
      ? none('No open access requests.')
      : table(
          ['client', 'account', 'who', 'status', 'age', 'what has to happen'],
          requests.map((request) => [
            esc(request.client),
            esc(`${request.key} (${request.resource})`),
            esc(request.principal),
            esc(request.status),
            esc(request.ageDays === undefined ? 'unknown' : plural(request.ageDays, 'day')),
            esc(request.ask),
          ]),
        );
  return section('requests', 'Open access requests', body);
}

function level(change: Change): string {
  return `${change.from ?? '—'} → ${change.to ?? 'none'}`;
}

/** What the platforms showed against the repository when the page was made. */
export function driftSection(drift: DriftSnapshot): string {
  if (drift.state === 'not-read') {
    const reasons = [...new Set(drift.unread.map((item) => item.error))].slice(0, 5);
    const why = reasons.length === 0 ? '' : `<details><summary>Why</summary><ul class="plain">${reasons.map((reason) => `<li>${esc(reason)}</li>`).join('')}</ul></details>`;
    return section('drift', 'Drift', `<p><strong>Platforms not read</strong>: none of the ${esc(plural(drift.resources, 'resource'))} could be read, so this page says nothing about drift.</p>${why}`);
  }
  const parts: string[] = [];
  const read = drift.resources - drift.unread.length;
  parts.push(`<p>${esc(`${plural(read, 'resource')} read of ${drift.resources}: ${plural(drift.changes.length, 'difference')}, ${plural(drift.findings.length, 'finding')}.`)}</p>`);
  if (drift.changes.length === 0 && drift.findings.length === 0) parts.push(none('No drift: the platforms match the repository.'));
  if (drift.changes.length > 0) {
    parts.push(
      table(
        ['client', 'resource', 'who', 'change', 'level', 'why'],
        drift.changes.map((change) => [esc(change.client ?? '(none)'), esc(`${change.kind} ${change.resource}`), esc(change.principal), esc(change.action), esc(level(change)), esc(change.reason)]),
      ),
    );
  }
  if (drift.findings.length > 0) parts.push(`<ul class="plain">${drift.findings.map((finding) => `<li>${esc(`${finding.platform}: ${finding.message}`)}</li>`).join('')}</ul>`);
  if (drift.unread.length > 0) {
    parts.push(`<h3>Not read</h3>`, table(['client', 'resource', 'error'], drift.unread.map((item) => [esc(item.client ?? '(none)'), esc(`${item.kind} ${item.resource}`), esc(item.error)])));
  }
  return section('drift', 'Drift', parts.join(''));
}
