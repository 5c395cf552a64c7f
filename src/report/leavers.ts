import type { Leaver, Plan } from '../model/plan.js';
import { escapeMarkdown } from './markdown-text.js';
import { plural } from '../text.js';

/** "Leaving the agency: maria, 14 revocations on 9 clients". */
export function leaverTitle(leaver: Leaver): string {
  return `Leaving the agency: ${leaver.person}, ${plural(leaver.revocations, 'revocation')} on ${plural(leaver.clients.length, 'client')}`;
}

/** Where the last day is written and why the revocations pass the mass-revocation bound. */
export function leaverDetail(leaver: Leaver): string {
  return `last day ${leaver.until} (${leaver.file}:${leaver.line}), access ends in ${leaver.clients.join(', ')}; intended, not counted toward the mass-revocation bound`;
}

/** One heading and one line per leaver, for the markdown plan and the pull-request comment. */
export function leaverMarkdown(plan: Plan): string[] {
  return (plan.leavers ?? []).flatMap((leaver) => [`### ${escapeMarkdown(leaverTitle(leaver))}`, '', `${escapeMarkdown(leaverDetail(leaver))}.`, '']);
}
