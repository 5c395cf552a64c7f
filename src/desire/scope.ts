import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import type { ManagedResource } from '../model/grants.js';
import type { PlanScopeSummary } from '../model/plan.js';
import { kindFacts, KINDS, type ResourceKind } from '../platforms/kinds.js';
import { CLIENT_FILE } from '../load/load.js';
import { PEOPLE_FILE } from '../load/people.js';
import type { DesiredState } from './expand.js';

/** What a plan reads: everything, or the clients and platforms a change since a base can affect. */
export interface ReadScope {
  /** Every client and the whole-platform audits: a change may affect anything, or what changed is unknown. */
  everything: boolean;
  /** Clients whose every resource is read, sorted. */
  clients: string[];
  /** Platforms whose resources are read for every client (their section of policies/platforms.yaml changed), sorted. */
  platforms: string[];
  /** One line per cause: "clients/apex.yaml changed", "policies/guardrails.yaml changed: every client is read". */
  reasons: string[];
}

const PLATFORMS = new Set<string>(KINDS.map((facts) => facts.platform));

/** A file that differs from the base, as git tells it (delegation's `changesSince`). */
export interface ChangedFile {
  /** Relative to the config directory when inside it. */
  file: string;
  /** Whether the file lies inside the config directory. */
  inConfig: boolean;
  /** Content at the base; absent for an added file. */
  before?: string;
  /** Content now; absent for a deleted file. */
  after?: string;
}

/** What one client's file draws from the policies, for `scopeOfChanges`. */
export interface ClientUses {
  /** Roles its people hold. */
  roles: ReadonlySet<string>;
  /** Keys of its people: a key of policies/people.yaml takes that entry's identities and last day. */
  people: ReadonlySet<string>;
}

type Effect = { everything: true; reason: string } | { everything: false; clients: string[]; platforms: string[]; reason: string };

function everything(reason: string): Effect {
  return { everything: true, reason: `${reason}: every client is read` };
}

/** The YAML's top-level mapping, or undefined when it is not one (a file that does not parse affects everything). */
function topLevel(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return {};
  try {
    const value: unknown = parse(text);
    if (value === null || value === undefined) return {};
    return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Keys whose value differs between two mappings. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !isDeepStrictEqual(before[key], after[key])).sort();
}

