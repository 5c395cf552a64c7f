import { daysBetween } from '../clock.js';
import type { DesiredState } from '../desire/expand.js';
import type { Departure } from '../desire/leavers.js';
import type { DesiredGrant } from '../model/grants.js';
import type { Warning } from '../model/plan.js';

/** How many days ahead a plan warns when `guardrails.expiryWarningDays` is not set. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 14;

function whenLeft(days: number): string {
  if (days === 0) return 'today is the last day';
  if (days === 1) return 'tomorrow is the last day';
  return `in ${days} days`;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareWarnings(a: Warning, b: Warning): number {
  return compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.message, b.message);
}

/** One warning per leaver, at their last day in people.yaml: that is where it is moved if they stay. */
function leavingWarning(departure: Departure, endings: readonly EndingAccess[], today: string): Warning {
  const clients = [...new Set(endings.map((ending) => ending.grant.client))].sort();
  const count = endings.reduce((sum, ending) => sum + ending.resources.length, 0);
  const message =
    `${departure.person} leaves the agency after ${departure.until}, ${whenLeft(daysBetween(today, departure.until))}: their access ends on ` +
    `${count === 1 ? '1 resource' : `${count} resources`} of ${clients.join(', ')}. Move the date in ${departure.at.file} if they stay (expiring-soon)`;
  return { message, file: departure.at.file, line: departure.at.line, column: departure.at.column };
}

/** One declaration whose access ends soon, with every resource it ends on. */
export interface EndingAccess {
  grant: DesiredGrant;
  until: string;
  /** Days left until `until` (0: today is the last day). */
  daysLeft: number;
  /** "kind resource (level)", one per resource. */
  resources: string[];
}

/** Pure. Declarations whose `until` is today or at most `days` ahead, one per declaration. */
export function endingWithin(desired: Pick<DesiredState, 'grants'>, today: string, days: number): EndingAccess[] {
  const endings = new Map<string, EndingAccess>();
  for (const grant of desired.grants) {
    if (grant.until === undefined) continue;
    const left = daysBetween(today, grant.until);
    if (left < 0 || left > days) continue;
    const [source] = grant.because;
    const key = [grant.client, grant.person, grant.until, source?.file, source?.line, source?.column].join('\u0000');
    const ending = endings.get(key) ?? { grant, until: grant.until, daysLeft: left, resources: [] };
    ending.resources.push(`${grant.kind} ${grant.resource} (${grant.level})`);
    endings.set(key, ending);
  }
  return [...endings.values()];
}

/**
 * Pure. One warning per declaration whose access ends within `days` days of `today` (its
 * `until` is today or later, and at most `days` ahead), placed at the declaration that gives
 * the level and listing every resource it ends on, so someone can renew it in a pull request
 * before it is revoked; a leaver's grants (people.yaml's `until`) make one warning at their last
 * day instead. Grants already expired are the planner's business, not warned here.
 */
export function expiringSoon(desired: Pick<DesiredState, 'grants' | 'departures'>, today: string, days: number): Warning[] {
  const leaving = new Map<string, Departure>();
  for (const departure of desired.departures ?? []) for (const principal of departure.principals) leaving.set(principal, departure);
  const departing = new Map<Departure, EndingAccess[]>();
  const endings: EndingAccess[] = [];
  for (const ending of endingWithin(desired, today, days)) {
    const departure = leaving.get(ending.grant.principal);
    if (departure?.until === ending.until) departing.set(departure, [...(departing.get(departure) ?? []), ending]);
    else endings.push(ending);
  }
  const warnings: Warning[] = [];
  for (const { grant, until, daysLeft, resources } of endings) {
    const [source] = grant.because;
    const what = resources.length === 1 ? `on ${resources[0]}` : `on ${resources.length} resources: ${resources.join(', ')}`;
    const message = `The access of ${grant.person} (${grant.client}) ends after ${until}, ${whenLeft(daysLeft)}, ${what}. Renew it in a pull request if it is still needed (expiring-soon)`;
    warnings.push(source ? { message, file: source.file, line: source.line, column: source.column } : { message });
  }
  for (const [departure, grants] of departing) warnings.push(leavingWarning(departure, grants, today));
  return warnings.sort(compareWarnings);
}
