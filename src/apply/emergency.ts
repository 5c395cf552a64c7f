import { UsageError } from '../errors.js';
import type { Repository } from '../load/load.js';
import { principalOf } from '../load/candidates.js';
import type { AuditRecord, AuditSource, EmergencyMark } from '../model/audit.js';
import type { ManagedResource, ResourceReading } from '../model/grants.js';
import type { RevokeChange } from '../model/plan.js';
import { IDENTITY_FIELDS } from '../platforms/kinds.js';
import type { ChangeResult } from './execute.js';
import { auditRecord } from './records.js';

/** The person `latch revoke` was given, as the files know them. */
export interface Person {
  /** Their keys in the client files (and policies/people.yaml), where declared. */
  keys: Set<string>;
  /** Every login and e-mail they are known by, lower-cased; the argument itself when no file declares them. */
  identities: Set<string>;
}

/** Which resources a revocation covers. */
export type RevokeScope = { everywhere: true } | { client: string } | { resource: { kind: string; ref: string } };

/** What a read of the scope found: grants to remove, and what cannot be removed here. */
export interface EmergencyFindings {
  changes: RevokeChange[];
  /** Resources that could not be read: the person may still have access there. */
  unread: { resource: ManagedResource; error: string }[];
  /** Grants found that Latch cannot remove on the resource: an owner, an inherited grant, a neverTouch identity. */
  kept: { resource: ManagedResource; principal: string; level: string; why: string }[];
}

/**
 * Finds who `argument` is: a person's key in any client file, or one of their identities.
 * Every entry that shares a key or identity with a match is the same person, so an e-mail
 * finds the GitHub login declared next to it.
 */
export function findPerson(repository: Pick<Repository, 'clients'>, argument: string): Person {
  const wanted = argument.trim().toLowerCase();
  const person: Person = { keys: new Set(), identities: new Set() };
  const entries = repository.clients.flatMap((loaded) => Object.entries(loaded.data.people));
  const identitiesOf = (entry: (typeof entries)[number][1]) =>
    IDENTITY_FIELDS.map((field) => principalOf(field, entry[field])).filter((value): value is string => value !== undefined).map((value) => value.toLowerCase());
  for (const [key, entry] of entries) {
    if (key.toLowerCase() !== wanted && !identitiesOf(entry).includes(wanted)) continue;
    person.keys.add(key);
    for (const identity of identitiesOf(entry)) person.identities.add(identity);
  }
  if (person.identities.size === 0) person.identities.add(wanted);
  return person;
}

/** The managed resources in scope; an unknown client or resource is a UsageError naming what exists. */
export function resourcesInScope(resources: readonly ManagedResource[], scope: RevokeScope): ManagedResource[] {
  const managed = resources.filter((resource) => resource.mode === 'manage');
  if ('everywhere' in scope) return managed;
  if ('client' in scope) {
    const found = managed.filter((resource) => resource.client === scope.client);
    if (found.length === 0) throw new UsageError(`no client "${scope.client}" with managed resources; clients: ${[...new Set(managed.map((resource) => resource.client))].join(', ')}`);
    return found;
  }
  const found = managed.filter((resource) => resource.kind === scope.resource.kind && resource.ref === scope.resource.ref);
  if (found.length === 0) throw new UsageError(`no client declares ${scope.resource.kind}:${scope.resource.ref} as a managed resource`);
  return found.slice(0, 1);
}

/** Pure. The revocations of the person's grants the readings show, whether a file declares them or someone granted them by hand. */
export function emergencyChanges(readings: readonly ResourceReading[], person: Person, reason: string, neverTouch: readonly string[]): EmergencyFindings {
  const untouchable = new Set(neverTouch.map((entry) => entry.toLowerCase()));
  const findings: EmergencyFindings = { changes: [], unread: [], kept: [] };
  for (const reading of readings) {
    const { resource } = reading;
    if (!reading.ok) {
      findings.unread.push({ resource, error: reading.error });
      continue;
    }
    for (const grant of reading.grants) {
      const principal = grant.principal.toLowerCase();
      if (!person.identities.has(principal)) continue;
      const why = grant.owner ? "the platform's owner of the resource" : grant.inheritedFrom ? `inherited from ${grant.inheritedFrom}` : untouchable.has(principal) ? 'guardrails neverTouch' : undefined;
      if (why) {
        findings.kept.push({ resource, principal, level: grant.level, why });
        continue;
      }
      const change: RevokeChange = { action: 'revoke', client: resource.client, kind: resource.kind, resource: resource.ref, principal, from: grant.level, to: null, reason: `emergency revocation: ${reason}` };
      if (grant.handle !== undefined) change.handle = grant.handle;
      if (grant.pending) change.pending = grant.pending;
      findings.changes.push(change);
    }
  }
  return findings;
}

/** One audit record per result, marked as an emergency: the same records an apply keeps. */
export function emergencyRecords(results: readonly ChangeResult[], source: AuditSource, at: string, mark: EmergencyMark): AuditRecord[] {
  return results.map((result) => ({ ...auditRecord(source, at, result.status, result.change, result.detail), emergency: mark }));
}
