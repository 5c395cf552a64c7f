import { principalOf } from '../load/candidates.js';
import type { Repository } from '../load/types.js';
import type { SourcePosition } from '../model/grants.js';
import type { Change, Leaver } from '../model/plan.js';
import { IDENTITY_FIELDS } from '../platforms/kinds.js';

/** An agency person with a last day in policies/people.yaml, passed or to come. */
export interface Departure {
  person: string;
  /** Last day at the agency (inclusive). */
  until: string;
  /** Where the `until` is written. */
  at: SourcePosition;
  /** Every identity of theirs, as principals, sorted. */
  principals: string[];
}

/** Every people.yaml entry with an `until`, sorted by key. */
export function departuresOf(repository: Pick<Repository, 'people'>): Departure[] {
  const people = repository.people;
  if (!people) return [];
  const departures: Departure[] = [];
  for (const [person, entry] of Object.entries(people.people).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (entry.until === undefined) continue;
    const principals = IDENTITY_FIELDS.map((field) => principalOf(field, entry[field])).filter((principal) => principal !== undefined);
    departures.push({ person, until: entry.until, at: people.locate(['people', person, 'until']), principals: [...new Set(principals)].sort() });
  }
  return departures;
}

/**
 * Marks the revocations of people whose last day is before `today`: every revocation of one
 * of their identities (whatever else its reason) says they left, and is counted per person.
 * Revocations already explained by an offboarding stay that offboarding's. A leaver with
 * nothing left to revoke is not listed: their departure is done.
 */
export function describeLeavers(changes: Change[], departures: readonly Departure[], today: string, offboarded: ReadonlySet<string>): { changes: Change[]; leavers: Leaver[] } {
  const gone = departures.filter((departure) => departure.until < today);
  const byPrincipal = new Map<string, Departure>();
  for (const departure of gone) for (const principal of departure.principals) byPrincipal.set(principal, departure);
  const counted = new Map<string, { revocations: number; clients: Set<string> }>();
  const rewritten = changes.map((change) => {
    const departure = byPrincipal.get(change.principal);
    if (!departure || change.action !== 'revoke' || (change.client !== null && offboarded.has(change.client))) return change;
    const count = counted.get(departure.person) ?? { revocations: 0, clients: new Set<string>() };
    count.revocations += 1;
    if (change.client !== null) count.clients.add(change.client);
    counted.set(departure.person, count);
    return { ...change, reason: `${departure.person} left the agency after ${departure.until} (${departure.at.file}:${departure.at.line})` };
  });
  const leavers = gone.flatMap((departure) => {
    const count = counted.get(departure.person);
    if (!count) return [];
    const { person, until, at, principals } = departure;
    return [{ person, until, file: at.file, line: at.line, principals, revocations: count.revocations, clients: [...count.clients].sort() }];
  });
  return { changes: rewritten, leavers };
}
