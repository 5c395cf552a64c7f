import type { Logger } from 'pino';
import type { ConfigIssue } from './errors.js';
import type { DeclaredPerson, ResourceReading, Side } from './model/grants.js';
import type { Plan, Warning } from './model/plan.js';
import { loadRepository, type Repository } from './load/load.js';
import { expandDesired, type DesiredState } from './desire/expand.js';
import { principalOf } from './load/candidates.js';
import { deletedSince, describeOffboarding, type DeletedClient } from './desire/offboarding.js';
import { fingerprintChanges } from './plan/fingerprint.js';
import { withoutRefused } from './plan/refusals.js';
import { expiringSoon } from './history/expiring.js';
import { readActual, runAudits } from './read/read.js';
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
}

export interface PlanScope {
  /** Plan one client only; the whole-platform audit is skipped then. */
  client?: string;
  /** A git ref: client files deleted since it are offboarded (all grants on their resources revoked). */
  base?: string;
}

export interface PreparedPlan {
  repository: Repository;
  desired: DesiredState;
  readings: ResourceReading[];
  plan: Plan;
  /** Grants the platforms have on the resources read, the base of the mass-revocation share. */
  actualGrantCount: number;
  adapters: AdapterSet;
}

function toWarning(issue: ConfigIssue): Warning {
  return { message: `${issue.message} (${issue.rule})`, file: issue.file, line: issue.line, column: issue.column };
}

function restrictToClient(desired: DesiredState, client: string): DesiredState {
  return {
    resources: desired.resources.filter((resource) => resource.client === client),
    grants: desired.grants.filter((grant) => grant.client === client),
    expired: desired.expired.filter((grant) => grant.client === client),
  };
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
  // Verify-mode resources of the clients in scope: read like managed ones, never changed.
  const verified = desired.resources.filter((resource) => resource.mode === 'verify');
  const deleted: DeletedClient[] = scope.base ? await deletedSince(scope.base, repository, context.today) : [];
  const offboarded = deleted.filter((client) => !scope.client || client.client === scope.client);
  desired = { ...desired, resources: [...desired.resources, ...offboarded.flatMap((client) => client.resources)] };
  const adapters = new AdapterSet({ config: repository.platforms, env: context.env, logger: context.logger, cacheDir: context.cacheDir });
  const managed = desired.resources.filter((resource) => resource.mode === 'manage');
  const allReadings = await readActual([...managed, ...verified], adapters, {
    concurrency: context.concurrency,
    logger: context.logger,
    deadlineMs: context.readDeadlineMs,
  });
  const readings = allReadings.filter((reading) => reading.resource.mode === 'manage');
  const people = declaredPeople(repository);
  const findings = scope.client
    ? []
    : await runAudits(
        adapters.created(),
        {
          principals: new Set(people.keys()),
          resources: desired.resources,
          clientsOf: new Map([...people].map(([principal, person]) => [principal, person.clients])),
          clientDomains: new Map(repository.clients.map((loaded) => [loaded.data.client, loaded.data.domains])),
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
  });
  plan = withoutRefused(plan, (change) => adapters.created().find((adapter) => adapter.kinds.includes(change.kind))?.refuse?.(change));
  if (scope.base) {
    const { changes, offboarding } = describeOffboarding(plan.changes, offboarded);
    plan = { ...plan, changes, offboarding, fingerprint: fingerprintChanges(changes) };
  }
  plan = attachRequests(plan, {
    desired,
    resources: verified,
    readings: allReadings,
    today: context.today,
    personalDomains: repository.guardrails.personalDomains,
    agencyDomains: repository.guardrails.agencyDomains,
    clientDomains: new Map(repository.clients.map((loaded) => [loaded.data.client, loaded.data.domains])),
    people,
  });
  const actualGrantCount = readings.reduce((sum, reading) => sum + (reading.ok ? reading.grants.length : 0), 0);
  return { repository, desired, readings, plan, actualGrantCount, adapters };
}
