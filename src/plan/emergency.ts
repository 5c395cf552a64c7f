import type { DesiredGrant } from '../model/grants.js';
import type { EmergencyRecord, EmergencyRevocation } from '../model/lifecycle.js';
import type { Change } from '../model/plan.js';
import { compareText, resourceKey } from './order.js';

function targetOf(kind: string, resource: string, principal: string): string {
  return `${resourceKey(kind, resource)}\u0000${principal.toLowerCase()}`;
}

/**
 * Pure. Grants the files still declare but an emergency revocation removed are not granted
 * again: the grant changes for them are dropped and the person is listed instead, until a
 * change to the files stops declaring the grant. A record whose grant the files no longer
 * declare holds nothing and is not listed.
 */
export function holdEmergencies(
  changes: readonly Change[],
  declared: readonly DesiredGrant[],
  holds: readonly EmergencyRecord[],
): { changes: Change[]; emergencies: EmergencyRevocation[] } {
  const stillDeclared = new Set(declared.map((grant) => targetOf(grant.kind, grant.resource, grant.principal)));
  const held = new Set<string>();
  const byPerson = new Map<string, EmergencyRevocation>();
  for (const hold of [...holds].sort((a, b) => compareText(a.at, b.at))) {
    const target = targetOf(hold.kind, hold.resource, hold.principal);
    if (!stillDeclared.has(target)) continue;
    held.add(target);
    const entry = byPerson.get(hold.principal) ?? { person: hold.principal, on: hold.at.slice(0, 10), reason: hold.reason, by: hold.by, resources: [] };
    const resource = `${hold.kind} ${hold.resource}`;
    if (!entry.resources.includes(resource)) entry.resources.push(resource);
    byPerson.set(hold.principal, entry);
  }
  return {
    changes: changes.filter((change) => change.action !== 'grant' || !held.has(targetOf(change.kind, change.resource, change.principal))),
    emergencies: [...byPerson.values()].map((entry) => ({ ...entry, resources: entry.resources.sort() })).sort((a, b) => compareText(a.person, b.person)),
  };
}
