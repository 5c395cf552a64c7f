/** A read a whole run shares: made on first use, kept once it succeeds. */
export interface ReadOnce<T> {
  /** The value, read on first use; a failed read is not kept, so a later call tries again. */
  get(operation: string): Promise<T>;
}

/**
 * Makes `read` once per run: callers at the same time share the read under way, and a
 * failure reaches every caller waiting on it, then is forgotten, never kept as the answer.
 */
export function readOnce<T>(read: (operation: string) => Promise<T>): ReadOnce<T> {
  let reading: Promise<T> | undefined;
  return {
    get(operation) {
      reading ??= read(operation).catch((error: unknown) => {
        reading = undefined;
        throw error;
      });
      return reading;
    },
  };
}
