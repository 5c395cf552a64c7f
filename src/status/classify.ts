import { daysBetween } from '../clock.js';
import type { DesiredState } from '../desire/expand.js';
import type { Repository } from '../load/types.js';
import type { ResourceReading } from '../model/grants.js';
import type { OffboardedWatch } from '../model/lifecycle.js';
import type { Plan } from '../model/plan.js';
import { planIncomplete } from '../plan/complete.js';
import { plural } from '../text.js';
import { describeReview, reviewDue } from '../load/review-due.js';
import type { FailedApply } from './failures.js';

/** Where a client stands, the way an operations lead sorts a dashboard. */
export type ClientHealth = 'healthy' | 'onboarding' | 'needs-attention';

/** An invitation the platform shows as sent and not accepted yet, at the level the repository asks. */
export interface WaitingInvitation {
  /** Resource kind, e.g. `github-repo`. */
  kind: string;
  /** Platform reference of the resource. */
  resource: string;
  /** The invitee: a login or an e-mail. */
  principal: string;
  /** Whole days since it was sent, when the platform says when. */
  ageDays?: number;
}

export interface ClientStatus {
  /** The client's slug. */
  client: string;
  /** Its display name. */
  name: string;
  /** Healthy, onboarding or needs attention. */
  status: ClientHealth;
  /** What needs attention, most urgent first; empty unless `needs-attention`. */
  attention: string[];
  /** Invitations not accepted yet and open access requests: onboarding, nobody at the agency has to act. */
  waiting: string[];
  /** The invitations behind `waiting`, for JSON readers. */
  invitations: WaitingInvitation[];
}

export interface StatusReport {
  /** The day the status is for (YYYY-MM-DD). */
  today: string;
  /** Every client of the repository, in file order. */
  clients: ClientStatus[];
  /** Platform findings no client owns (undeclared outside collaborators). */
  organisation: string[];
  /** Offboarded clients still watched: clean, access reappeared (needs attention), or unread. */
  offboarded?: OffboardedWatch[];
}

export interface StatusInput {
  /** The loaded repository: client files and guardrails (expiry window, review policy). */
  repository: Pick<Repository, 'clients' | 'guardrails'>;
  /** Desired grants, for access ending soon. */
  desired: Pick<DesiredState, 'grants'>;
  /** What the platforms showed, for pending invitations. */
  readings: readonly ResourceReading[];
  /** The plan of every client: changes, unread resources, findings, access requests. */
  plan: Plan;
  /** YYYY-MM-DD. */
  today: string;
  /** Applies that failed and have not succeeded since (from the Action's audit log). */
  failures?: readonly FailedApply[];
}

/** "3 update, 1 revoke": counts in the order `order` gives, anything else after it alphabetically. */
function counted(items: readonly string[], order: readonly string[] = []): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const rank = (item: string) => (order.includes(item) ? order.indexOf(item) : order.length);
  return [...counts]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([item, count]) => `${count} ${item}`)
    .join(', ');
}

function ageText(days: number | undefined): string {
  if (days === undefined) return 'sent on an unknown day';
  return days === 0 ? 'sent today' : `${plural(days, 'day')} old`;
}

function invitationsOf(client: string, input: StatusInput): WaitingInvitation[] {
  const waiting: WaitingInvitation[] = [];
  for (const reading of input.readings) {
    if (reading.resource.client !== client || !reading.ok) continue;
    for (const grant of reading.grants) {
      if (!grant.pending || grant.pending.expired) continue;
      const invitation: WaitingInvitation = { kind: reading.resource.kind, resource: reading.resource.ref, principal: grant.principal };
      const sent = grant.pending.createdAt?.slice(0, 10);
      if (sent) invitation.ageDays = Math.max(0, daysBetween(sent, input.today));
      waiting.push(invitation);
    }
  }
  return waiting;
}

