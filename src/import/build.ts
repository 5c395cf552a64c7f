import type { GuardrailsFile, RolesFile } from '../load/model.js';
import { domainOf, sideOf } from '../load/sides.js';
import type { Side } from '../model/grants.js';
import { LEVELS, levelRank, topLevel } from '../model/kinds.js';
import { groupByPrefix, type PlacedResource } from './group.js';
import { personKeys } from './keys.js';
import { chooseRole, type Observation } from './roles.js';
import type { Discovered } from '../platforms/adapter.js';
import type { Observed } from './types.js';
import { kindFacts } from '../platforms/kinds.js';

/** A person as the imported file writes them; without an e-mail they are written commented out. */
export interface ImportedPerson {
  /** Key in the client file: the login, or the e-mail's local part; the same in every file. */
  key: string;
  /** The identity the platform showed: a login (lower-cased) or an e-mail. */
  principal: string;
  /** GitHub login, for principals that are logins. */
  github?: string;
  /** LinkedIn member URN, for principals LinkedIn shows. */
  linkedin?: string;
  /** E-mail, when known; without it the person is written commented out. */
  email?: string;
  /** Agency or client side, from the e-mail. */
  side?: Side;
  /** The least-privilege role that fits, if any. */
  role?: string;
  /** End date added where the guardrails require one. */
  until?: string;
  /** What the role does not give: explicit grants. */
  grants: Observation[];
  /** Every level found on the platform (after the client-side maximum), for comments and the report. */
  access: Observation[];
}

export interface ImportedClient {
  /** The client's slug, from the resource names' prefix. */
  client: string;
  /** Its resources, each with its name in the file. */
  resources: PlacedResource[];
  /** Everyone with access, sorted by key. */
  people: ImportedPerson[];
  /** E-mail domains of the client's own people (personal mail domains left out). */
  domains: string[];
  /** Agency people with the highest level on some resource: a first guess at who runs the account. */
  owners: string[];
}

/** What could not be written as it is, each a sentence. */
export interface ImportReport {
  /** Resources no client could be told from. */
  unmapped: string[];
  /** People and invitations deliberately left out, or written commented out. */
  leftOut: string[];
  /** Levels changed to fit the guardrails, and end dates added. */
  adjusted: string[];
  /** Client-side people with access to a client whose people are of another domain. */
  crossClient: string[];
  /** Resources `--dir` already declares, skipped. */
  alreadyDeclared: string[];
  /** Resources whose grants could not be read, skipped. */
  unread: string[];
}

export interface ImportInput {
  /** Every resource read, with its grants. */
  observed: readonly Observed[];
  /** Resources whose read failed, with why. */
  unread: readonly { resource: Discovered; error: string }[];
  /** `kind\0ref` (ref lower-cased) -> the client file that already declares the resource. */
  declared: ReadonlyMap<string, string>;
  /** Principal (lower-case login) -> e-mail, where one is known. */
  emails: ReadonlyMap<string, string>;
  /** The role catalogue roles are chosen from. */
  roles: RolesFile['roles'];
  /** Sides, client-side maxima, end dates, neverTouch. */
  guardrails: GuardrailsFile;
  /** YYYY-MM-DD, for `why` and end dates. */
  today: string;
}

