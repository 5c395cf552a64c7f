import type { DesiredState } from '../desire/expand.js';
import { daysBetween } from '../clock.js';
import { domainOf } from '../load/sides.js';
import type { ActualGrant, DeclaredPerson, DesiredGrant, ManagedResource, ResourceReading } from '../model/grants.js';
import { levelRank } from '../model/kinds.js';
import type { AccessRequest, RequestStatus } from '../model/plan.js';
import { compareText, resourceKey } from '../plan/order.js';
import { sourceOf } from '../plan/reasons.js';
import { accountLabel, levelLabel, platformSteps, type StepAction } from './steps.js';

/** What the planner needs beyond desired and actual state to judge access it did not ask for. */
export interface RequestOptions {
  /** guardrails.personalDomains: an address there never keeps access it was not given. */
  personalDomains?: readonly string[];
  /** guardrails.agencyDomains: an agency address on a client's account needs a declaration. */
  agencyDomains?: readonly string[];
  /**
   * Each client's own e-mail domains. Their own people on their own account are the client's
   * business, so undeclared access from those domains is not questioned.
   */
  clientDomains?: ReadonlyMap<string, readonly string[]>;
  /** Every declared identity with its side and clients, to name another client's person as such. */
  people?: ReadonlyMap<string, DeclaredPerson>;
}

type ByPrincipal = Map<string, DesiredGrant>;

function index(grants: readonly DesiredGrant[]): Map<string, ByPrincipal> {
  const byResource = new Map<string, ByPrincipal>();
  for (const grant of grants) {
    const key = resourceKey(grant.kind, grant.resource);
    const entry = byResource.get(key) ?? new Map<string, DesiredGrant>();
    entry.set(grant.principal, grant);
    byResource.set(key, entry);
  }
  return byResource;
}

/** How a person is named to the client: LinkedIn URNs mean nothing to a person, so the name comes first. */
function whoOf(principal: string, person: string | undefined): string {
  return principal.startsWith('urn:') && person ? `${person} (${principal})` : principal;
}

function ageOf(createdAt: string | undefined, today: string): number | undefined {
  if (!createdAt || Number.isNaN(Date.parse(createdAt))) return undefined;
  return Math.max(0, daysBetween(createdAt.slice(0, 10), today));
}

function ago(days: number | undefined): string {
  if (days === undefined) return '';
  if (days === 0) return ' (sent today)';
  return ` (sent ${days} day${days === 1 ? '' : 's'} ago)`;
}

interface Judgement {
  status: RequestStatus;
  action?: StepAction;
  ask: string;
  reason: string;
}

/** A declared grant against what the platform shows for that principal. */
function judgeWanted(grant: DesiredGrant, actual: ActualGrant | undefined, account: string, who: string, days: number | undefined): Judgement {
  const { kind, level } = grant;
  const wanted = levelLabel(kind, level);
  const source = sourceOf(grant);
  if (!actual) return { status: 'missing', action: 'add', ask: `give ${who} ${wanted} on ${account}`, reason: source };
  if (actual.pending?.expired) {
    return { status: 'expired', action: 'reinvite', ask: `the invitation for ${who} to ${account} expired${ago(days)}: send it again with ${wanted}`, reason: source };
  }
  if (actual.level === level && actual.pending) {
    return { status: 'pending', action: 'accept', ask: `waiting for ${who} to accept the invitation to ${account}${ago(days)}`, reason: source };
  }
  if (actual.level === level) return { status: 'verified', ask: `${account}: ${who} has ${wanted}`, reason: source };
  const direction = levelRank(kind, actual.level) < levelRank(kind, level) ? 'too low' : 'too high';
  const reason = `${actual.level} is ${direction}: ${source} asks for ${level}`;
  if (actual.pending) {
    return { status: 'wrong-level', action: 'reinvite', ask: `invite ${who} again with ${wanted} on ${account}: the open invitation is for ${actual.level}`, reason };
  }
  return { status: 'wrong-level', action: 'change', ask: `change ${who} from ${actual.level} to ${wanted} on ${account}`, reason };
}

