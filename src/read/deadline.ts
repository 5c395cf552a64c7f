/**
 * The run's deadline for reads: once it passes, a resource still being read (or not yet
 * started) is given up as unread, so a stalled platform delays a plan by at most this long
 * and the plan still finishes for everything else.
 */
export interface ReadDeadline {
  /** True once the deadline has passed. */
  readonly passed: boolean;
  /** Settles `work`, or rejects with a message naming the resource when the deadline passes first. */
  race<T>(work: Promise<T>, what: string): Promise<T>;
  /** The error of a resource given up at the deadline. */
  expired(what: string): Error;
  /** Stops the timer; call when every read has settled. */
  dispose(): void;
}

export class DeadlineError extends Error {}

/** A deadline `ms` from now; `undefined` or 0 means none. */
export function readDeadline(ms: number | undefined): ReadDeadline {
  if (!ms || ms <= 0) return { passed: false, race: (work) => work, expired: (what) => new DeadlineError(what), dispose: () => undefined };
  let passed = false;
  const waiting = new Set<() => void>();
  const timer = setTimeout(() => {
    passed = true;
    for (const expire of waiting) expire();
    waiting.clear();
  }, ms);
  const span = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
  const expired = (what: string) => new DeadlineError(`${what} was not read within the run's read deadline of ${span} (LATCH_READ_DEADLINE_MS); nothing is planned for it`);
  return {
    get passed() {
      return passed;
    },
    race<T>(work: Promise<T>, what: string): Promise<T> {
      if (passed) return Promise.reject(expired(what));
      return new Promise<T>((resolve, reject) => {
        const expire = () => reject(expired(what));
        waiting.add(expire);
        work.then(resolve, reject).finally(() => waiting.delete(expire));
      });
    },
    expired,
    dispose: () => clearTimeout(timer),
  };
}

/** Milliseconds from `LATCH_READ_DEADLINE_MS`; 15 minutes when unset, none when 0. */
export function deadlineFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.LATCH_READ_DEADLINE_MS;
  if (raw === undefined || raw === '') return 15 * 60_000;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : 15 * 60_000;
}
