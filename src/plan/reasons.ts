import type { DeclaredPerson, DesiredGrant, ManagedResource, PendingInvitation, Trace } from '../model/grants.js';
import type { ResourceKind } from '../model/kinds.js';
import { kindFacts } from '../platforms/kinds.js';

/** "role agency-lead in clients/apex.yaml:14" or `grant in clients/apex.yaml:21: "why"`. */
export function describeTrace(trace: Trace): string {
  const where = `${trace.file}:${trace.line}`;
  if (trace.source === 'role') return `role ${trace.role ?? '(unnamed)'} in ${where}`;
  return trace.why ? `grant in ${where}: "${trace.why}"` : `grant in ${where}`;
}

/** The declaration that gives a desired grant its level. */
export function sourceOf(grant: DesiredGrant): string {
  const [first] = grant.because;
  return first ? describeTrace(first) : `declared in clients/${grant.client}.yaml`;
}

function addDays(isoTimestamp: string, days: number): string | undefined {
  const time = Date.parse(isoTimestamp);
  if (Number.isNaN(time)) return undefined;
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

/** "invitation expired on 2026-10-08, sent again (role ...)"; the date only where the platform's lifetime is known. */
export function resentReason(kind: ResourceKind, invitation: PendingInvitation, grant: DesiredGrant): string {
  const lifetime = kindFacts(kind).invitationDays;
  const expiredOn = lifetime !== undefined && invitation.createdAt ? addDays(invitation.createdAt, lifetime) : undefined;
  return `${expiredOn ? `invitation expired on ${expiredOn}` : 'invitation expired'}, sent again (${sourceOf(grant)})`;
}

export function updateReason(grant: DesiredGrant, invitation: PendingInvitation | undefined): string {
  return invitation ? `${sourceOf(grant)}; the invitation is not accepted yet and is changed in place` : sourceOf(grant);
}

/** The words a revocation of another client's person carries: risk ordering looks for them. */
export const ANOTHER_CLIENTS_PERSON = "another client's person";

/**
 * Why an undeclared grant goes: its access ended, its resource left the repository
 * (offboarding), the person belongs to another client (the leak agencies fear most), an
 * agency person was taken off this client (routine, and worded so it does not read as a
 * leak), or nothing ever declared it.
 */
export function revokeReason(expired: DesiredGrant | undefined, resource: ManagedResource, declared: boolean, person: DeclaredPerson | undefined): string {
  if (expired?.until) {
    const [first] = expired.because;
    return first ? `access ended ${expired.until} (${first.file}:${first.line})` : `access ended ${expired.until}`;
  }
  if (!declared) return `not declared in any client file (${resource.at.file} no longer lists ${resource.key})`;
  if (!person) return 'not declared in any client file';
  if (resource.audience === 'agency' && person.side === 'client') return `a client-side person on an agency-only resource (audience: agency in ${resource.at.file})`;
  if (person.clients.length > 0 && !person.clients.includes(resource.client)) {
    if (person.side === 'agency') return `agency person no longer declared for ${resource.client} (still on ${person.clients.join(', ')})`;
    return `declared for ${person.clients.join(', ')} only, not for ${resource.client}: ${ANOTHER_CLIENTS_PERSON} on this resource`;
  }
  return `not declared for this resource in ${resource.at.file}`;
}