/** Why access nobody asked for has to go; undefined when it is the client's own business. */
function unexpectedReason(resource: ManagedResource, principal: string, ended: DesiredGrant | undefined, options: RequestOptions): string | undefined {
  if (ended?.until) {
    const [first] = ended.because;
    return first ? `access ended ${ended.until} (${first.file}:${first.line})` : `access ended ${ended.until}`;
  }
  const email = principal.includes('@') ? principal : undefined;
  const domain = email ? domainOf(email) : undefined;
  if (domain && (options.personalDomains ?? []).includes(domain)) return `${domain} is a personal mail domain: access goes to work addresses only`;
  const person = options.people?.get(principal);
  if (person?.side === 'agency' && person.clients.length > 0 && !person.clients.includes(resource.client)) {
    return `agency person no longer declared for ${resource.client} (still on ${person.clients.join(', ')})`;
  }
  if (person && person.side !== 'agency' && !person.clients.includes(resource.client)) {
    return `declared for ${person.clients.join(', ')} only, not for ${resource.client}: another client's person on this account`;
  }
  if (person?.side === 'client' || (domain && (options.clientDomains?.get(resource.client) ?? []).includes(domain))) return undefined;
  if (person) return `an agency person ${resource.at.file} does not give access to ${resource.key}`;
  if (domain && (options.agencyDomains ?? []).includes(domain)) return `an agency address no client file declares`;
  return `not in ${resource.at.file}: remove unless they are one of your own people`;
}

function item(resource: ManagedResource, principal: string, person: string | undefined, judgement: Judgement, wanted: string | null, actual: ActualGrant | undefined, today: string): AccessRequest {
  const since = actual?.pending?.createdAt;
  const request: AccessRequest = {
    client: resource.client,
    kind: resource.kind,
    resource: resource.ref,
    key: resource.key,
    principal,
    wanted,
    actual: actual?.level ?? null,
    status: judgement.status,
    ask: judgement.ask,
    reason: judgement.reason,
    steps: judgement.action
      ? platformSteps({ action: judgement.action, kind: resource.kind, ref: resource.ref, who: whoOf(principal, person), level: wanted ?? undefined })
      : [],
  };
  if (person !== undefined) request.person = person;
  if (actual?.pending) request.pending = actual.pending;
  if (since !== undefined) {
    request.since = since;
    const days = ageOf(since, today);
    if (days !== undefined) request.ageDays = days;
  }
  return request;
}

function compareRequests(a: AccessRequest, b: AccessRequest): number {
  return compareText(a.client, b.client) || compareText(a.kind, b.kind) || compareText(a.resource, b.resource) || compareText(a.principal, b.principal);
}

/**
 * Pure: for every verify-mode resource that was read, what the client has to do so the
 * platform matches the repository (missing grant, wrong level, invitation to resend or
 * cancel, access to remove) and what is already verified. Unread resources make no claim:
 * they get no item at all (the caller reports them as not verified). The platform's owner
 * and grants that come from elsewhere are never questioned. Sorted by client, kind,
 * resource, principal.
 */
export function planRequests(desired: DesiredState, readings: readonly ResourceReading[], today: string, options: RequestOptions = {}): AccessRequest[] {
  const wantedIndex = index(desired.grants);
  const endedIndex = index(desired.expired);
  const seen = new Set<string>();
  const requests: AccessRequest[] = [];
  for (const reading of readings) {
    const { resource } = reading;
    const key = resourceKey(resource.kind, resource.ref);
    if (resource.mode !== 'verify' || !reading.ok || seen.has(key)) continue;
    seen.add(key);
    const account = accountLabel(resource.kind, resource.ref);
    const wanted = wantedIndex.get(key) ?? new Map<string, DesiredGrant>();
    const ended = endedIndex.get(key);
    const actual = new Map(reading.grants.map((grant) => [grant.principal, grant]));
    for (const grant of wanted.values()) {
      const found = actual.get(grant.principal);
      const who = whoOf(grant.principal, grant.person);
      const judgement = judgeWanted(grant, found, account, who, ageOf(found?.pending?.createdAt, today));
      requests.push(item(resource, grant.principal, grant.person, judgement, grant.level, found, today));
    }
    for (const grant of reading.grants) {
      if (wanted.has(grant.principal) || grant.owner || grant.inheritedFrom !== undefined) continue;
      const endedGrant = ended?.get(grant.principal);
      const reason = unexpectedReason(resource, grant.principal, endedGrant, options);
      if (reason === undefined) continue;
      const who = whoOf(grant.principal, endedGrant?.person);
      const ask = grant.pending ? `cancel the invitation to ${who} for ${account}` : `remove ${who} (${grant.level}) from ${account}`;
      const judgement: Judgement = { status: 'unexpected', action: grant.pending ? 'cancel' : 'remove', ask, reason };
      requests.push(item(resource, grant.principal, endedGrant?.person, judgement, null, grant, today));
    }
  }
  return requests.sort(compareRequests);
}

/** Items someone still has to act on: everything but `verified`. */
export function openRequests(requests: readonly AccessRequest[] | undefined): AccessRequest[] {
  return (requests ?? []).filter((request) => request.status !== 'verified');
}
