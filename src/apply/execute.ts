import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { ChangeStatus } from '../model/audit.js';
import type { Change } from '../model/plan.js';
import type { AdapterSet } from '../platforms/registry.js';
import { describeError } from '../errors.js';
import { scrubSecrets } from '../log.js';

export interface ChangeResult {
  change: Change;
  status: ChangeStatus;
  /** What the platform said ("invitation sent") or why it failed or was skipped. */
  detail?: string;
}

export interface ExecuteOptions {
  /** Resources worked on at once per platform; changes to one resource always go one at a time. */
  concurrency: number;
  logger: Logger;
  /** Credential values to scrub from error messages before they reach a report. */
  secrets: readonly string[];
}

function resourceKey(change: Change): string {
  return `${change.kind}\u0000${change.resource}`;
}

/**
 * Carries out changes and returns one result per change, in plan order. One failure never
 * stops the others. Changes to one resource run in order (Drive keeps only the last of
 * concurrent writes, GitHub asks for serial writes); resources run concurrently per platform,
 * those with the most changes first.
 */
export async function executeChanges(changes: readonly Change[], adapters: AdapterSet, options: ExecuteOptions): Promise<ChangeResult[]> {
  const byResource = new Map<string, number[]>();
  changes.forEach((change, index) => {
    const key = resourceKey(change);
    const list = byResource.get(key) ?? [];
    list.push(index);
    byResource.set(key, list);
  });

  const results: ChangeResult[] = changes.map((change) => ({ change, status: 'skipped', detail: 'not attempted' }));
  const limits = new Map<string, ReturnType<typeof pLimit>>();

  async function runOne(index: number): Promise<void> {
    const change = changes[index] as Change;
    try {
      const adapter = adapters.forKind(change.kind);
      const outcome = await adapter.apply(change);
      results[index] = { change, status: outcome.status, detail: outcome.detail };
      options.logger.info({ action: change.action, kind: change.kind, resource: change.resource, principal: change.principal, status: outcome.status }, 'change done');
    } catch (error) {
      const detail = scrubSecrets(describeError(error), options.secrets);
      results[index] = { change, status: 'failed', detail };
      options.logger.error({ action: change.action, kind: change.kind, resource: change.resource, principal: change.principal, error: detail }, 'change failed');
    }
  }

  // Longest first: a resource with many changes runs them one at a time, so starting it last
  // would leave one slot busy long after the others are idle. Results stay in plan order.
  const queue = [...byResource.values()].sort((a, b) => b.length - a.length);
  await Promise.all(
    queue.map((indexes) => {
      const first = changes[indexes[0] as number] as Change;
      let platform: string;
      try {
        platform = adapters.forKind(first.kind).id;
      } catch {
        platform = first.kind;
      }
      let limit = limits.get(platform);
      if (!limit) {
        limit = pLimit(options.concurrency);
        limits.set(platform, limit);
      }
      return limit(async () => {
        for (const index of indexes) await runOne(index);
      });
    }),
  );
  return results;
}

export interface ResultCounts {
  applied: number;
  unchanged: number;
  failed: number;
  skipped: number;
}

export function countResults(results: readonly ChangeResult[]): ResultCounts {
  const counts: ResultCounts = { applied: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}
