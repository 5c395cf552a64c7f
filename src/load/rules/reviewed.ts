import type { ConfigIssue } from '../../errors.js';
import { error, listing, warning } from '../issues.js';
import type { ClientFile, GuardrailsFile } from '../model.js';
import { describeReview, reviewDue } from '../review-due.js';
import { sideOf } from '../sides.js';
import { didYouMean } from '../suggest.js';
import type { RuleContext, SourcedClient } from '../types.js';

/** Who may attest a review of this client: its owners and its agency-side people, by key. */
export function eligibleReviewers(client: Pick<ClientFile, 'owners' | 'people'>, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): string[] {
  return Object.entries(client.people)
    .filter(([key, person]) => client.owners.includes(key) || sideOf(person.email, guardrails) === 'agency')
    .map(([key]) => key);
}

/** The person key `by` names (a key or an e-mail of the file, case-insensitive), when they may attest. */
export function reviewerKey(client: Pick<ClientFile, 'owners' | 'people'>, by: string, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): string | undefined {
  const wanted = by.trim().toLowerCase();
  const eligible = eligibleReviewers(client, guardrails);
  return eligible.find((key) => key === wanted || client.people[key]?.email.toLowerCase() === wanted);
}

/** Why `by` may not attest, as a sentence and a hint; undefined when they may. */
export function reviewerProblem(client: Pick<ClientFile, 'client' | 'owners' | 'people'>, by: string, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): { message: string; hint: string } | undefined {
  if (reviewerKey(client, by, guardrails)) return undefined;
  const eligible = eligibleReviewers(client, guardrails);
  const hint = `Reviews are attested by an owner or an agency person of this file: ${listing(eligible)}.`;
  const wanted = by.trim().toLowerCase();
  const named = Object.entries(client.people).find(([key, person]) => key === wanted || person.email.toLowerCase() === wanted);
  if (named) {
    return { message: `${by} is on ${client.client}'s side and not an owner, so cannot attest a review of ${client.client}'s access.`, hint };
  }
  return { message: `${by} is not a person of this file, so cannot attest a review of ${client.client}'s access.`, hint: `${didYouMean(wanted, eligible)}${hint}` };
}

function isRealDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function attestationIssues(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  const reviewed = client.data.reviewed;
  if (!reviewed) return [];
  const issues: ConfigIssue[] = [];
  const onAt = client.locate(['reviewed', 'on']);
  if (!isRealDate(reviewed.on)) {
    issues.push(error(onAt, 'invalid-date', `${reviewed.on} is not a date that exists.`, 'Write the day of the review as YYYY-MM-DD.'));
  } else if (reviewed.on > context.today) {
    issues.push(
      error(
        onAt,
        'review-in-future',
        `The review is dated ${reviewed.on}, after today (${context.today}); a review can only be recorded once it has happened.`,
        'Write the day the review took place, or let "latch review --attest" record it.',
      ),
    );
  }
  const problem = reviewerProblem(client.data, reviewed.by, context.guardrails);
  if (problem) issues.push(error(client.locate(['reviewed', 'by']), 'reviewer-not-agency', problem.message, problem.hint));
  return issues;
}

function overdueIssue(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  const due = reviewDue(client.data, context.guardrails, context.today);
  if (!due.overdue) return [];
  const at = client.data.reviewed ? client.locateKey(['reviewed']) : client.locate(['client']);
  return [
    warning(
      at,
      'review-overdue',
      `The access of ${client.data.client} is due for review: ${describeReview(due)}.`,
      `Run "latch review --client ${client.data.client}", go through the checklist, then record it with "latch review --client ${client.data.client} --attest --by <you>".`,
    ),
  ];
}

/** The `reviewed` block of one client file, and whether a review is overdue under `guardrails.review`. */
export function checkReviewed(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  return [...attestationIssues(client, context), ...overdueIssue(client, context)];
}
