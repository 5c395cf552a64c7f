import type { Logger } from 'pino';
import type { ActualGrant, ManagedResource } from '../model/grants.js';
import type { ResourceKind } from '../model/kinds.js';
import type { Change, Finding } from '../model/plan.js';
import type { PlatformsConfig } from '../load/model.js';

/** What an adapter gets to build itself: configuration, environment, a logger. */
export interface PlatformContext {
  /** `policies/platforms.yaml`, validated. */
  config: PlatformsConfig;
  /** Base URLs and credentials come from here, never from the repository. */
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

/** How one change ended on the platform. */
export interface ApplyOutcome {
  /** `unchanged` when the platform already had the change (a re-run after a crash). */
  status: 'applied' | 'unchanged';
  /** Short note for the report, e.g. "invitation sent". Never contains a secret. */
  detail?: string;
}

/** API requests sent, retries included. */
export interface CallCounts {
  /** Requests that only read (GET, HEAD, GraphQL queries, Slack's read methods). */
  reads: number;
  /** Requests that change something. */
  writes: number;
}

/** Everything the repository declares, for whole-platform audits. */
export interface AuditInput {
  /** Every principal declared by any client, lower-cased. */
  principals: ReadonlySet<string>;
  resources: readonly ManagedResource[];
}

/**
 * One platform behind one small contract: read a resource's grants, carry out a change.
 * Dry-run is not a concern of adapters: a plan that is not applied never reaches `apply`.
 */
export interface PlatformAdapter {
  /** Stable id, as in `policies/platforms.yaml` and error messages: `github`, `google`, `slack`. */
  readonly id: string;
  /** Resource kinds this adapter reconciles. */
  readonly kinds: readonly ResourceKind[];
  /**
   * Lists every grant on one resource, pending invitations included, with one paged list per
   * resource. Returns the complete list or throws a PlatformError: never a partial list.
   */
  list(resource: ManagedResource): Promise<ActualGrant[]>;
  /**
   * Carries out one change. Idempotent: a change the platform already reflects resolves
   * with `unchanged`. Throws a PlatformError on failure.
   */
  apply(change: Change): Promise<ApplyOutcome>;
  /** Optional: drift outside the managed resources (e.g. undeclared outside collaborators). */
  audit?(input: AuditInput): Promise<Finding[]>;
  /**
   * Optional: why the platform would refuse a planned change, known from the resource's
   * reading (a level its type does not have); undefined when it would not. Such a change is
   * not planned and its resource is reported unread with the reason.
   */
  refuse?(change: Change): string | undefined;
  /** Optional: API calls made so far, by operation, for the benchmark and the demo. */
  readonly calls?: CallCounts;
}

/** Builds an adapter; throws a PlatformError naming the missing variable when a credential is absent. */
export interface AdapterFactory {
  readonly id: string;
  readonly kinds: readonly ResourceKind[];
  create(context: PlatformContext): PlatformAdapter;
}