export interface ImportResult {
  /** The client files to write, by slug. */
  clients: ImportedClient[];
  /** What could not be written as found. */
  report: ImportReport;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The e-mail of a principal: itself for platforms that know people by e-mail, else what is known of the login. */
function emailOf(principal: string, input: ImportInput): string | undefined {
  return principal.includes('@') ? principal : input.emails.get(principal);
}

/** Observations per principal; what cannot become a person is reported. */
function observationsOf(resources: readonly PlacedResource[], input: ImportInput, report: ImportReport, untouchable: Set<string>): Map<string, Observation[]> {
  const neverTouch = new Set(input.guardrails.neverTouch.map((entry) => entry.toLowerCase()));
  const byPrincipal = new Map<string, Observation[]>();
  for (const resource of resources) {
    for (const grant of resource.grants) {
      const where = `${resource.kind} ${resource.ref}`;
      if (grant.inheritedFrom || grant.owner) {
        report.leftOut.push(`${grant.principal} on ${where}: ${grant.owner ? 'a bot or the owner of the resource' : `inherited from ${grant.inheritedFrom ?? '?'}`}, not a grant to declare`);
        continue;
      }
      if (neverTouch.has(grant.principal)) {
        if (!untouchable.has(grant.principal)) report.leftOut.push(`${grant.principal}: on neverTouch in policies/guardrails.yaml, so never declared`);
        untouchable.add(grant.principal);
        continue;
      }
      if (grant.pending?.expired) {
        report.leftOut.push(`${grant.principal} on ${where}: the invitation (${grant.level}) expired; invite them again by declaring them`);
        continue;
      }
      if (kindFacts(resource.kind).identity !== 'email' && grant.principal.includes('@')) {
        report.leftOut.push(`${grant.principal} on ${where}: invited by e-mail, so no GitHub login is known yet`);
        continue;
      }
      byPrincipal.set(grant.principal, [...(byPrincipal.get(grant.principal) ?? []), { key: resource.key, kind: resource.kind, level: grant.level }]);
    }
  }
  return byPrincipal;
}

function capped(observations: readonly Observation[], side: Side | undefined, client: string, principal: string, input: ImportInput, report: ImportReport): Observation[] {
  if (side !== 'client') return [...observations];
  return observations.map((observation) => {
    const maximum = input.guardrails.clientSide.maxLevel[observation.kind];
    if (maximum === undefined || levelRank(observation.kind, observation.level) <= levelRank(observation.kind, maximum)) return observation;
    report.adjusted.push(`${principal} (${client}) has ${observation.level} on ${observation.key}; client-side people may have at most ${maximum}: written as ${maximum}, so the first plan lowers it`);
    return { ...observation, level: maximum };
  });
}

function personOf(client: string, principal: string, found: readonly Observation[], context: { resources: readonly PlacedResource[]; keys: ReadonlyMap<string, string> }, input: ImportInput, report: ImportReport): ImportedPerson {
  const { resources, keys } = context;
  const email = emailOf(principal, input);
  const side = email ? sideOf(email, input.guardrails) : undefined;
  const access = capped(found, side, client, principal, input, report);
  const person: ImportedPerson = { key: keys.get(principal) ?? principal, principal, grants: access, access };
  // The principal is the identity its platform knows, so the kind says which field it fills.
  const field = found[0] ? kindFacts(found[0].kind).identity : 'email';
  if (field !== 'email') person[field] = principal;
  if (!email || !side) {
    report.leftOut.push(`${principal} (${client}): no e-mail known, written commented out with their access (${access.map((item) => `${item.level} on ${item.key}`).join(', ')}); add their e-mail and uncomment`);
    return person;
  }
  const choice = chooseRole(access, resources, input.roles, side);
  const maxDays = input.guardrails.clientSide.maxDays;
  const result: ImportedPerson = { ...person, email, side, grants: choice.grants };
  if (choice.role) result.role = choice.role;
  if (side === 'client' && input.guardrails.clientSide.requireUntil) {
    result.until = addDays(input.today, maxDays ?? 365);
    report.adjusted.push(`${principal} (${client}) is on the client side and the guardrails require an end date: until ${result.until}`);
  }
  return result;
}

interface Gathered {
  client: string;
  resources: PlacedResource[];
  found: Map<string, Observation[]>;
}

/** The client-side e-mail domain of a principal, unless it is a personal mail domain. */
function clientDomain(principal: string, input: ImportInput): string | undefined {
  const email = emailOf(principal, input);
  if (!email || sideOf(email, input.guardrails) !== 'client') return undefined;
  const domain = domainOf(email);
  return input.guardrails.personalDomains.some((personal) => personal.toLowerCase() === domain) ? undefined : domain;
}

interface Presence {
  people: number;
  grants: number;
}

/** Whether a domain spells the client's slug in its first label (cobaltfreight.com and cobalt). */
function namesClient(domain: string, client: string): boolean {
  return (domain.split('.')[0] ?? '').replace(/[^a-z0-9]/g, '').includes(client.replace(/[^a-z0-9]/g, ''));
}

/**
 * Which client each client-side domain belongs to: the one its name spells, else the one
 * with the most of its people, then the most grants, then the first slug. A person of that
 * domain on another client's resources is what an agency most needs to see, so they are
 * reported, not taken as that client's own.
 */
function domainHomes(gathered: readonly Gathered[], input: ImportInput): Map<string, string> {
  const presence = new Map<string, Map<string, Presence>>();
  for (const { client, found } of gathered) {
    for (const [principal, observations] of found) {
      const domain = clientDomain(principal, input);
      if (!domain) continue;
      const perClient = presence.get(domain) ?? new Map<string, Presence>();
      const seen = perClient.get(client) ?? { people: 0, grants: 0 };
      perClient.set(client, { people: seen.people + 1, grants: seen.grants + observations.length });
      presence.set(domain, perClient);
    }
  }
  const homes = new Map<string, string>();
  for (const [domain, perClient] of presence) {
    const ranked = [...perClient].sort(
      ([a, x], [b, y]) => Number(namesClient(domain, b)) - Number(namesClient(domain, a)) || y.people - x.people || y.grants - x.grants || (a < b ? -1 : a > b ? 1 : 0),
    );
    const [home] = ranked;
    if (home) homes.set(domain, home[0]);
  }
  return homes;
}

function importClient(gathered: Gathered, context: { homes: ReadonlyMap<string, string>; keys: ReadonlyMap<string, string> }, input: ImportInput, report: ImportReport): ImportedClient {
  const { client, resources, found } = gathered;
  const { homes, keys } = context;
  const people = [...found]
    .map(([principal, observations]) => personOf(client, principal, observations, { resources, keys }, input, report))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const domains = new Set<string>();
  const owners = new Set<string>();
  for (const person of people) {
    const domain = clientDomain(person.principal, input);
    const home = domain ? homes.get(domain) : undefined;
    if (domain && home === client) domains.add(domain);
    else if (domain && home) {
      const access = person.access.map((item) => `${item.level} on ${item.key}`).join(', ');
      report.crossClient.push(`${person.key} (${person.email ?? domain}) has ${access} of ${client}, but ${domain} is ${home}'s domain: a person of another client`);
    }
    // A kind with one level (a channel's member) says nothing about who runs the account.
    const administers = person.access.some((item) => LEVELS[item.kind].length > 1 && item.level === topLevel(item.kind));
    if (person.side === 'agency' && administers) owners.add(person.key);
  }
  return { client, resources, people, domains: [...domains].sort(), owners: [...owners].sort() };
}

/**
 * Pure. Today's access as client files to start from: resources grouped into clients by
 * prefix, people keyed by login with the least-privilege role that fits and explicit grants
 * for the rest. Resources some client file already declares are skipped; everything that
 * could not be written as found is in the report.
 */
export function buildImport(input: ImportInput): ImportResult {
  const report: ImportReport = { unmapped: [], leftOut: [], adjusted: [], crossClient: [], alreadyDeclared: [], unread: [] };
  const fresh: Observed[] = [];
  for (const resource of input.observed) {
    const declaredIn = input.declared.get(`${resource.kind}\u0000${resource.ref.toLowerCase()}`);
    if (declaredIn) report.alreadyDeclared.push(`${resource.kind} ${resource.ref} (${declaredIn})`);
    else fresh.push(resource);
  }
  for (const { resource, error } of input.unread) report.unread.push(`${resource.kind} ${resource.ref}: ${error}`);
  const grouping = groupByPrefix(fresh);
  const untouchable = new Set<string>();
  for (const { resource, why } of grouping.unmapped) {
    const people = resource.grants.length;
    report.unmapped.push(`${resource.kind} ${resource.ref}: ${why}; ${people} ${people === 1 ? 'person has' : 'people have'} access`);
  }
  const gathered = [...grouping.clients]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([client, resources]): Gathered => ({ client, resources, found: observationsOf(resources, input, report, untouchable) }));
  const homes = domainHomes(gathered, input);
  const keys = personKeys(gathered.flatMap((entry) => [...entry.found.keys()]));
  const clients = gathered.map((entry) => importClient(entry, { homes, keys }, input, report));
  return { clients, report };
}
