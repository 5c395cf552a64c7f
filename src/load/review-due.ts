import { daysBetween } from '../clock.js';
import type { ClientFile, GuardrailsFile } from './model.js';

/** Where one client stands with its access reviews. */
export interface ReviewDue {
  /** Day of the last review, when the file records one. */
  lastOn?: string;
  /** Who attested the last review. */
  by?: string;
  /** Whole days since the last review (0 on the day itself). */
  ageDays?: number;
  /** `guardrails.review.maxDays`, when reviews are required at all. */
  maxDays?: number;
  /** True when reviews are required and the last one is older than `maxDays`, or there is none. */
  overdue: boolean;
}

/** Pure: the review state of one client on `today`; a review dated in the future counts as none. */
export function reviewDue(client: Pick<ClientFile, 'reviewed'>, guardrails: Pick<GuardrailsFile, 'review'>, today: string): ReviewDue {
  const maxDays = guardrails.review?.maxDays;
  const reviewed = client.reviewed;
  const base = maxDays === undefined ? {} : { maxDays };
  if (!reviewed || reviewed.on > today) return { ...base, overdue: maxDays !== undefined };
  const ageDays = daysBetween(reviewed.on, today);
  return { ...base, lastOn: reviewed.on, by: reviewed.by, ageDays, overdue: maxDays !== undefined && ageDays > maxDays };
}

/** "never reviewed", "last reviewed 2026-05-01 (206 days ago, limit 90)". */
export function describeReview(due: ReviewDue): string {
  const limit = due.maxDays === undefined ? '' : `, limit ${due.maxDays}`;
  if (due.lastOn === undefined) return due.maxDays === undefined ? 'never reviewed' : `never reviewed (limit ${due.maxDays} days)`;
  const age = due.ageDays === 0 ? 'today' : `${due.ageDays} day${due.ageDays === 1 ? '' : 's'} ago`;
  return `last reviewed ${due.lastOn} by ${due.by ?? '?'} (${age}${limit})`;
}
