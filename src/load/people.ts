import type { SourcePosition } from '../model/grants.js';
import type { IdentityField } from '../platforms/kind.js';
import { IDENTITY_FIELDS } from '../platforms/kinds.js';
import type { AgencyPerson, ClientFile, ClientFileSource, Person, PersonEntry } from './model.js';
import type { DataPath, SourceMap } from './source-map.js';

/** Where the agency's people are declared once, relative to the configuration directory. */
export const PEOPLE_FILE = 'policies/people.yaml';

/** policies/people.yaml, validated, with the positions of its nodes. */
export interface LoadedPeople {
  file: string;
  /** The agency's people by key, as client files name them. */
  people: Record<string, AgencyPerson>;
  /** Position of the value at `path` (e.g. ['people', 'maria', 'until']). */
  locate(path: DataPath): SourcePosition;
  /** Position of the key naming the value at `path`. */
  locateKey(path: DataPath): SourcePosition;
}

/** A client file as written, before people.yaml is resolved. */
export interface WrittenClient extends SourceMap {
  file: string;
  data: ClientFileSource;
}

/** The earlier of two `until` days (YYYY-MM-DD); either may be absent. */
export function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/** The identity fields a client entry writes itself. */
export function inlineIdentities(entry: PersonEntry): IdentityField[] {
  return IDENTITY_FIELDS.filter((field) => entry[field] !== undefined);
}

/** The people.yaml entry a client entry's key names, if any. */
export function agencyPersonOf(people: LoadedPeople | undefined, key: string): AgencyPerson | undefined {
  return people && Object.hasOwn(people.people, key) ? people.people[key] : undefined;
}

/**
 * The person a client entry stands for. A key of people.yaml takes that file's identities
 * (any written inline too are compared by validation, never used) and the earlier of the two
 * `until`s, so a leaver's last day ends their access here. An entry with its own e-mail stays
 * as written. Anything else does not resolve: undefined.
 */
function resolvePerson(key: string, entry: PersonEntry, people: LoadedPeople | undefined): Person | undefined {
  const agency = agencyPersonOf(people, key);
  if (!agency) return entry.email === undefined ? undefined : { ...entry, email: entry.email };
  const { until: lastDay, ...identities } = agency;
  const until = earlier(lastDay, entry.until);
  return { ...identities, ...(entry.role === undefined ? {} : { role: entry.role }), ...(until === undefined ? {} : { until }) };
}

/** Whether the `until` a resolved person has is the one of people.yaml (their last day at the agency). */
function untilFromPeople(people: LoadedPeople | undefined, key: string, entry: PersonEntry): boolean {
  const lastDay = agencyPersonOf(people, key)?.until;
  return lastDay !== undefined && (entry.until === undefined || lastDay <= entry.until);
}

function isIdentityField(segment: string | number | undefined): segment is IdentityField {
  return typeof segment === 'string' && (IDENTITY_FIELDS as readonly string[]).includes(segment);
}

/**
 * A client with people.yaml resolved, and the keys that did not resolve. Positions of the
 * fields people.yaml supplied point into people.yaml, so every rule reports them where the
 * fix is; everything else points into the client file.
 */
export function resolveClient(
  written: WrittenClient,
  people: LoadedPeople | undefined,
): { data: ClientFile; locate: SourceMap['value']; locateKey: SourceMap['key']; unresolved: string[] } {
  const resolved: Record<string, Person> = {};
  const unresolved: string[] = [];
  for (const [key, entry] of Object.entries(written.data.people)) {
    const person = resolvePerson(key, entry, people);
    if (person) resolved[key] = person;
    else unresolved.push(key);
  }
  function elsewhere(path: DataPath): boolean {
    const [top, key, field] = path;
    if (top !== 'people' || typeof key !== 'string' || !people || !agencyPersonOf(people, key)) return false;
    const entry = written.data.people[key];
    if (!entry) return false;
    return isIdentityField(field) || (field === 'until' && untilFromPeople(people, key, entry));
  }
  return {
    data: { ...written.data, people: resolved },
    locate: (path) => (people && elsewhere(path) ? people.locate(path) : written.value(path)),
    locateKey: (path) => (people && elsewhere(path) ? people.locateKey(path) : written.key(path)),
    unresolved,
  };
}
