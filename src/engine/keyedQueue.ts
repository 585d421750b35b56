/**
 * Runs tasks one at a time per key, in arrival order, and different keys in parallel.
 * The pipeline keys by conversation, so a student's messages are answered in the order they were sent.
 */
export type KeyedQueue = {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when every queued task has settled. */
  idle(): Promise<void>;
};

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async idle() {
      while (tails.size > 0) await Promise.allSettled([...tails.values()]);
    },
  };
}
