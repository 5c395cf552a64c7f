import { PlatformError } from '../errors.js';
import type { ActualGrant, ManagedResource } from '../model/grants.js';
import type { ResourceKind } from '../model/kinds.js';
import type { Change } from '../model/plan.js';
import type { ApplyOutcome, CallCounts, PlatformAdapter } from './adapter.js';

/** What a platform with one kind of resource, named by one id per ref, brings to its adapter. */
export interface OneKindParts<Target> {
  /** Platform id, as `PlatformAdapter.id`. */
  id: string;
  /** How errors name a kind of another platform: "a LinkedIn kind". */
  kindWords: string;
  kinds: readonly ResourceKind[];
  calls: CallCounts;
  /** The platform's own id of the resource a ref names; throws a PlatformError for a ref it cannot be. */
  target(ref: string, operation: string): Target | Promise<Target>;
  /** The complete grant list of the resource, or throws. */
  list(target: Target, resource: ManagedResource): Promise<ActualGrant[]>;
  /** Carries out one change, idempotently. */
  apply(target: Target, change: Change): Promise<ApplyOutcome>;
}

/**
 * The adapter of such a platform: every call checks the kind and turns the ref into the
 * platform's id before the platform's own code runs, so that code never sees another kind.
 */
export function oneKindAdapter<Target>(parts: OneKindParts<Target>): PlatformAdapter {
  function check(kind: ResourceKind, operation: string): void {
    if (!parts.kinds.includes(kind)) throw new PlatformError(parts.id, operation, `resource kind ${kind} is not ${parts.kindWords}`);
  }
  return {
    id: parts.id,
    kinds: parts.kinds,
    calls: parts.calls,
    async list(resource) {
      check(resource.kind, 'list');
      return parts.list(await parts.target(resource.ref, 'list'), resource);
    },
    async apply(change) {
      check(change.kind, change.action);
      return parts.apply(await parts.target(change.resource, change.action), change);
    },
  };
}
