import type { LoadedClient } from './types.js';
import type { GuardrailsFile, RolesFile } from './model.js';
import { audienceAdmits, sideOf } from './sides.js';
import type { ManagedResource, Side, Trace } from '../model/grants.js';
import { isLevelOf, type IdentityField, type Level } from '../model/kinds.js';
import { kindFacts } from '../platforms/kinds.js';
import { earlier } from './people.js';

/** One source asking for one level of one resource for one person, before sources are merged. */
export interface Candidate {
  resource: ManagedResource;
  /** The person's key in the client file. */
  person: string;
  side: Side;
  /** Which field of the person the resource's platform knows them by. */
  identityField: IdentityField;
  /** That field's value, as `principalOf` writes it; undefined when the person lacks it (validation refuses this). */
  principal: string | undefined;
  level: Level;
  /** The earlier of the person's and the grant's `until`, when either is set. */
  until: string | undefined;
  /** `until` is before today. */
  expired: boolean;
  trace: Trace;
}

/** The resources a client file declares, with defaults applied. */
export function managedResourcesOf(client: LoadedClient): ManagedResource[] {
  return Object.entries(client.data.resources).map(([key, resource]) => ({
    client: client.data.client,
    key,
    kind: resource.kind,
    ref: resource.ref,
    mode: resource.mode ?? 'manage',
    audience: resource.audience ?? 'any',
    at: client.locate(['resources', key]),
  }));
}

/** Logins and e-mails compare case-insensitively; LinkedIn member ids are case-sensitive, so URNs are only trimmed. */
export function principalOf(field: IdentityField, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return field === 'linkedin' ? value.trim() : value.toLowerCase();
}

/**
 * Every (source, resource, person) a client file asks for: each person's role on every resource
 * whose kind the role names and whose audience admits the person's side, then each explicit
 * grant. References that do not resolve (unknown role, person, resource, level) are skipped:
 * validation reports them.
 */
export function candidatesOf(client: LoadedClient, roles: RolesFile, guardrails: Pick<GuardrailsFile, 'agencyDomains'>, today: string): Candidate[] {
  const { data } = client;
  const resources = new Map(managedResourcesOf(client).map((resource) => [resource.key, resource]));
  const candidates: Candidate[] = [];

  function add(resource: ManagedResource, personKey: string, level: Level, grantUntil: string | undefined, trace: Trace): void {
    const person = data.people[personKey];
    if (!person) return;
    const identityField = kindFacts(resource.kind).identity;
    const until = earlier(person.until, grantUntil);
    candidates.push({
      resource,
      person: personKey,
      side: sideOf(person.email, guardrails),
      identityField,
      principal: principalOf(identityField, person[identityField]),
      level,
      until,
      expired: until !== undefined && until < today,
      trace,
    });
  }

  for (const [personKey, person] of Object.entries(data.people)) {
    if (person.role === undefined || !Object.hasOwn(roles.roles, person.role)) continue;
    const role = roles.roles[person.role];
    if (!role) continue;
    const side = sideOf(person.email, guardrails);
    const trace: Trace = { ...client.locate(['people', personKey, 'role']), source: 'role', role: person.role };
    for (const resource of resources.values()) {
      const level = role.levels[resource.kind];
      if (level === undefined || !audienceAdmits(resource.audience, side)) continue;
      add(resource, personKey, level, undefined, trace);
    }
  }

  data.grants.forEach((grant, index) => {
    const resource = Object.hasOwn(data.resources, grant.on) ? resources.get(grant.on) : undefined;
    if (!resource || !Object.hasOwn(data.people, grant.who) || !isLevelOf(resource.kind, grant.level)) return;
    const trace: Trace = { ...client.locate(['grants', index]), source: 'grant', why: grant.why };
    add(resource, grant.who, grant.level, grant.until, trace);
  });
  return candidates;
}
