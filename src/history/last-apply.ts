import { z } from 'zod';
import { listFiles, readBlob, readTip, treeOf, type TrailRepository } from './audit-trail-api.js';
import type { AuditText } from './audit-trail-read.js';
import { TRAIL_FILE } from './audit-trail-records.js';

/** The fields of an apply record (model/audit.ts) that tell what became of a change. */
const Attempt = z.object({
  at: z.string().min(1),
  pr: z.number().int().nullish(),
  status: z.string(),
  detail: z.string().nullish(),
  change: z.object({
    action: z.enum(['grant', 'update', 'revoke']),
    client: z.string().nullish(),
    kind: z.string(),
    resource: z.string(),
    principal: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
});
type Attempt = z.infer<typeof Attempt>;

/** A change whose newest attempt failed. */
export interface FailedAttempt {
  /** ISO time of the apply that tried it. */
  at: string;
  /** The merged pull request behind that apply; null for a drift run or the CLI. */
  pr: number | null;
  /** What the platform answered, as recorded. */
  detail: string;
  /** What was tried. */
  change: Attempt['change'];
}

function targetOf(attempt: Attempt): string {
  return [attempt.change.kind, attempt.change.resource, attempt.change.principal.toLowerCase()].join('\u0000');
}

/**
 * Pure. Per resource and principal, the newest record that tried a change (by `at`, the
 * later line winning a tie), kept when it failed: a later success, or any later attempt on
 * the same grant, settles it. `skipped` records tried nothing and are passed over, and so
 * are lines that are not apply records: the trail is audited elsewhere.
 */
export function failedAttempts(texts: readonly AuditText[]): FailedAttempt[] {
  const newest = new Map<string, Attempt>();
  for (const { text } of texts) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue;
      }
      const parsed = Attempt.safeParse(json);
      if (!parsed.success || parsed.data.status === 'skipped') continue;
      const previous = newest.get(targetOf(parsed.data));
      if (!previous || Date.parse(previous.at) <= Date.parse(parsed.data.at)) newest.set(targetOf(parsed.data), parsed.data);
    }
  }
  return [...newest.values()]
    .filter((attempt) => attempt.status === 'failed')
    .map((attempt) => ({ at: attempt.at, pr: attempt.pr ?? null, detail: attempt.detail ?? 'no detail was recorded', change: attempt.change }));
}

/**
 * The month files of the trail branch read through the Git Data API, so a run sees what the
 * last apply wrote whatever its checkout fetched. None when the branch does not exist yet
 * (nothing was ever applied); throws when it cannot be read completely.
 */
export async function readTrailBranch(github: TrailRepository, branch: string): Promise<AuditText[]> {
  const tip = await readTip(github, branch);
  if (tip === undefined) return [];
  const files = [...(await listFiles(github, await treeOf(github, tip)))].filter(([path]) => TRAIL_FILE.test(path));
  const texts: AuditText[] = [];
  for (const [path, blob] of files) texts.push({ name: `${branch}:${path}`, text: await readBlob(github, blob) });
  return texts;
}
