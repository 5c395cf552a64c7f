import { failedAttempts } from '../history/last-apply.js';

/** A change whose last apply failed and that has not succeeded since. */
export interface FailedApply {
  /** Owning client, or null for a resource no client declares any more. */
  client: string | null;
  /** Resource kind. */
  kind: string;
  /** Platform reference of the resource. */
  resource: string;
  /** Login or e-mail the change was for. */
  principal: string;
  /** When the failing attempt was recorded. */
  at: string;
  /** What the platform answered, when the record says. */
  detail?: string;
}

/**
 * Pure. The changes whose latest record (by `at`, file order breaking ties) is `failed`: a
 * later `applied` or `unchanged` record for the same resource and principal clears the failure.
 * Lines that are not apply records are skipped: the log is read for status, not audited here.
 */
export function unresolvedFailures(text: string): FailedApply[] {
  return failedAttempts([{ name: 'audit log', text }])
    .map(({ at, detail, change }) => ({ client: change.client ?? null, kind: change.kind, resource: change.resource, principal: change.principal, at, detail }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
