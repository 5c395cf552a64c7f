import type { ActualGrant, DeclaredPerson, DesiredGrant, ManagedResource } from '../model/grants.js';
import { levelRank, type Level } from '../model/kinds.js';
import type { Change, Warning } from '../model/plan.js';
import { resentReason, revokeReason, sourceOf, updateReason } from './reasons.js';

/** What the repository says about one resource, indexed by principal. */
export interface ResourceDesire {
  /** Live desired grants of the resource, by principal. */
  desired: ReadonlyMap<string, DesiredGrant>;
  /** Expired desired grants of the resource, by principal: their reason for a revocation. */
  expired: ReadonlyMap<string, DesiredGrant>;
  /** False when no client file declares the resource any more (offboarding). */
  declared: boolean;
  /** Every declared identity: its side labels revocations, its clients explain them. */
  people: ReadonlyMap<string, DeclaredPerson>;
}

/** One principal of a resource: what the platform has, and the change planned for it. */
export interface PrincipalOutcome {
  /** Login or e-mail, lower-cased. */
  principal: string;
  /** Every actual grant of the principal on the resource. */
  actuals: ActualGrant[];
  /** The direct grant the change replaces or removes, when there is one. */
  primary?: ActualGrant;
  change?: Change;
}

export interface ResourcePlan {
  /** One entry per principal the platform has or the repository declares. */
  outcomes: PrincipalOutcome[];
  /** Access Latch may not change here (inherited, owned), with where to change it. */
  warnings: Warning[];
}

interface Context {
  resource: ManagedResource;
  desire: ResourceDesire;
  warnings: Warning[];
}

function rank(context: Context, level: Level): number {
  return levelRank(context.resource.kind, level);
}

function warn(context: Context, message: string, grant?: DesiredGrant): void {
  const [trace] = grant?.because ?? [];
  context.warnings.push(trace ? { message, file: trace.file, line: trace.line, column: trace.column } : { message });
}

/** Fields every change of this principal shares; optional ones only when known. */
function changeBase(context: Context, principal: string, reason: string, current: ActualGrant | undefined, grant: DesiredGrant | undefined) {
  const { resource, desire } = context;
  const side = grant?.side ?? desire.people.get(principal)?.side;
  return {
    client: resource.client === '' ? null : resource.client,
    kind: resource.kind,
    resource: resource.ref,
    principal,
    reason,
    ...(grant ? { because: grant.because } : {}),
    ...(current?.pending ? { pending: current.pending } : {}),
    ...(current?.handle ? { handle: current.handle } : {}),
    ...(side ? { side } : {}),
  };
}

/** The direct grant Latch manages for a principal: an accepted one before an invitation, then the highest. */
function primaryOf(context: Context, direct: ActualGrant[]): ActualGrant | undefined {
  const ordered = [...direct].sort((a, b) => Number(Boolean(a.pending)) - Number(Boolean(b.pending)) || rank(context, b.level) - rank(context, a.level));
  if (ordered.length > 1) {
    const { ref } = context.resource;
    warn(context, `${ordered[0]?.principal} has ${ordered.length} grants on ${ref}; Latch plans for one of them, check the others by hand`);
  }
  return ordered[0];
}

function highestInherited(context: Context, inherited: ActualGrant[]): ActualGrant | undefined {
  let highest: ActualGrant | undefined;
  for (const grant of inherited) if (!highest || rank(context, grant.level) > rank(context, highest.level)) highest = grant;
  return highest;
}

function planDesired(context: Context, grant: DesiredGrant, current: ActualGrant | undefined, inherited: ActualGrant | undefined): Change | undefined {
  const { ref } = context.resource;
  if (inherited && rank(context, inherited.level) > rank(context, grant.level)) {
    warn(context, `${grant.principal} has ${inherited.level} on ${ref} inherited from ${inherited.inheritedFrom}, above the declared ${grant.level}: lower it on ${inherited.inheritedFrom}`, grant);
  }
  const covered = inherited !== undefined && rank(context, inherited.level) >= rank(context, grant.level);
  if (!current || current.pending?.expired) {
    if (covered && !current) return undefined;
    if (covered && current) {
      const reason = `invitation expired; ${inherited.level} comes from ${inherited.inheritedFrom}`;
      return { ...changeBase(context, grant.principal, reason, current, grant), action: 'revoke', from: current.level, to: null };
    }
    const reason = current?.pending ? resentReason(context.resource.kind, current.pending, grant) : sourceOf(grant);
    return { ...changeBase(context, grant.principal, reason, current, grant), action: 'grant', from: null, to: grant.level };
  }
  if (current.level === grant.level) return undefined;
  const ended = context.desire.expired.get(grant.principal);
  const lowered = ended?.until !== undefined && rank(context, current.level) > rank(context, grant.level);
  const reason = lowered ? `${revokeReason(ended, context.resource, true, undefined)}; ${sourceOf(grant)} remains` : updateReason(grant, current.pending);
  return { ...changeBase(context, grant.principal, reason, current, grant), action: 'update', from: current.level, to: grant.level };
}

function planUndeclared(context: Context, principal: string, current: ActualGrant | undefined, inherited: ActualGrant[]): Change | undefined {
  const { ref } = context.resource;
  for (const grant of inherited) {
    warn(context, `${principal} has ${grant.level} on ${ref} inherited from ${grant.inheritedFrom}, which no client file declares: remove it on ${grant.inheritedFrom}`);
  }
  if (!current) return undefined;
  const expired = context.desire.expired.get(principal);
  const reason = revokeReason(expired, context.resource, context.desire.declared, context.desire.people.get(principal));
  return { ...changeBase(context, principal, reason, current, expired), action: 'revoke', from: current.level, to: null };
}

function planPrincipal(context: Context, principal: string, actuals: ActualGrant[]): PrincipalOutcome {
  const grant = context.desire.desired.get(principal);
  const owner = actuals.find((actual) => actual.owner);
  if (owner) {
    if (grant && grant.level !== owner.level) {
      warn(context, `${principal} owns ${context.resource.ref} with ${owner.level}; Latch never changes an owner, so the declared ${grant.level} is not applied`, grant);
    }
    return { principal, actuals };
  }
  const inherited = actuals.filter((actual) => actual.inheritedFrom !== undefined);
  const primary = primaryOf(context, actuals.filter((actual) => actual.inheritedFrom === undefined));
  const change = grant ? planDesired(context, grant, primary, highestInherited(context, inherited)) : planUndeclared(context, principal, primary, inherited);
  return { principal, actuals, ...(primary ? { primary } : {}), ...(change ? { change } : {}) };
}

/**
 * Pure. The changes that make one resource's complete grant list match the repository:
 * owners are never changed, inherited grants never revoked or lowered (a warning says
 * where they come from), expired invitations are sent again.
 */
export function planResource(resource: ManagedResource, actuals: readonly ActualGrant[], desire: ResourceDesire): ResourcePlan {
  const context: Context = { resource, desire, warnings: [] };
  const byPrincipal = new Map<string, ActualGrant[]>();
  for (const actual of actuals) {
    const list = byPrincipal.get(actual.principal);
    if (list) list.push(actual);
    else byPrincipal.set(actual.principal, [actual]);
  }
  for (const principal of desire.desired.keys()) if (!byPrincipal.has(principal)) byPrincipal.set(principal, []);
  const outcomes: PrincipalOutcome[] = [];
  for (const [principal, list] of byPrincipal) outcomes.push(planPrincipal(context, principal, list));
  return { outcomes, warnings: context.warnings };
}
