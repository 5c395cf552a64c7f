import type { ManagedResource } from '../model/grants.js';
import { kindFacts } from '../platforms/kinds.js';

/** How far a read of the platforms is. */
export interface ReadProgress {
  /** Resources settled (read or given up) and in all, per platform, in the order they first appear. */
  platforms: { platform: string; done: number; total: number }[];
  /** True on the last report of a read, once every resource is settled. */
  finished: boolean;
}

/** Told as the read goes: once at the start, after each resource, and once at the end. */
export type ReadProgressListener = (progress: ReadProgress) => void;

function platformOf(resource: ManagedResource): string {
  return kindFacts(resource.kind).platform;
}

/** Counts settled resources per platform for a listener; without one, counts nothing. */
export function progressCounter(resources: readonly ManagedResource[], listener: ReadProgressListener | undefined): { settled(resource: ManagedResource): void; finish(): void } {
  if (!listener) return { settled: () => undefined, finish: () => undefined };
  const counts = new Map<string, { platform: string; done: number; total: number }>();
  for (const resource of resources) {
    const platform = platformOf(resource);
    const count = counts.get(platform) ?? { platform, done: 0, total: 0 };
    count.total += 1;
    counts.set(platform, count);
  }
  const report = (finished: boolean) => listener({ platforms: [...counts.values()].map((count) => ({ ...count })), finished });
  report(false);
  return {
    settled(resource) {
      const count = counts.get(platformOf(resource));
      if (count) count.done += 1;
      report(false);
    },
    finish: () => report(true),
  };
}
