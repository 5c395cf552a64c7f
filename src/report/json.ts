import type { Change, LastApply, Plan, PlanScopeSummary } from '../model/plan.js';
import { fingerprintChanges } from '../plan/fingerprint.js';
import { PlanFile } from './plan-file.js';

/** A saved plan that cannot be used: not JSON, not a plan, or edited after it was made. */
export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanFileError';
  }
}

/** The change with the documented plan fields first, in a fixed order, then the details apply needs. */
function orderedChange(change: Change) {
  const { action, client, kind, resource, principal, from, to, reason, side, pending, handle, because } = change;
  return { action, client, kind, resource, principal, from, to, reason, side, pending, handle, because };
}

function orderedLastApply(lastApply: LastApply) {
  const failed = lastApply.failed.map(({ change, at, pr, detail }) => {
    const { action, client, kind, resource, principal, from, to } = change;
    return { action, client, kind, resource, principal, from, to, at, pr, detail };
  });
  return lastApply.unreadable === undefined ? { failed } : { failed, unreadable: lastApply.unreadable };
}

function orderedScope(scope: PlanScopeSummary) {
  const { mode, base, clients, platforms, total, resources, reason } = scope;
  return { mode, base, clients, platforms, total, resources, reason };
}

/**
 * The plan as JSON for machines and for `apply --plan`: the README's
 * `{fingerprint, changes: [{action, client, kind, resource, principal, from, to, reason}]}`
 * plus held, unread, findings, warnings, offboarding, leavers, access requests (verify mode), principals
 * the platforms do not know or could not be asked about, what a `--scope changed` plan read, the changes
 * that failed at the last apply and a base that does not validate, keys always in the same order. A saved plan read back keeps what apply needs.
 */
export function renderJson(plan: Plan): string {
  const document = {
    fingerprint: plan.fingerprint,
    changes: plan.changes.map(orderedChange),
    held: plan.held.map(({ rule, client, kind, resource, principal, reason }) => ({ rule, client, kind, resource, principal, reason })),
    unread: plan.unread.map(({ client, kind, resource, error }) => ({ client, kind, resource, error })),
    findings: plan.findings.map(({ platform, subject, message }) => ({ platform, subject, message })),
    warnings: plan.warnings.map(({ message, file, line, column }) => ({ message, file, line, column })),
    ...(plan.offboarding ? { offboarding: plan.offboarding } : {}),
    ...(plan.leavers ? { leavers: plan.leavers } : {}),
    requests: plan.requests ?? [],
    ...(plan.scope ? { scope: orderedScope(plan.scope) } : {}),
    ...(plan.watched ? { watched: plan.watched } : {}),
    ...(plan.emergencies ? { emergencies: plan.emergencies } : {}),
    ...(plan.unknownPrincipals ? { unknownPrincipals: plan.unknownPrincipals } : {}),
    ...(plan.uncheckedPrincipals ? { uncheckedPrincipals: plan.uncheckedPrincipals } : {}),
    ...(plan.lastApply ? { lastApply: orderedLastApply(plan.lastApply) } : {}),
    ...(plan.invalidBase ? { invalidBase: plan.invalidBase } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function describePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}${text ? '.' : ''}${String(part)}`), '') || '(top level)';
}

/**
 * Reads a saved plan, checking its shape and that its fingerprint still matches its changes,
 * so a plan edited after review is refused rather than applied. Throws PlanFileError.
 */
export function parsePlanJson(text: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(`the plan file is not JSON (${error instanceof Error ? error.message : String(error)}); save one with latch plan --out plan.json`);
  }
  const parsed = PlanFile.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((issue) => `${describePath(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    throw new PlanFileError(`the plan file is not a Latch plan: ${problems.join('; ')}${more}`);
  }
  const plan: Plan = parsed.data;
  const fingerprint = fingerprintChanges(plan.changes);
  if (fingerprint !== plan.fingerprint) {
    throw new PlanFileError(`the plan file's changes do not match its fingerprint ${plan.fingerprint}: it was edited after it was made; make and review a new plan`);
  }
  return plan;
}
