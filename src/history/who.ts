import type { DesiredState } from '../desire/expand.js';
import { sideOf } from '../load/sides.js';
import { closest } from '../load/suggest.js';
import type { Repository } from '../load/types.js';
import type { DesiredGrant, ManagedResource, Side, SourcePosition, Trace } from '../model/grants.js';
import { type Level, type ResourceKind } from '../model/kinds.js';
import { originReader, type Origin } from './blame.js';
import { kindFacts } from '../platforms/kinds.js';

/** One declaration of the person in one client file. */
export interface PersonEntry {
  client: string;
  clientName: string;
  /** The person's key in the client file. */
  key: string;
  email: string;
  github?: string;
  /** LinkedIn member URN, the identity LinkedIn ad accounts know. */
  linkedin?: string;
  side: Side;
  role?: string;
  until?: string;
  /** Where the person is declared. */
  at: SourcePosition;
}

/** A source of a grant, with the commit that last wrote its line. */
export interface TracedSource extends Trace {
  origin?: Origin;
}

/** One resource the person can reach (or could, until an `until` passed). */
export interface PersonGrant {
  client: string;
  platform: string;
  kind: ResourceKind;
  /** The platform's reference. */
  resource: string;
  /** The resource's name in the client file. */
  resourceKey: string;
  mode: ManagedResource['mode'];
  principal: string;
  level: Level;
  until?: string;
  /** Every declaration asking for it, the one giving the level first. */
  because: TracedSource[];
}

/** Lower-cased e-mails and logins of the person: what platforms know them by. */
export function identitiesOf(entries: readonly PersonEntry[]): Set<string> {
  const identities = new Set<string>();
  for (const entry of entries) {
    identities.add(entry.email.toLowerCase());
    if (entry.github) identities.add(entry.github.toLowerCase());
    if (entry.linkedin) identities.add(entry.linkedin.toLowerCase());
  }
  return identities;
}

/** Every declaration of every person in every client file, in file order. */
export function entriesOf(repository: Repository): PersonEntry[] {
  const entries: PersonEntry[] = [];
  for (const loaded of repository.clients) {
    for (const [key, person] of Object.entries(loaded.data.people)) {
      const entry: PersonEntry = {
        client: loaded.data.client,
        clientName: loaded.data.name,
        key,
        email: person.email,
        side: sideOf(person.email, repository.guardrails),
        at: loaded.locate(['people', key]),
      };
      if (person.github) entry.github = person.github;
      if (person.linkedin) entry.linkedin = person.linkedin;
      if (person.role) entry.role = person.role;
      if (person.until) entry.until = person.until;
      entries.push(entry);
    }
  }
  return entries;
}

/** Every declaration of the person whose e-mail, GitHub login or LinkedIn URN is `query` (any case). */
export function findPerson(repository: Repository, query: string): PersonEntry[] {
  const wanted = query.trim().toLowerCase();
  return entriesOf(repository).filter((entry) => identitiesOf([entry]).has(wanted));
}

function localPart(identity: string): string {
  const at = identity.indexOf('@');
  return (at < 0 ? identity : identity.slice(0, at)).toLowerCase();
}

/**
 * Known e-mails and logins that look like `query`: containing it, the same name at another
 * domain, or one typo away in the name (an e-mail's domain alone never makes a match).
 */
export function closeMatches(repository: Repository, query: string, max = 5): string[] {
  const wanted = query.trim().toLowerCase();
  const known = new Set<string>();
  for (const entry of entriesOf(repository)) {
    known.add(entry.email);
    if (entry.github) known.add(entry.github);
    if (entry.key === wanted) known.add(entry.email);
  }
  const name = localPart(wanted);
  const typo = closest(name, new Set([...known].map(localPart)));
  const login = wanted.includes('@') ? undefined : closest(wanted, known);
  const matches = [...known].filter((identity) => {
    const lower = identity.toLowerCase();
    return (wanted.length >= 3 && lower.includes(wanted)) || localPart(lower) === name || localPart(lower) === typo || identity === login;
  });
  return matches.sort().slice(0, max);
}

function resourceIndex(resources: readonly ManagedResource[]): Map<string, ManagedResource> {
  return new Map(resources.map((resource) => [`${resource.client}\u0000${resource.kind}\u0000${resource.ref}`, resource]));
}

function toPersonGrant(grant: DesiredGrant, resources: ReadonlyMap<string, ManagedResource>): PersonGrant {
  const resource = resources.get(`${grant.client}\u0000${grant.kind}\u0000${grant.resource}`);
  const entry: PersonGrant = {
    client: grant.client,
    platform: kindFacts(grant.kind).platform,
    kind: grant.kind,
    resource: grant.resource,
    resourceKey: resource?.key ?? grant.resource,
    mode: resource?.mode ?? 'manage',
    principal: grant.principal,
    level: grant.level,
    because: grant.because.map((trace) => ({ ...trace })),
  };
  if (grant.until !== undefined) entry.until = grant.until;
  return entry;
}

/** The person's desired grants (current) and those dropped because they expired (ended). */
export function grantsOf(desired: DesiredState, entries: readonly PersonEntry[]): { current: PersonGrant[]; ended: PersonGrant[] } {
  const declared = new Set(entries.map((entry) => `${entry.client}\u0000${entry.key}`));
  const resources = resourceIndex(desired.resources);
  const mine = (grant: DesiredGrant) => declared.has(`${grant.client}\u0000${grant.person}`);
  return {
    current: desired.grants.filter(mine).map((grant) => toPersonGrant(grant, resources)),
    ended: desired.expired.filter(mine).map((grant) => toPersonGrant(grant, resources)),
  };
}

/** Adds to every source the commit that last wrote its line: one `git blame` per file. */
export async function attachOrigins(dir: string, grants: readonly PersonGrant[]): Promise<void> {
  const files = new Set(grants.flatMap((grant) => grant.because.map((source) => source.file)));
  const reader = originReader(dir);
  const blames = new Map<string, Map<number, Origin>>();
  for (const file of files) blames.set(file, await reader.blame(file));
  for (const grant of grants) {
    for (const source of grant.because) {
      const origin = blames.get(source.file)?.get(source.line);
      if (origin) source.origin = origin;
    }
  }
}
