import type { Logger } from 'pino';
import type { ResourceReading, SourcePosition } from '../model/grants.js';
import type { Change, Plan, UncheckedPrincipal, UnknownPrincipal } from '../model/plan.js';
import type { PlatformAdapter, PrincipalCheck } from '../platforms/adapter.js';
import type { AdapterSet } from '../platforms/registry.js';
import { describeError } from '../errors.js';

export type PrincipalChecks = Pick<Plan, 'unknownPrincipals' | 'uncheckedPrincipals'>;

/** One principal a grant is planned for, with where the files ask for it. */
interface Wanted {
  clients: Set<string>;
  declared: SourcePosition[];
}

function adapterOf(adapters: Pick<AdapterSet, 'forKind'>, change: Change): PlatformAdapter | undefined {
  try {
    return adapters.forKind(change.kind);
  } catch {
    // A platform that cannot be reached has its resources unread: nothing is granted there.
    return undefined;
  }
}

/** Every principal some reading of the platform shows, invitations and inherited grants included. */
function onPlatform(readings: readonly ResourceReading[], adapter: PlatformAdapter): Set<string> {
  const seen = new Set<string>();
  for (const reading of readings) {
    if (!reading.ok || !adapter.kinds.includes(reading.resource.kind)) continue;
    for (const grant of reading.grants) seen.add(grant.principal);
  }
  return seen;
}

/** The principals of the plan's grants that no reading of their platform shows, per platform. */
function newPrincipals(changes: readonly Change[], readings: readonly ResourceReading[], adapters: Pick<AdapterSet, 'forKind'>): Map<PlatformAdapter, Map<string, Wanted>> {
  const byAdapter = new Map<PlatformAdapter, Map<string, Wanted>>();
  const seen = new Map<PlatformAdapter, Set<string>>();
  for (const change of changes) {
    if (change.action !== 'grant') continue;
    const adapter = adapterOf(adapters, change);
    if (!adapter?.resolvePrincipals) continue;
    let known = seen.get(adapter);
    if (!known) {
      known = onPlatform(readings, adapter);
      seen.set(adapter, known);
    }
    if (known.has(change.principal)) continue;
    const wanted = byAdapter.get(adapter) ?? new Map<string, Wanted>();
    byAdapter.set(adapter, wanted);
    const entry = wanted.get(change.principal) ?? { clients: new Set<string>(), declared: [] };
    wanted.set(change.principal, entry);
    if (change.client) entry.clients.add(change.client);
    for (const trace of change.because ?? []) {
      if (!entry.declared.some((at) => at.file === trace.file && at.line === trace.line)) entry.declared.push({ file: trace.file, line: trace.line, column: trace.column });
    }
  }
  return byAdapter;
}

async function resolveAll(adapter: PlatformAdapter, principals: readonly string[], logger: Logger): Promise<Map<string, PrincipalCheck>> {
  try {
    return (await adapter.resolvePrincipals?.(principals)) ?? new Map();
  } catch (error) {
    const message = describeError(error);
    logger.warn({ platform: adapter.id, error: message }, 'principals could not be checked');
    return new Map(principals.map((principal): [string, PrincipalCheck] => [principal, { status: 'unchecked', error: message }]));
  }
}

/**
 * Asks each platform about the principals the plan would grant to that none of its readings
 * shows (no grant, no invitation): someone already on the platform exists, so a plan of an
 * organisation in sync asks nothing. A failed question leaves its principal unchecked, never
 * unknown: the platform did not say it has no such account.
 */
export async function checkNewPrincipals(changes: readonly Change[], readings: readonly ResourceReading[], adapters: Pick<AdapterSet, 'forKind'>, logger: Logger): Promise<PrincipalChecks> {
  const unknown: UnknownPrincipal[] = [];
  const unchecked: UncheckedPrincipal[] = [];
  const platforms = [...newPrincipals(changes, readings, adapters)];
  // Platforms are asked at once; each paces its own calls.
  const answers = await Promise.all(platforms.map(([adapter, wanted]) => resolveAll(adapter, [...wanted.keys()], logger)));
  for (const [index, [adapter, wanted]] of platforms.entries()) {
    const checks = answers[index] ?? new Map<string, PrincipalCheck>();
    for (const [principal, entry] of wanted) {
      const check = checks.get(principal);
      if (check?.status === 'unknown') {
        unknown.push({ platform: adapter.id, principal, message: check.message, clients: [...entry.clients].sort(), declared: entry.declared });
      } else if (check?.status === 'unchecked') {
        unchecked.push({ platform: adapter.id, principal, error: check.error });
      }
    }
  }
  return {
    ...(unknown.length > 0 ? { unknownPrincipals: unknown } : {}),
    ...(unchecked.length > 0 ? { uncheckedPrincipals: unchecked } : {}),
  };
}
