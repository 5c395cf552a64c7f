import type { DesiredState } from '../desire/expand.js';
import { endingWithin } from '../history/expiring.js';
import { findPerson, grantsOf } from '../history/who.js';
import { sideOf } from '../load/sides.js';
import type { Repository } from '../load/types.js';
import type { ResourceReading, Side } from '../model/grants.js';
import type { EmergencyRevocation, OffboardedWatch } from '../model/lifecycle.js';
import type { AccessRequest, Change, Finding, Plan, Unread } from '../model/plan.js';
import { classifyClients, type StatusReport } from '../status/classify.js';
import type { FailedApply } from '../status/failures.js';
import { buildAccessMatrix, type AccessMatrix } from './access.js';

/** One thing an outside person can reach, by the repository. */
export interface OutsideReach {
  client: string;
  /** The resource's name in the client file. */
  resourceKey: string;
  kind: string;
  resource: string;
  level: string;
  until?: string;
}

/** A person not of the agency (a client's person, a freelancer), and everything they reach. */
export interface OutsidePerson {
  email: string;
  side: Side;
  /** Client slugs whose files declare them. */
  clients: string[];
  reach: OutsideReach[];
}

/** Access ending within the repository's warning window. */
export interface EndingSoon {
  client: string;
  person: string;
  until: string;
  daysLeft: number;
  /** "kind resource (level)", one per resource. */
  resources: string[];
}

/**
 * What the platforms showed against the repository when the page was made. `not-read`: no
 * resource could be read (no credentials, or nothing reachable), so the page claims no drift
 * either way; `partial`: some were read, and `unread` says which were not.
 */
export interface DriftSnapshot {
  state: 'read' | 'partial' | 'not-read';
  /** Resources the run tried to read. */
  resources: number;
  changes: Change[];
  findings: Finding[];
  unread: Unread[];
}

/** Everything the report page shows; the renderer adds nothing but markup. */
export interface ReportModel {
  /** YYYY-MM-DD the page is for. */
  today: string;
  status: StatusReport;
  /** One matrix per client, in the status order. */
  matrices: AccessMatrix[];
  outside: OutsidePerson[];
  /** Days ahead `ending` looks. */
  endingWindowDays: number;
  ending: EndingSoon[];
  /** Access requests someone still has to act on (not verified). */
  requests: AccessRequest[];
  drift: DriftSnapshot;
  offboarded: OffboardedWatch[];
  emergencies: EmergencyRevocation[];
}

export interface ReportInput {
  repository: Repository;
  desired: DesiredState;
  readings: readonly ResourceReading[];
  plan: Plan;
  today: string;
  failures?: readonly FailedApply[];
}

function outsidePeople(repository: Repository, desired: DesiredState): OutsidePerson[] {
  const emails = new Map<string, Side>();
  for (const loaded of repository.clients) {
    for (const person of Object.values(loaded.data.people)) {
      const side = sideOf(person.email, repository.guardrails);
      if (side !== 'agency') emails.set(person.email.toLowerCase(), side);
    }
  }
  return [...emails]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([email, side]) => {
      const entries = findPerson(repository, email);
      const reach = grantsOf(desired, entries).current.map((grant): OutsideReach => {
        const entry: OutsideReach = { client: grant.client, resourceKey: grant.resourceKey, kind: grant.kind, resource: grant.resource, level: grant.level };
        if (grant.until !== undefined) entry.until = grant.until;
        return entry;
      });
      return { email, side, clients: [...new Set(entries.map((entry) => entry.client))].sort(), reach };
    });
}

function driftOf(readings: readonly ResourceReading[], plan: Plan): DriftSnapshot {
  const read = readings.filter((reading) => reading.ok).length;
  const state = readings.length > 0 && read === 0 ? 'not-read' : plan.unread.length > 0 ? 'partial' : 'read';
  return { state, resources: readings.length, changes: plan.changes, findings: plan.findings, unread: plan.unread };
}

/** Pure. The report page's model from one prepared plan: the data `status`, `access`, `who` and `request` show. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { repository, desired, plan, today } = input;
  const status = classifyClients({ repository, desired, readings: input.readings, plan, today, failures: input.failures });
  const window = repository.guardrails.expiryWarningDays;
  const ending = endingWithin(desired, today, window)
    .map(({ grant, until, daysLeft, resources }): EndingSoon => ({ client: grant.client, person: grant.person, until, daysLeft, resources }))
    .sort((a, b) => a.daysLeft - b.daysLeft || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
  return {
    today,
    status,
    matrices: repository.clients.map((client) => buildAccessMatrix(client, desired, repository.guardrails)),
    outside: outsidePeople(repository, desired),
    endingWindowDays: window,
    ending,
    requests: (plan.requests ?? []).filter((request) => request.status !== 'verified'),
    drift: driftOf(input.readings, plan),
    offboarded: [...(plan.watched ?? [])],
    emergencies: [...(plan.emergencies ?? [])],
  };
}
