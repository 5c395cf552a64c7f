import type { Logger } from 'pino';
import type { ConfigIssue } from './errors.js';
import type { DeclaredPerson, ResourceReading, Side } from './model/grants.js';
import type { InvalidBase, LastApply, Plan, Warning } from './model/plan.js';
import { loadRepository, type Repository } from './load/load.js';
import { expandDesired, type DesiredState } from './desire/expand.js';
import { principalOf } from './load/candidates.js';
import { deletedSince, describeOffboarding, InvalidBaseError, type DeletedClient } from './desire/offboarding.js';
import { describeLeavers } from './desire/leavers.js';
import { readsClient, restrictToScope, scopeOfChanges, summariseScope, usesByClient, type ReadScope } from './desire/scope.js';
import { changesSince } from './delegation/git-changes.js';
import { GitError } from './git.js';
import { fingerprintChanges } from './plan/fingerprint.js';
import { withoutRefused } from './plan/refusals.js';
import { expiringSoon } from './history/expiring.js';
import { emergencyRecords, standingEmergencies } from './history/emergency.js';
import type { AuditRecord } from './history/audit-log.js';
import { mergeAuditTexts, readAuditTexts, type AuditText } from './history/audit-trail-read.js';
import { failedAttempts } from './history/last-apply.js';
import { scrubSecrets, secretValues } from './log.js';
import { changeKey } from './plan/change-key.js';
import { watchedClients, type WatchedClient } from './history/offboarded.js';
import { describeWatch } from './plan/watch.js';
import type { ReadProgressListener } from './read/progress.js';
import { readActual, runAudits } from './read/read.js';
import { checkNewPrincipals } from './read/principals.js';
import { makePlan } from './plan/plan.js';
import { sideOf } from './load/sides.js';
import { IDENTITY_FIELDS } from './platforms/kinds.js';
import { AdapterSet } from './platforms/registry.js';
import { attachRequests } from './verify/attach.js';

/** Everything one run needs from outside: where the repository is, the date, the environment. */
export interface RunContext {
  dir: string;
  today: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** List calls and resource applies at once, per platform. */
  concurrency: number;
  /** Reads still pending this long after they began are given up as unread (0: no deadline). */
  readDeadlineMs?: number;
  /** Answers kept between runs for conditional reads (`--cache-dir`, `LATCH_CACHE_DIR`); none when unset. */
  cacheDir?: string;
  /** Told how far the platform reads are; a person's terminal draws it. */
  progress?: ReadProgressListener;
}

export interface PlanScope {
  /** Plan one client only; the whole-platform audit is skipped then. */
  client?: string;
  /** A git ref: client files deleted since it are offboarded (all grants on their resources revoked). */
  base?: string;
  /**
   * What to read: `changed` reads what the files changed since `base` can affect (audits are
   * skipped unless that is everything); a ReadScope reads exactly that (the base's plan
   * compared with the head's). Absent: everything.
   */
  read?: 'changed' | ReadScope;
  /** Audit records (JSON Lines) read along with the clone's audit branch: emergency revocations, applied offboardings. */
  auditLog?: string;
  /** Read the resources of recently offboarded clients (default: when no client is chosen). */
  watch?: boolean;
  /**
   * The audit trail that tells which planned changes failed at the last apply, or why it could
   * not be read (the Action reads the branch through the API). Absent: the clone's audit branch and `auditLog`.
   */
  trail?: AuditText[] | { unreadable: string };
}

export interface PreparedPlan {
  repository: Repository;
  desired: DesiredState;
  readings: ResourceReading[];
  plan: Plan;
  /** Grants the platforms have on the resources read, the base of the mass-revocation share. */
  actualGrantCount: number;
  adapters: AdapterSet;
  /** What was read, when the plan was limited (PlanScope.read). */
  read?: ReadScope;
}

function toWarning(issue: ConfigIssue): Warning {
  return { message: `${issue.message} (${issue.rule})`, file: issue.file, line: issue.line, column: issue.column };
}

function restrictToClient(desired: DesiredState, client: string): DesiredState {
  return restrictToScope(desired, { everything: false, clients: [client], platforms: [], reasons: [] });
}

/** Every identity any client file declares (logins and e-mails, lower-cased), with its side and clients. */
function declaredPeople(repository: Repository): Map<string, DeclaredPerson> {
  const clients = new Map<string, Set<string>>();
  const sides = new Map<string, Side>();
  for (const loaded of repository.clients) {
    for (const person of Object.values(loaded.data.people)) {
      const side = sideOf(person.email, repository.guardrails);
      for (const field of IDENTITY_FIELDS) {
        const principal = principalOf(field, person[field]);
        if (!principal) continue;
        sides.set(principal, side);
        clients.set(principal, (clients.get(principal) ?? new Set()).add(loaded.data.client));
      }
    }
  }
  return new Map([...sides].map(([principal, side]) => [principal, { side, clients: [...(clients.get(principal) ?? [])].sort() }]));
}

