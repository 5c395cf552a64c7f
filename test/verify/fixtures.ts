import type { DesiredState } from '../../src/desire/expand.js';
import type { ActualGrant, DesiredGrant, ManagedResource, ResourceReading, Trace } from '../../src/model/grants.js';
import type { ResourceKind } from '../../src/model/kinds.js';

export const TODAY = '2026-11-23';

export function account(kind: ResourceKind, ref: string, mode: 'manage' | 'verify' = 'verify', key = 'ads'): ManagedResource {
  return { client: 'bloom', key, kind, ref, mode, audience: 'any', at: { file: 'clients/bloom.yaml', line: 12, column: 3 } };
}

export const GOOGLE_ADS = account('google-ads-account', '1234567890', 'verify', 'google-ads');
export const META = account('meta-ad-account', 'act_2200000001', 'verify', 'meta-ads');
export const LINKEDIN = account('linkedin-ad-account', '508877001', 'verify', 'linkedin-ads');

export function role(name: string, line: number): Trace {
  return { file: 'clients/bloom.yaml', line, column: 5, source: 'role', role: name };
}

export function want(resource: ManagedResource, principal: string, level: string, extra: Partial<DesiredGrant> = {}): DesiredGrant {
  return {
    client: resource.client,
    kind: resource.kind,
    resource: resource.ref,
    principal,
    person: principal.split('@')[0] ?? principal,
    side: 'agency',
    level,
    because: [role('agency-marketer', 24)],
    ...extra,
  };
}

export function has(principal: string, level: string, extra: Partial<ActualGrant> = {}): ActualGrant {
  return { principal, level, ...extra };
}

export function read(resource: ManagedResource, grants: ActualGrant[]): ResourceReading {
  return { resource, ok: true, grants };
}

export function failed(resource: ManagedResource, error: string): ResourceReading {
  return { resource, ok: false, error };
}

export function desiredOf(resources: ManagedResource[], grants: DesiredGrant[], expired: DesiredGrant[] = []): DesiredState {
  return { resources, grants, expired };
}
