/**
 * Timestamps that never repeat or go backwards within the process, so messages stored in one
 * millisecond (a safe reply and the notice after it) keep their order when sorted by time.
 */
export function createMonotonicTime(now: () => Date): () => Date {
  let last = 0;
  return () => {
    last = Math.max(now().getTime(), last + 1);
    return new Date(last);
  };
}