/**
 * What a plan against `base` has to read: the scope of the files changed since then. When
 * git cannot tell what changed (a base that is not fetched), the answer is everything, with
 * why: a plan never reads less than the change can affect.
 */
export async function changedScope(head: Repository, base: string): Promise<ReadScope> {
  try {
    return scopeOfChanges(await changesSince(head.dir, base), usesByClient(head.clients));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return { everything: true, clients: [], platforms: [], reasons: [`what changed since ${base} cannot be told (${error.message}): every client is read`] };
  }
}

async function readScopeOf(repository: Repository, scope: PlanScope): Promise<ReadScope | undefined> {
  if (scope.read !== 'changed') return scope.read;
  if (!scope.base) throw new Error('reading only what changed needs the base the change is made against');
  return changedScope(repository, scope.base);
}

interface Lifecycle {
  /** Clients deleted since the base, in the plan's scope: all grants on their resources are revoked. */
  offboarded: DeletedClient[];
  /** Clients offboarded earlier and still watched for access that comes back. */
  watched: WatchedClient[];
  records: AuditRecord[];
  /** The audit texts the records came from. */
  trail: AuditText[];
  /** Why nothing is offboarded: the base's files do not validate. */
  invalidBase?: InvalidBase;
}

/** Clients deleted since the base; none, and why, when the base's files do not validate: a pull request fixing them must still be planned. */
async function offboardedSince(scope: PlanScope, repository: Repository, today: string): Promise<{ deleted: DeletedClient[]; invalidBase?: InvalidBase }> {
  if (!scope.base) return { deleted: [] };
  try {
    return { deleted: await deletedSince(scope.base, repository, today) };
  } catch (error) {
    if (!(error instanceof InvalidBaseError)) throw error;
    const [first] = error.issues;
    const invalidBase = { base: scope.base, file: first?.file ?? '', line: first?.line ?? 0, message: first?.message ?? error.message, errors: error.issues.length };
    return { deleted: [], invalidBase };
  }
}

/** The history a plan reads from git before the platforms: offboardings since the base, watched clients, audit records. */
async function lifecycleOf(context: RunContext, repository: Repository, scope: PlanScope, read: ReadScope | undefined): Promise<Lifecycle> {
  const { deleted, invalidBase } = await offboardedSince(scope, repository, context.today);
  const offboarded = deleted.filter((client) => (!scope.client || client.client === scope.client) && (!read || readsClient(read, client.client)));
  const trail = await readAuditTexts(context.dir, scope.auditLog);
  const records = mergeAuditTexts(trail).log.records;
  // Like the audits, the watch of offboarded clients is the whole-agency runs' business.
  if (!(scope.watch ?? (!scope.client && (!read || read.everything)))) return { offboarded, watched: [], records, trail, invalidBase };
  const offboardedNow = new Set(offboarded.map((client) => client.client));
  const watched = await watchedClients(repository, { today: context.today, watchDays: repository.guardrails.offboarding.watchDays, records });
  return { offboarded, watched: watched.filter((client) => !offboardedNow.has(client.client)), records, trail, invalidBase };
}

/** Names why each revocation of an offboarded, leaving or watched client's access is made, and counts them. */
function describeLifecycle(plan: Plan, lifecycle: Lifecycle, desired: DesiredState, scope: PlanScope, today: string): Plan {
  let described = plan;
  if (scope.base) {
    const { changes, offboarding } = describeOffboarding(described.changes, lifecycle.offboarded);
    described = { ...described, changes, offboarding, fingerprint: fingerprintChanges(changes) };
  }
  if (desired.departures) {
    const offboardedClients = new Set(lifecycle.offboarded.map((client) => client.client));
    const { changes, leavers } = describeLeavers(described.changes, desired.departures, today, offboardedClients);
    if (leavers.length > 0) described = { ...described, changes, leavers, fingerprint: fingerprintChanges(changes) };
  }
  if (lifecycle.invalidBase) described = { ...described, invalidBase: lifecycle.invalidBase };
  return describeWatch(described, lifecycle.watched, today);
}

/**
 * The planned changes whose newest attempt failed, matched on what they do (changeKey): the
 * same change planned again is likely to fail the same way. Undefined when there is nothing to say.
 */
