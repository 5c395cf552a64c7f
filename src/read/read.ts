import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { ManagedResource, ResourceReading } from '../model/grants.js';
import type { Finding } from '../model/plan.js';
import type { AdapterSet } from '../platforms/registry.js';
import type { AuditInput, PlatformAdapter } from '../platforms/adapter.js';
import { describeError } from '../errors.js';
import { readDeadline } from './deadline.js';
import { progressCounter, type ReadProgressListener } from './progress.js';

export interface ReadOptions {
  /** Concurrent list calls per platform. */
  concurrency: number;
  logger: Logger;
  /** Milliseconds after which resources not yet read are given up as unread; none when 0 or absent. */
  deadlineMs?: number;
  /** Told how many resources of each platform are read so far (a person's terminal shows it). */
  onProgress?: ReadProgressListener;
}

/**
 * Lists the actual grants of every resource, one paged list per resource, concurrently per
 * platform. A resource whose read fails (or whose platform cannot be reached at all) comes
 * back as a failed reading, so the planner leaves it alone instead of revoking from an
 * incomplete list.
 */
export async function readActual(
  resources: readonly ManagedResource[],
  adapters: AdapterSet,
  options: ReadOptions,
): Promise<ResourceReading[]> {
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const deadline = readDeadline(options.deadlineMs);
  const progress = progressCounter(resources, options.onProgress);
  const prepared = new Map<string, Promise<void>>();
  // Once per platform, before its first list: a refusal leaves every one of its resources unread.
  const prepare = (adapter: PlatformAdapter): Promise<void> => {
    let done = prepared.get(adapter.id);
    if (!done) {
      done = adapter.prepare?.(resources.filter((resource) => adapter.kinds.includes(resource.kind))) ?? Promise.resolve();
      done.catch(() => undefined);
      prepared.set(adapter.id, done);
    }
    return done;
  };
  const readOne = async (resource: ManagedResource): Promise<ResourceReading> => {
    let adapter: PlatformAdapter;
    try {
      adapter = adapters.forKind(resource.kind);
    } catch (error) {
      return { resource, ok: false, error: describeError(error) };
    }
    let limit = limits.get(adapter.id);
    if (!limit) {
      limit = pLimit(options.concurrency);
      limits.set(adapter.id, limit);
    }
    return limit(async (): Promise<ResourceReading> => {
      try {
        const what = `${resource.kind} ${resource.ref}`;
        // A read queued behind stalled ones is not begun once the deadline has passed.
        if (deadline.passed) throw deadline.expired(what);
        await deadline.race(prepare(adapter), what);
        return { resource, ok: true, grants: await deadline.race(Promise.resolve().then(() => adapter.list(resource)), what) };
      } catch (error) {
        const message = describeError(error);
        options.logger.warn({ kind: resource.kind, resource: resource.ref, error: message }, 'resource could not be read');
        return { resource, ok: false, error: message };
      }
    });
  };
  const readings = resources.map((resource) => readOne(resource).finally(() => progress.settled(resource)));
  try {
    return await Promise.all(readings);
  } finally {
    deadline.dispose();
    progress.finish();
  }
}

/** Runs the whole-platform audits of the adapters in use; a failed audit is a finding, never silence. */
export async function runAudits(adapters: readonly PlatformAdapter[], input: AuditInput, logger: Logger): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const adapter of adapters) {
    if (!adapter.audit) continue;
    try {
      findings.push(...(await adapter.audit(input)));
    } catch (error) {
      const message = describeError(error);
      logger.warn({ platform: adapter.id, error: message }, 'audit failed');
      findings.push({ platform: adapter.id, subject: 'audit', message: `the ${adapter.id} audit could not run: ${message}` });
    }
  }
  return findings;
}
