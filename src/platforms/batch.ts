/**
 * Coalesces single-resource reads into one request. Keys asked for while the event loop is
 * busy are sent together once it turns (or as soon as `size` are waiting); keys announced
 * with `expect` fill the rest of a batch, their answers kept until they are asked for.
 * `run` answers each key with a value or an Error of its own; if `run` throws, every key
 * of the batch fails with that error: nothing is ever answered from a failed batch.
 */
export interface Batcher<K, V> {
  /** The value of one key, from a batch sent now or soon; rejects if that key or its batch failed. */
  load(key: K): Promise<V>;
  /** Keys that will be asked for later, read ahead to fill batches. */
  expect(keys: readonly K[]): void;
}

interface Waiting<V> {
  resolve(value: V): void;
  reject(error: unknown): void;
}

export function createBatcher<K, V>(size: number, id: (key: K) => string, run: (keys: K[]) => Promise<Array<V | Error>>): Batcher<K, V> {
  const queue: Array<{ key: K; waiting: Waiting<V> }> = [];
  let scheduled = false;
  const upcoming = new Map<string, K>();
  const readAhead = new Map<string, Promise<V>>();

  function flush(): void {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.splice(0, size);
      const ids = new Set(batch.map((item) => id(item.key)));
      for (const [upcomingId, key] of upcoming) {
        if (batch.length >= size) break;
        upcoming.delete(upcomingId);
        if (ids.has(upcomingId) || readAhead.has(upcomingId)) continue;
        ids.add(upcomingId);
        const promise = new Promise<V>((resolve, reject) => batch.push({ key, waiting: { resolve, reject } }));
        // Handled when asked for; a key never asked for must not crash the process.
        promise.catch(() => undefined);
        readAhead.set(upcomingId, promise);
      }
      send(batch);
    }
  }

  function send(batch: Array<{ key: K; waiting: Waiting<V> }>): void {
    run(batch.map((item) => item.key)).then(
      (answers) => {
        batch.forEach((item, index) => {
          const answer = answers[index];
          if (answer === undefined) item.waiting.reject(new Error('no answer for this key in its batch'));
          else if (answer instanceof Error) item.waiting.reject(answer);
          else item.waiting.resolve(answer);
        });
      },
      (error: unknown) => {
        for (const item of batch) item.waiting.reject(error);
      },
    );
  }

  return {
    load(key) {
      const keyId = id(key);
      upcoming.delete(keyId);
      const ahead = readAhead.get(keyId);
      if (ahead) {
        readAhead.delete(keyId);
        return ahead;
      }
      return new Promise<V>((resolve, reject) => {
        queue.push({ key, waiting: { resolve, reject } });
        if (queue.length >= size) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    expect(keys) {
      for (const key of keys) upcoming.set(id(key), key);
    },
  };
}