function lastApplyOf(plan: Plan, trail: AuditText[] | { unreadable: string }, env: NodeJS.ProcessEnv): LastApply | undefined {
  if (!Array.isArray(trail)) return { failed: [], unreadable: trail.unreadable };
  const failedByKey = new Map(failedAttempts(trail).map((attempt) => [changeKey(attempt.change), attempt]));
  const secrets = secretValues(env);
  const failed = plan.changes.flatMap((change) => {
    const attempt = failedByKey.get(changeKey(change));
    return attempt ? [{ change, at: attempt.at, pr: attempt.pr, detail: scrubSecrets(attempt.detail, secrets) }] : [];
  });
  return failed.length > 0 ? { failed } : undefined;
}

/** Load, desire, read, plan: the read-only half of the flow, shared by plan, drift, apply and the Action. */
export async function preparePlan(context: RunContext, scope: PlanScope = {}): Promise<PreparedPlan> {
  const { repository, warnings } = await loadRepository(context.dir, { today: context.today });
  let desired = expandDesired(repository, context.today);
  if (scope.client) {
    if (!repository.clients.some((loaded) => loaded.data.client === scope.client)) {
      throw new Error(`no client "${scope.client}" in clients/; known clients: ${repository.clients.map((c) => c.data.client).join(', ')}`);
    }
    desired = restrictToClient(desired, scope.client);
  }
  const read = await readScopeOf(repository, scope);
  if (read) desired = restrictToScope(desired, read);
  // Verify-mode resources of the clients in scope: read like managed ones, never changed.
  const verified = desired.resources.filter((resource) => resource.mode === 'verify');
  const lifecycle = await lifecycleOf(context, repository, scope, read);
  desired = { ...desired, resources: [...desired.resources, ...[...lifecycle.offboarded, ...lifecycle.watched].flatMap((client) => client.resources)] };
  const adapters = new AdapterSet({ config: repository.platforms, env: context.env, logger: context.logger, cacheDir: context.cacheDir });
  const managed = desired.resources.filter((resource) => resource.mode === 'manage');
  const allReadings = await readActual([...managed, ...verified], adapters, {
    concurrency: context.concurrency,
    logger: context.logger,
    deadlineMs: context.readDeadlineMs,
    onProgress: context.progress,
  });
  const readings = allReadings.filter((reading) => reading.resource.mode === 'manage');
  const people = declaredPeople(repository);
  const clientDomains = new Map(repository.clients.map((loaded) => [loaded.data.client, loaded.data.domains]));
  const findings = scope.client || (read && !read.everything)
    ? []
    : await runAudits(
        adapters.created(),
        {
          principals: new Set(people.keys()),
          resources: desired.resources,
          clientsOf: new Map([...people].map(([principal, person]) => [principal, person.clients])),
          clientDomains,
        },
        context.logger,
      );
  let plan = makePlan({
    desired,
    readings,
    neverTouch: repository.guardrails.neverTouch,
    people,
    findings,
    warnings: [...warnings.map(toWarning), ...expiringSoon(desired, context.today, repository.guardrails.expiryWarningDays)],
    emergencies: await standingEmergencies(context.dir, emergencyRecords(lifecycle.records)),
  });
  plan = withoutRefused(plan, (change) => adapters.created().find((adapter) => adapter.kinds.includes(change.kind))?.refuse?.(change));
  plan = describeLifecycle(plan, lifecycle, desired, scope, context.today);
  const lastApply = lastApplyOf(plan, scope.trail ?? lifecycle.trail, context.env);
  if (lastApply) plan = { ...plan, lastApply };
  plan = attachRequests(plan, {
    desired,
    resources: verified,
    readings: allReadings,
    today: context.today,
    personalDomains: repository.guardrails.personalDomains,
    agencyDomains: repository.guardrails.agencyDomains,
    clientDomains,
    people,
  });
  // After the plan, so that only principals of grants it keeps are asked about.
  plan = { ...plan, ...(await checkNewPrincipals(plan.changes, allReadings, adapters, context.logger)) };
  if (read && scope.base) {
    const clients = [...repository.clients.map((loaded) => loaded.data.client), ...lifecycle.offboarded.map((client) => client.client)];
    plan = { ...plan, scope: summariseScope(read, scope.base, clients, [...managed, ...verified]) };
  }
  const actualGrantCount = readings.reduce((sum, reading) => sum + (reading.ok ? reading.grants.length : 0), 0);
  return { repository, desired, readings, plan, actualGrantCount, adapters, read };
}
