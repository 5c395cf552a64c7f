import type { DesiredState } from '../../src/desire/expand.js';
import type { ActualGrant, DesiredGrant, ManagedResource, ResourceReading, Trace } from '../../src/model/grants.js';
import type { Level, ResourceKind } from '../../src/model/kinds.js';
import type { Change } from '../../src/model/plan.js';

export const WEB: ManagedResource = {
  client: 'apex',
  key: 'web',
  kind: 'github-repo',
  ref: 'acme/web',
  mode: 'manage',
  audience: 'any',
  at: { file: 'clients/apex.yaml', line: 6, column: 3 },
};

export function resource(key: string, kind: ResourceKind, ref: string, overrides: Partial<ManagedResource> = {}): ManagedResource {
  return { ...WEB, key, kind, ref, ...overrides };
}

export function role(name: string, line: number): Trace {
  return { source: 'role', role: name, file: 'clients/apex.yaml', line, column: 40 };
}

export function explicit(line: number, why?: string): Trace {
  return { source: 'grant', file: 'clients/apex.yaml', line, column: 5, ...(why ? { why } : {}) };
}

/** A desired grant of `on` (WEB by default), traced to a role at line 14 unless told otherwise. */
export function want(principal: string, level: Level, extra: Partial<DesiredGrant> & { on?: ManagedResource } = {}): DesiredGrant {
  const { on = WEB, ...rest } = extra;
  return {
    client: on.client,
    kind: on.kind,
    resource: on.ref,
    principal,
    person: principal.split(/[-@]/)[0] ?? principal,
    side: principal.includes('acme') ? 'agency' : 'client',
    level,
    because: [role('agency-lead', 14)],
    ...rest,
  };
}

export function has(principal: string, level: Level, extra: Partial<ActualGrant> = {}): ActualGrant {
  return { principal, level, ...extra };
}

export function state(grants: DesiredGrant[], options: { expired?: DesiredGrant[]; resources?: ManagedResource[] } = {}): DesiredState {
  return { resources: options.resources ?? [WEB], grants, expired: options.expired ?? [] };
}

export function read(on: ManagedResource, grants: ActualGrant[]): ResourceReading {
  return { resource: on, ok: true, grants };
}

/** "update dana admin->push": the part of a change every table compares. */
export function brief(change: Change): string {
  return `${change.action} ${change.principal} ${change.from ?? 'null'}->${change.to ?? 'null'}`;
}
