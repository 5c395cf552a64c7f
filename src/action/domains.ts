import type { DesiredGrant } from '../model/grants.js';
import { domainOf } from '../load/sides.js';
import type { PreparedPlan } from '../pipeline.js';

function targetKey(kind: string, resource: string, principal: string): string {
  return `${kind}\u0000${resource}\u0000${principal}`;
}

/**
 * One line per grant or raise that goes to an e-mail domain that is neither the agency's nor
 * the client's: a contractor's own company, a personal address. Loading only warns about
 * such a person; the plan comment flags the access itself.
 */
export function foreignDomainGrants(prepared: Pick<PreparedPlan, 'plan' | 'desired' | 'repository'>): string[] {
  const { repository } = prepared;
  const agency = new Set(repository.guardrails.agencyDomains.map((domain) => domain.toLowerCase()));
  const clients = new Map(repository.clients.map((loaded) => [loaded.data.client, loaded.data]));
  const desired = new Map<string, DesiredGrant>(prepared.desired.grants.map((grant) => [targetKey(grant.kind, grant.resource, grant.principal), grant]));
  const lines: string[] = [];
  for (const change of prepared.plan.changes) {
    if (change.to === null) continue;
    const grant = desired.get(targetKey(change.kind, change.resource, change.principal));
    const client = grant ? clients.get(grant.client) : undefined;
    const person = grant && client ? client.people[grant.person] : undefined;
    if (!grant || !client || !person) continue;
    const domain = domainOf(person.email);
    if (agency.has(domain) || client.domains.some((own) => own.toLowerCase() === domain)) continue;
    // A Google or Microsoft principal is the e-mail itself: naming it twice reads as two people.
    const who = person.email.toLowerCase() === change.principal ? change.principal : `${person.email} (${change.principal})`;
    lines.push(`${who} gets ${change.to} on ${change.resource} (${client.client}): ${domain} is neither an agency domain nor one of ${client.client}'s`);
  }
  return lines;
}
