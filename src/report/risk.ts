import { levelRank, topLevel, type Level } from '../model/kinds.js';
import type { Change, Plan, UnknownPrincipal } from '../model/plan.js';
import { kindFacts } from '../platforms/kinds.js';
import { checkMassRevoke, revocationsByClient, withoutIntended, type MassRevokeBounds } from '../plan/mass-revoke.js';
import { ANOTHER_CLIENTS_PERSON } from '../plan/reasons.js';
import { clientLabel } from './describe.js';
import { plural } from '../text.js';

/** The default bound of the guardrails (policies/guardrails.yaml's `massRevoke`), used when the caller does not pass the repository's. */
const DEFAULT_MASS_REVOKE: MassRevokeBounds = { maxCount: 25, maxShare: 0.2 };

export type RiskId = 'top-level' | 'client-write' | 'mass-revoke' | 'incomplete' | 'unknown-principal' | 'unchecked-principal';

/** How each flag is marked wherever it is shown: ⛔ for what the plan cannot do as it is. */
export const RISK_ICON = {
  incomplete: '⛔',
  'unknown-principal': '⛔',
  'unchecked-principal': '❔',
  'mass-revoke': '🚨',
  'top-level': '⚠️',
  'client-write': '⚠️',
} as const satisfies Record<RiskId, string>;

export interface RiskFlag {
  /** Stable identifier, for tests and for callers that pick flags. */
  id: RiskId;
  /** Short title a reviewer scans for. */
  title: string;
  /** One line per thing at stake. */
  details: string[];
}

export interface RiskOptions {
  /** The repository's `guardrails.massRevoke`; the guardrails' defaults when absent. */
  massRevoke?: MassRevokeBounds;
  /** Grants the platforms have on the resources read; without it only the count bound applies. */
  actualGrantCount?: number;
}

function target(change: Change, level: Level): string {
  return `${change.principal} ${level} on ${change.resource} (${clientLabel(change.client)})`;
}

function givesTopLevel(change: Change): change is Change & { to: Level } {
  if (change.to === null || kindFacts(change.kind).levels.length < 2) return false;
  return change.to === topLevel(change.kind);
}

function givesClientWrite(change: Change): change is Change & { to: Level } {
  return change.side === 'client' && kindFacts(change.kind).writeLevel !== undefined && givesWrite(change);
}

/** Write access or more, by grant or by raise: lowering someone who had it is the fix, not the risk. */
function givesWrite(change: Change): change is Change & { to: Level } {
  const write = kindFacts(change.kind).writeLevel ?? topLevel(change.kind);
  if (change.to === null || kindFacts(change.kind).levels.length < 2) return false;
  if (change.from !== null && levelRank(change.kind, change.to) < levelRank(change.kind, change.from)) return false;
  return levelRank(change.kind, change.to) >= levelRank(change.kind, write);
}

/**
 * How much a reviewer needs to see one change: 2 takes top-level access away or removes
 * another client's person (the leak), 1 gives write access or more, 0 is anything else.
 */
export function changeRisk(change: Change): 0 | 1 | 2 {
  if (change.action === 'revoke') {
    const top = kindFacts(change.kind).levels.length > 1 && change.from === topLevel(change.kind);
    if (top || change.reason.includes(ANOTHER_CLIENTS_PERSON)) return 2;
  }
  return givesWrite(change) ? 1 : 0;
}

/** A group's changes counted by risk, highest first: `[2s, 1s, 0s]`. */
export type GroupRisk = readonly [number, number, number];

export function groupRisk(changes: readonly Change[]): GroupRisk {
  const risks = changes.map(changeRisk);
  const count = (risk: number) => risks.filter((each) => each === risk).length;
  return [count(2), count(1), count(0)];
}

/**
 * Riskier first: compared count by count from the highest risk, so one admin revoked
 * outweighs any number of ordinary grants. For `sort`.
 */
export function compareRisk(a: GroupRisk, b: GroupRisk): number {
  return b[0] - a[0] || b[1] - a[1] || b[2] - a[2];
}

function massRevocation(whole: Plan, options: RiskOptions): string | undefined {
  const plan = withoutIntended(whole);
  const bounds = options.massRevoke ?? DEFAULT_MASS_REVOKE;
  if (options.actualGrantCount !== undefined) {
    const check = checkMassRevoke(plan, options.actualGrantCount, bounds);
    return check.exceeded ? check.message : undefined;
  }
  const revokes = plan.changes.filter((change) => change.action === 'revoke').length;
  if (revokes <= bounds.maxCount) return undefined;
  return `${plural(revokes, 'revocation')}, more than ${bounds.maxCount}: ${revocationsByClient(plan)}; apply needs --allow-mass-revoke`;
}

/** "tom-acmee (github, apex): GitHub has no user with this login; declared at clients/apex.yaml:18". */
export function unknownPrincipalLine(entry: UnknownPrincipal): string {
  const where = entry.declared.map((at) => `${at.file}:${at.line}`).join(', ');
  const clients = entry.clients.length > 0 ? `, ${entry.clients.join(', ')}` : '';
  return `${entry.principal} (${entry.platform}${clients}): ${entry.message}${where ? `; declared at ${where}` : ''}`;
}

/** What a reviewer should look at twice before approving, most consequential first. */
export function riskFlags(plan: Plan, options: RiskOptions = {}): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (plan.unread.length > 0) {
    const details = plan.unread.map((unread) => `${unread.resource} (${unread.kind}, ${clientLabel(unread.client)}) could not be read: ${unread.error}`);
    flags.push({ id: 'incomplete', title: 'Plan incomplete: nothing is planned for resources that could not be read', details });
  }
  const unknown = plan.unknownPrincipals ?? [];
  if (unknown.length > 0) {
    flags.push({ id: 'unknown-principal', title: 'Unknown on the platform: these grants would fail at apply; fix the client files', details: unknown.map(unknownPrincipalLine) });
  }
  const unchecked = plan.uncheckedPrincipals ?? [];
  if (unchecked.length > 0) {
    const details = unchecked.map((entry) => `${entry.principal} (${entry.platform}): ${entry.error}`);
    flags.push({ id: 'unchecked-principal', title: 'Could not check on the platform whether these new people have an account', details });
  }
  const mass = massRevocation(plan, options);
  if (mass) flags.push({ id: 'mass-revoke', title: 'Mass revocation', details: [mass] });
  const top = plan.changes.filter(givesTopLevel);
  if (top.length > 0) flags.push({ id: 'top-level', title: 'Top-level access (admin, owner, maintainer, organizer)', details: top.map((change) => target(change, change.to)) });
  const write = plan.changes.filter(givesClientWrite);
  if (write.length > 0) flags.push({ id: 'client-write', title: 'Client-side people get write access or more', details: write.map((change) => target(change, change.to)) });
  return flags;
}
