import type { AccessRequest, Plan } from '../model/plan.js';
import { openRequests } from '../verify/requests.js';
import { plural } from '../text.js';
import { code, escapeMarkdown } from './markdown-text.js';

/** "read-only -> standard", "-> standard", "standard, pending 2 days", "remove read-only". */
export function requestState(request: AccessRequest): string {
  const actual = request.actual ?? 'none';
  const age = request.ageDays === undefined ? '' : ` ${plural(request.ageDays, 'day')}`;
  switch (request.status) {
    case 'missing':
      return `none -> ${request.wanted ?? ''}`;
    case 'wrong-level':
      return `${actual} -> ${request.wanted ?? ''}${request.pending ? ' (invitation)' : ''}`;
    case 'pending':
      return `${actual}, invitation pending${age}`;
    case 'expired':
      return `invitation expired${age ? ` (sent${age} ago)` : ''}, wanted ${request.wanted ?? ''}`;
    case 'unexpected':
      return `remove ${actual}${request.pending ? ' (invitation)' : ''}`;
    case 'verified':
      return actual;
  }
}

/** Clients with open requests, for the hint to run `latch request`. */
function clientsWithOpen(plan: Plan): string[] {
  return [...new Set(openRequests(plan.requests).map((request) => request.client))];
}

function counted(plan: Plan): { open: AccessRequest[]; verified: number } {
  const open = openRequests(plan.requests);
  return { open, verified: (plan.requests ?? []).length - open.length };
}

/** Title of the plan's "Access requests" section (it lists open requests only). */
export function requestSectionTitle(plan: Plan): string {
  const { open } = counted(plan);
  const clients = clientsWithOpen(plan);
  return `Access requests (${open.length}; the client acts, Latch only verifies; the message: ${clients.map((client) => `latch request ${client}`).join(', ')}):`;
}

/** "Access requests: 2 open, 3 verified." under the summary; empty when no resource is in verify mode. */
export function requestSummary(plan: Plan): string {
  const { open, verified } = counted(plan);
  if (open.length === 0 && verified === 0) return '';
  return `Access requests: ${open.length} open, ${verified} verified.`;
}

/** One row per open request, for the plan as text: client, kind, account, who, status, what. */
export function requestRows(plan: Plan): string[][] {
  return openRequests(plan.requests).map((request) => [request.client, request.kind, request.resource, request.principal, request.status, requestState(request)]);
}

/** Bullets of the plan's markdown "Access requests" section; empty when there is nothing to say. */
export function requestBullets(plan: Plan): string[] {
  const { open, verified } = counted(plan);
  const items = open.map((request) => `**${escapeMarkdown(request.client)}** · ${request.status}: ${escapeMarkdown(request.ask)}`);
  if (verified > 0) items.push(`${plural(verified, 'grant')} on client-owned accounts verified`);
  const clients = clientsWithOpen(plan);
  if (clients.length > 0) items.push(`the message for each client: ${clients.map((client) => code(`latch request ${client}`)).join(', ')}`);
  return open.length === 0 && verified === 0 ? [] : items;
}
