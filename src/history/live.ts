import type { ActualGrant, ResourceReading } from '../model/grants.js';
import type { Level, ResourceKind } from '../model/kinds.js';
import type { PersonGrant } from './who.js';

/**
 * How the platform compares with the repository for one grant: `same`, `different` level,
 * `missing` on the platform, `undeclared` (the platform has it, no file asks for it),
 * `ended` (an `until` passed; the next apply revokes it), `unread` (the list call failed).
 */
export type LiveStatus = 'same' | 'different' | 'missing' | 'undeclared' | 'ended' | 'unread';

/** What one platform shows for the person on one resource, against what the repository says. */
export interface LiveEntry {
  /** The client that declares the resource. */
  client: string;
  kind: ResourceKind;
  resource: string;
  principal: string;
  /** Level the repository asks for, if any. */
  desired?: Level;
  /** Level the platform has, if any. */
  actual?: Level;
  /** The platform's grant is an invitation not accepted yet (expired ones say so). */
  pending?: 'open' | 'expired';
  /** The platform's grant comes from elsewhere (a parent folder, the account). */
  inheritedFrom?: string;
  status: LiveStatus;
  /** Why the resource could not be read (status `unread`). */
  error?: string;
}

function keyOf(kind: string, resource: string, principal: string): string {
  return `${kind}\u0000${resource}\u0000${principal}`;
}

function fromActual(entry: LiveEntry, actual: ActualGrant): LiveEntry {
  entry.actual = actual.level;
  if (actual.pending) entry.pending = actual.pending.expired ? 'expired' : 'open';
  if (actual.inheritedFrom) entry.inheritedFrom = actual.inheritedFrom;
  return entry;
}

/**
 * Pure. Compares the person's grants with what the platforms listed: every desired grant on a
 * read resource gets an entry, and so does every grant the platforms have for one of the
 * person's identities that the repository does not ask for.
 */
export function compareLive(current: readonly PersonGrant[], ended: readonly PersonGrant[], identities: ReadonlySet<string>, readings: readonly ResourceReading[]): LiveEntry[] {
  const wanted = new Map(current.map((grant) => [keyOf(grant.kind, grant.resource, grant.principal), grant]));
  const expired = new Map(ended.map((grant) => [keyOf(grant.kind, grant.resource, grant.principal), grant]));
  const entries: LiveEntry[] = [];
  for (const reading of readings) {
    const { kind, ref } = reading.resource;
    const mine = current.filter((grant) => grant.kind === kind && grant.resource === ref);
    if (!reading.ok) {
      for (const grant of mine) {
        entries.push({ client: grant.client, kind, resource: ref, principal: grant.principal, desired: grant.level, status: 'unread', error: reading.error });
      }
      continue;
    }
    const seen = new Set<string>();
    for (const actual of reading.grants) {
      const principal = actual.principal.toLowerCase();
      if (!identities.has(principal)) continue;
      const key = keyOf(kind, ref, principal);
      seen.add(key);
      const grant = wanted.get(key);
      const client = grant?.client ?? reading.resource.client;
      if (grant) {
        // An expired invitation gives no access: the next apply sends it again.
        const status = actual.pending?.expired ? 'missing' : actual.level === grant.level ? 'same' : 'different';
        entries.push(fromActual({ client, kind, resource: ref, principal, desired: grant.level, status }, actual));
        continue;
      }
      const status = expired.has(key) ? 'ended' : 'undeclared';
      entries.push(fromActual({ client, kind, resource: ref, principal, status }, actual));
    }
    for (const grant of mine) {
      if (seen.has(keyOf(kind, ref, grant.principal))) continue;
      entries.push({ client: grant.client, kind, resource: ref, principal: grant.principal, desired: grant.level, status: 'missing' });
    }
  }
  return entries;
}
