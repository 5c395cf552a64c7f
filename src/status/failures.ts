import { z } from 'zod';

/** The fields of an apply record (JSON Lines written by the Action) that status reads. */
const ApplyRecord = z.object({
  at: z.string().min(1),
  status: z.string(),
  detail: z.string().nullish(),
  change: z.object({
    client: z.string().nullish(),
    kind: z.string(),
    resource: z.string(),
    principal: z.string(),
  }),
});
type ApplyRecord = z.infer<typeof ApplyRecord>;

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

function keyOf(record: ApplyRecord): string {
  return [record.change.kind, record.change.resource, record.change.principal.toLowerCase()].join('\u0000');
}

/**
 * Pure. The changes whose latest record (by `at`, file order breaking ties) is `failed`: a
 * later `applied` or `unchanged` record for the same resource and principal clears the failure.
 * Lines that are not apply records are skipped: the log is read for status, not audited here.
 */
export function unresolvedFailures(text: string): FailedApply[] {
  const latest = new Map<string, ApplyRecord>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = ApplyRecord.safeParse(json);
    if (!parsed.success || parsed.data.status === 'skipped') continue;
    const key = keyOf(parsed.data);
    const previous = latest.get(key);
    if (!previous || previous.at <= parsed.data.at) latest.set(key, parsed.data);
  }
  const failures: FailedApply[] = [];
  for (const record of latest.values()) {
    if (record.status !== 'failed') continue;
    const failure: FailedApply = { client: record.change.client ?? null, kind: record.change.kind, resource: record.change.resource, principal: record.change.principal, at: record.at };
    if (record.detail) failure.detail = record.detail;
    failures.push(failure);
  }
  return failures.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
