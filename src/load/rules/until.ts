import { daysBetween } from '../../clock.js';
import type { ConfigIssue } from '../../errors.js';
import type { Side, SourcePosition } from '../../model/grants.js';
import { error, warning } from '../issues.js';
import type { RuleContext } from '../types.js';

/** Whether a YYYY-MM-DD string names a day the calendar has. */
export function isRealDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * Checks one `until`: a real date; in the past means the access is dropped (a warning: the
 * revocation is what the file asks for); for client-side people at most `clientSide.maxDays` ahead.
 */
export function checkUntil(until: string, at: SourcePosition, side: Side, whose: string, context: RuleContext): ConfigIssue[] {
  if (!isRealDate(until)) {
    return [error(at, 'invalid-date', `${until} is not a date that exists.`, 'Write a real calendar date as YYYY-MM-DD, such as 2027-03-31.')];
  }
  if (until < context.today) {
    return [
      warning(
        at,
        'expired',
        `${whose} ended on ${until}, before today (${context.today}); it is dropped and any access it gave is revoked.`,
        'Remove the entry, or move the date forward if the access should continue.',
      ),
    ];
  }
  const maxDays = context.guardrails.clientSide.maxDays;
  if (side === 'client' && maxDays !== undefined && daysBetween(context.today, until) > maxDays) {
    return [
      error(
        at,
        'until-too-far',
        `${whose} runs until ${until}, more than ${maxDays} days from today (${context.today}); client-side access is limited to ${maxDays} days at a time.`,
        `Choose a date no later than ${new Date(Date.parse(`${context.today}T00:00:00Z`) + maxDays * 86_400_000).toISOString().slice(0, 10)} and renew it when it comes near.`,
      ),
    ];
  }
  return [];
}
