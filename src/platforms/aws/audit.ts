import type { ActualGrant, ManagedResource } from '../../model/grants.js';
import type { Finding } from '../../model/plan.js';
import type { AuditInput } from '../adapter.js';
import { PLATFORM } from './client.js';

/** The clients an identity belongs to: by its e-mail's domain first, else by the files that declare it. */
function ownersOf(principal: string, input: AuditInput): { clients: string[]; by: 'domain' | 'declaration' } | undefined {
  const domain = principal.includes('@') ? principal.slice(principal.lastIndexOf('@') + 1) : undefined;
  if (domain) {
    const byDomain = [...(input.clientDomains ?? [])].filter(([, domains]) => domains.some((own) => own.toLowerCase() === domain)).map(([client]) => client);
    if (byDomain.length > 0) return { clients: byDomain.sort(), by: 'domain' };
  }
  const declared = input.clientsOf?.get(principal);
  return declared && declared.length > 0 ? { clients: [...declared], by: 'declaration' } : undefined;
}

function describe(grant: ActualGrant): string {
  return grant.inheritedFrom ? `${grant.level} through ${grant.inheritedFrom}` : grant.level;
}

/**
 * A person of one client on another client's account, whatever the files say: an address at
 * another client's domain even where this client's file declares it, access through a group
 * as much as a direct assignment, and a neverTouch principal too (neverTouch holds changes,
 * not findings). Judges the accounts read in this run; one that could not be read is already
 * reported unread.
 */
export function crossClientFindings(readings: ReadonlyMap<string, ActualGrant[]>, input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  for (const resource of input.resources) {
    if (resource.kind !== 'aws-account') continue;
    for (const grant of readings.get(resource.ref) ?? []) {
      const owners = ownersOf(grant.principal, input);
      if (!owners || owners.clients.includes(resource.client)) continue;
      findings.push(finding(resource, grant, owners));
    }
  }
  return findings;
}

function finding(resource: ManagedResource, grant: ActualGrant, owners: { clients: string[]; by: 'domain' | 'declaration' }): Finding {
  const whose = owners.by === 'domain' ? `an address of ${owners.clients.join(', ')}` : `declared for ${owners.clients.join(', ')} only`;
  return {
    platform: PLATFORM,
    subject: `${resource.ref} ${grant.principal}`,
    message: `${grant.principal} has ${describe(grant)} on AWS account ${resource.ref} of ${resource.client} (${resource.at.file}): ${whose}, another client's person on this account`,
  };
}