function attentionOf(client: string, input: StatusInput): string[] {
  const { plan, repository, today } = input;
  const reasons: string[] = [];
  const unread = plan.unread.filter((item) => item.client === client);
  if (unread.length > 0) reasons.push(`${plural(unread.length, 'resource')} could not be read (${unread.map((item) => item.resource).join(', ')})`);
  const failed = (input.failures ?? []).filter((failure) => failure.client === client);
  if (failed.length > 0) reasons.push(`${plural(failed.length, 'change')} failed to apply (last ${failed[failed.length - 1]?.at.slice(0, 10) ?? '?'})`);
  const changes = plan.changes.filter((change) => change.client === client);
  if (changes.length > 0) reasons.push(`${plural(changes.length, 'change')} to apply (${counted(changes.map((change) => change.action), ['grant', 'update', 'revoke'])})`);
  const window = repository.guardrails.expiryWarningDays;
  const ending = new Map<string, string>();
  for (const grant of input.desired.grants) {
    if (grant.client !== client || grant.until === undefined) continue;
    const left = daysBetween(today, grant.until);
    if (left < 0 || left > window) continue;
    const known = ending.get(grant.person);
    if (!known || grant.until < known) ending.set(grant.person, grant.until);
  }
  if (ending.size > 0) {
    const who = [...ending].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([person, until]) => `${person} ${until}`);
    reasons.push(`access ending within ${window} days (${who.join(', ')})`);
  }
  const loaded = repository.clients.find((candidate) => candidate.data.client === client);
  const due = loaded ? reviewDue(loaded.data, repository.guardrails, today) : undefined;
  if (due?.overdue) reasons.push(`review overdue (${describeReview(due)})`);
  return reasons;
}

function waitingOf(client: string, invitations: readonly WaitingInvitation[], plan: Plan): string[] {
  const waiting: string[] = [];
  if (invitations.length > 0) {
    const shown = invitations.map((invitation) => `${invitation.principal} on ${invitation.resource}, ${ageText(invitation.ageDays)}`);
    waiting.push(`${plural(invitations.length, 'invitation')} not accepted yet (${shown.join('; ')})`);
  }
  const requests = (plan.requests ?? []).filter((request) => request.client === client && request.status !== 'verified');
  if (requests.length > 0) {
    const ages = requests.map((request) => request.ageDays).filter((age): age is number => age !== undefined);
    const oldest = ages.length > 0 ? `, oldest ${plural(Math.max(...ages), 'day')}` : '';
    waiting.push(`${plural(requests.length, 'access request')} open with the client (${counted(requests.map((request) => request.status))}${oldest})`);
  }
  return waiting;
}

/**
 * Pure. Each client as healthy, onboarding (only waiting for invitees or for the client to
 * act on a verify-mode request) or needs attention (changes to apply, unread resources,
 * failed applies, access ending soon, an overdue review), from one plan of every client.
 */
export function classifyClients(input: StatusInput): StatusReport {
  const clients = input.repository.clients.map(({ data }): ClientStatus => {
    const invitations = invitationsOf(data.client, input);
    const attention = attentionOf(data.client, input);
    const waiting = waitingOf(data.client, invitations, input.plan);
    const status: ClientHealth = attention.length > 0 ? 'needs-attention' : waiting.length > 0 ? 'onboarding' : 'healthy';
    return { client: data.client, name: data.name, status, attention, waiting, invitations };
  });
  const organisation = [
    ...input.plan.findings.map((finding) => `${finding.platform}: ${finding.message}`),
    ...input.plan.unread.filter((item) => item.client === null).map((item) => `${item.kind} ${item.resource} could not be read: ${item.error}`),
    ...(input.failures ?? []).filter((failure) => failure.client === null).map((failure) => `${failure.kind} ${failure.resource}: a change for ${failure.principal} failed to apply on ${failure.at.slice(0, 10)}`),
  ];
  return { today: input.today, clients, organisation, offboarded: input.plan.watched ?? [] };
}

/**
 * 1 when the plan is incomplete (a resource could not be read: nothing is known there, so no
 * status is claimed complete, as plan and drift exit 1); else 2 when anything needs attention
 * (an offboarded client not verified clean included), else 0: onboarding is waiting, not a problem.
 */
export function statusExitCode(report: StatusReport, plan: Pick<Plan, 'unread' | 'watched'>): number {
  if (planIncomplete(plan)) return 1;
  const attention =
    report.clients.some((client) => client.status === 'needs-attention') || report.organisation.length > 0 || (report.offboarded ?? []).some((watch) => watch.state !== 'clean');
  return attention ? 2 : 0;
}
