import type { DesiredState } from '../desire/expand.js';
import { endingWithin } from '../history/expiring.js';
import { entriesOf, grantsOf, type PersonEntry } from '../history/who.js';
import type { Repository } from '../load/types.js';
import type { DesiredGrant, ResourceReading, Side } from '../model/grants.js';
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

/** Grouped by client, each group in `items`' order. */
function byClient<T extends { client: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.client);
    if (group) group.push(item);
    else groups.set(item.client, [item]);
  }
  return groups;
}

/**
 * The declarations are listed once, not once per person, and each person's grants are looked
 * up among those of their own clients only: at 1,000 clients, a lookup over the whole agency
 * per person took longer than reading the platforms. Desired grants and resources are sorted
 * by client, so the grants of the person's clients, in sorted order, keep `desired`'s order.
 */
function outsidePeople(repository: Repository, desired: DesiredState, grants: ReadonlyMap<string, DesiredGrant[]>): OutsidePerson[] {
  const byEmail = new Map<string, PersonEntry[]>();
  for (const entry of entriesOf(repository)) {
    if (entry.side === 'agency') continue;
    const email = entry.email.toLowerCase();
    const entries = byEmail.get(email);
    if (entries) entries.push(entry);
    else byEmail.set(email, [entry]);
  }
  const resources = byClient(desired.resources);
  return [...byEmail]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([email, entries]) => {
      const clients = [...new Set(entries.map((entry) => entry.client))].sort();
      const own: DesiredState = {
        grants: clients.flatMap((client) => grants.get(client) ?? []),
        resources: clients.flatMap((client) => resources.get(client) ?? []),
        expired: [],
      };
      const reach = grantsOf(own, entries).current.map((grant): OutsideReach => {
        const entry: OutsideReach = { client: grant.client, resourceKey: grant.resourceKey, kind: grant.kind, resource: grant.resource, level: grant.level };
        if (grant.until !== undefined) entry.until = grant.until;
        return entry;
      });
      const side = entries[0]?.side ?? 'client';
      return { email, side, clients, reach };
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
  // Every client's matrix and every outside person look at their own clients' grants only.
  const grants = byClient(desired.grants);
  const ending = endingWithin(desired, today, window)
    .map(({ grant, until, daysLeft, resources }): EndingSoon => ({ client: grant.client, person: grant.person, until, daysLeft, resources }))
    .sort((a, b) => a.daysLeft - b.daysLeft || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
  return {
    today,
    status,
    matrices: repository.clients.map((client) => buildAccessMatrix(client, { grants: grants.get(client.data.client) ?? [] }, repository.guardrails)),
    outside: outsidePeople(repository, desired, grants),
    endingWindowDays: window,
    ending,
    requests: (plan.requests ?? []).filter((request) => request.status !== 'verified'),
    drift: driftOf(input.readings, plan),
    offboarded: [...(plan.watched ?? [])],
    emergencies: [...(plan.emergencies ?? [])],
  };
}
