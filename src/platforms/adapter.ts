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
  /** Where answers are kept between runs for conditional reads (`--cache-dir`); none when unset. */
  cacheDir?: string;
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

/** What a platform says of one principal: it has an account, it has none, or it could not be asked (the reason). */
export type PrincipalCheck = { status: 'exists' } | { status: 'unknown'; message: string } | { status: 'unchecked'; error: string };

/** Everything the repository declares, for whole-platform audits. */
export interface AuditInput {
  /** Every principal declared by any client, lower-cased. */
  principals: ReadonlySet<string>;
  resources: readonly ManagedResource[];
  /** The clients that declare each principal (lower-cased), when the run knows them. */
  clientsOf?: ReadonlyMap<string, readonly string[]>;
  /** Each client's own e-mail domains, when the run knows them. */
  clientDomains?: ReadonlyMap<string, readonly string[]>;
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
   * Optional: called once with the platform's resources before any `list`, to check that the
   * read fits the platform's quotas and to read ahead. Throws a PlatformError when the read
   * should not start; every one of these resources is then reported unread with its message.
   */
  prepare?(resources: readonly ManagedResource[]): Promise<void>;
  /**
   * Carries out one change. Idempotent: a change the platform already reflects resolves
   * with `unchanged`. Throws a PlatformError on failure.
   */
  apply(change: Change): Promise<ApplyOutcome>;
  /**
   * Optional: whether each principal has an account on the platform, for principals the plan
   * would grant to that no reading shows. Principals the platform cannot look up (an e-mail
   * where it knows logins) are left out of the map. Never throws for one principal's failed
   * call: that principal is `unchecked`. Each principal is asked about at most once per run.
   */
  resolvePrincipals?(principals: readonly string[]): Promise<Map<string, PrincipalCheck>>;
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

/** A resource a platform shows, before Latch knows which client it belongs to. */
export interface Discovered {
  /** Resource kind. */
  kind: ResourceKind;
  /** The platform's reference, as a client file writes it (`org/repo`, `org/team`). */
  ref: string;
  /** The name clients are told apart by (`apex-web`): the repository name or team slug. */
  name: string;
}

/** What one platform contributes to `latch import`: its resources, and e-mails for its logins. */
export interface PlatformImporter {
  /** Every resource of the platform's scope (`policies/platforms.yaml`), complete or throws. */
  discover(context: PlatformContext): Promise<Discovered[]>;
  /** E-mail addresses the platform publishes for some principals; the others are missing from the map. */
  emails(context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>>;
  /** One line for the report: where the resources came from. */
  describe(context: PlatformContext): string;
}

/** Builds an adapter; throws a PlatformError naming the missing variable when a credential is absent. */
export interface AdapterFactory {
  /** Platform id, as `policies/platforms.yaml` and `--platform` name it. */
  readonly id: string;
  /** The kinds of the platform's `kinds.ts`. */
  readonly kinds: readonly ResourceKind[];
  create(context: PlatformContext): PlatformAdapter;
  /** Optional: how `latch import` discovers the platform's resources; without it the platform cannot be imported from. */
  readonly importer?: PlatformImporter;
}