function section(mapping: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = mapping[key] ?? {};
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A role's levels and side decide the grants of every person holding it, so its holders' clients are read. */
function rolesEffect(change: ChangedFile, uses: ReadonlyMap<string, ClientUses>): Effect {
  const before = topLevel(change.before);
  const after = topLevel(change.after);
  const beforeRoles = before && section(before, 'roles');
  const afterRoles = after && section(after, 'roles');
  if (!before || !after || !beforeRoles || !afterRoles || changedKeys(before, after).some((key) => key !== 'roles')) {
    return everything(`${change.file} changed beyond its roles`);
  }
  const roles = changedKeys(beforeRoles, afterRoles);
  const clients = [...uses].filter(([, used]) => roles.some((role) => used.roles.has(role))).map(([client]) => client);
  if (roles.length === 0) return { everything: false, clients: [], platforms: [], reason: `${change.file} changed no role` };
  const named = `role${roles.length === 1 ? '' : 's'} ${roles.join(', ')}`;
  return { everything: false, clients, platforms: [], reason: `${change.file} changed ${named}, held in ${clients.length === 1 ? '1 client' : `${clients.length} clients`}` };
}

/** Names listed in a reason before "and N more". */
const NAMES = 5;

function clientList(clients: readonly string[]): string {
  if (clients.length === 0) return 'no client names them';
  const shown = clients.slice(0, NAMES).join(', ');
  return `client${clients.length === 1 ? '' : 's'} ${clients.length > NAMES ? `${shown} and ${clients.length - NAMES} more` : shown}`;
}

/**
 * An entry of policies/people.yaml gives its key's identities and last day to every client
 * file naming that key, so those clients are read; a person no client names affects none.
 */
function peopleEffect(change: ChangedFile, uses: ReadonlyMap<string, ClientUses>): Effect {
  const before = topLevel(change.before);
  const after = topLevel(change.after);
  if (!before || !after) return everything(`${change.file} changed and does not parse`);
  const beforePeople = section(before, 'people');
  const afterPeople = section(after, 'people');
  if (!beforePeople || !afterPeople || changedKeys(before, after).some((key) => key !== 'people')) {
    return everything(`${change.file} changed beyond its people`);
  }
  const people = changedKeys(beforePeople, afterPeople);
  if (people.length === 0) return { everything: false, clients: [], platforms: [], reason: `${change.file} changed no person` };
  const clients = [...uses].filter(([, used]) => people.some((person) => used.people.has(person))).map(([client]) => client).sort();
  const named = people.map((person) => `${person} ${!Object.hasOwn(beforePeople, person) ? 'added' : !Object.hasOwn(afterPeople, person) ? 'removed' : 'changed'}`);
  return { everything: false, clients, platforms: [], reason: `${change.file}: ${named.join(', ')}; ${clientList(clients)}` };
}

/** Each section of policies/platforms.yaml is one platform's settings; a key that is no platform may change anything. */
function platformsEffect(change: ChangedFile): Effect {
  const before = topLevel(change.before);
  const after = topLevel(change.after);
  if (!before || !after) return everything(`${change.file} changed and does not parse`);
  const sections = changedKeys(before, after);
  const unknown = sections.filter((key) => !PLATFORMS.has(key));
  if (unknown.length > 0) return everything(`${change.file} changed ${unknown.join(', ')}`);
  if (sections.length === 0) return { everything: false, clients: [], platforms: [], reason: `${change.file} changed no platform's settings` };
  const named = sections.join(', ');
  return { everything: false, clients: [], platforms: sections, reason: `${change.file} changed ${named}: the ${named} resources of every client are read` };
}

function policyEffect(change: ChangedFile, uses: ReadonlyMap<string, ClientUses>): Effect {
  if (change.file === 'policies/roles.yaml') return rolesEffect(change, uses);
  if (change.file === PEOPLE_FILE) return peopleEffect(change, uses);
  if (change.file === 'policies/platforms.yaml') return platformsEffect(change);
  // The guardrails bound every grant, and a policies file Latch does not know may be read by a newer version of it.
  return everything(`${change.file} changed`);
}

function verb(change: ChangedFile): string {
  if (change.before === undefined) return 'added';
  if (change.after === undefined) return 'deleted';
  return 'changed';
}

/**
 * Pure. Which clients and platforms the changed files can affect. A client file (added,
 * changed, or deleted: a rename is both) puts its client in scope; a role catalogue change
 * the clients whose people hold a changed role; a people.yaml change the clients naming a
 * person whose entry was added, removed or changed (`uses`: each client's roles and people
 * at the head); a section of policies/platforms.yaml that platform's resources; the
 * guardrails and any other policies file everything. Files outside clients/ and policies/
 * are not read by Latch.
 */
export function scopeOfChanges(changes: readonly ChangedFile[], uses: ReadonlyMap<string, ClientUses>): ReadScope {
  const clients = new Set<string>();
  const platforms = new Set<string>();
  const reasons: string[] = [];
  for (const change of changes) {
    if (!change.inConfig) continue;
    const client = CLIENT_FILE.exec(change.file)?.[1];
    if (client !== undefined) {
      clients.add(client);
      reasons.push(`${change.file} ${verb(change)}`);
      continue;
    }
    if (!change.file.startsWith('policies/')) continue;
    const effect = policyEffect(change, uses);
    if (effect.everything) return { everything: true, clients: [], platforms: [], reasons: [effect.reason] };
    for (const name of effect.clients) clients.add(name);
    for (const name of effect.platforms) platforms.add(name);
    reasons.push(effect.reason);
  }
  return { everything: false, clients: [...clients].sort(), platforms: [...platforms].sort(), reasons };
}

/** Whether a resource of `client` and `kind` is read in `scope`. */
export function inScope(scope: ReadScope, client: string | null, kind: ResourceKind): boolean {
  if (scope.everything) return true;
  return (client !== null && scope.clients.includes(client)) || scope.platforms.includes(kindFacts(kind).platform);
}

/** Whether every resource of `client` is read in `scope` (an offboarded client's, for one). */
export function readsClient(scope: ReadScope, client: string): boolean {
  return scope.everything || scope.clients.includes(client);
}

/** The desired state of what `scope` reads only; the departures stay whole, as they name people, not resources. */
export function restrictToScope(desired: DesiredState, scope: ReadScope): DesiredState {
  const keep = (item: { client: string; kind: ResourceKind }) => inScope(scope, item.client, item.kind);
  return { ...desired, resources: desired.resources.filter(keep), grants: desired.grants.filter(keep), expired: desired.expired.filter(keep) };
}

/**
 * Widens `scope` so it holds every one of `targets` (the changes reviewers approved): a plan
 * that left one out could not apply it. A target of no client widens to everything.
 */
export function widenTo(scope: ReadScope, targets: readonly { client: string | null; kind: ResourceKind }[]): ReadScope {
  const outside = targets.filter((target) => !inScope(scope, target.client, target.kind));
  if (outside.length === 0) return scope;
  if (outside.some((target) => target.client === null)) return { everything: true, clients: [], platforms: [], reasons: ['a reviewed change belongs to no client: every client is read'] };
  const added = [...new Set(outside.map((target) => target.client as string))].sort();
  return { ...scope, clients: [...new Set([...scope.clients, ...added])].sort(), reasons: [...scope.reasons, `reviewed changes on ${added.join(', ')}`] };
}

/** Each client's roles and people, for `scopeOfChanges`. */
export function usesByClient(clients: readonly { data: { client: string; people: Record<string, { role?: string }> } }[]): Map<string, ClientUses> {
  return new Map(
    clients.map((loaded) => {
      const people = loaded.data.people;
      return [loaded.data.client, { roles: new Set(Object.values(people).flatMap((person) => (person.role ? [person.role] : []))), people: new Set(Object.keys(people)) }];
    }),
  );
}

/** What the plan says it read; `resources` are the resources read, `clients` every client at the head and offboarded. */
export function summariseScope(scope: ReadScope, base: string, clients: readonly string[], resources: readonly ManagedResource[]): PlanScopeSummary {
  const read = scope.everything ? [...clients] : clients.filter((client) => scope.clients.includes(client));
  return {
    mode: scope.everything ? 'all' : 'changed',
    base,
    clients: [...read].sort(),
    platforms: scope.everything ? [] : scope.platforms,
    total: clients.length,
    resources: resources.length,
    reason: scope.reasons.length > 0 ? scope.reasons.join('; ') : 'nothing under clients/ or policies/ changed',
  };
}
