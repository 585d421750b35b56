import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

/**
 * Wraps a single-connection SQLite adapter so that no statement runs while another caller's transaction is open.
 *
 * Why: better-sqlite3 has one connection. Prisma's adapter serialises transactions among themselves, but a
 * plain query issued while a transaction awaits runs on the same connection, inside that transaction; if the
 * transaction then rolls back, the unrelated write (say, a student's message just acknowledged) is lost too.
 * Here every statement outside a transaction waits until no transaction is open.
 */
export function serializeAdapter(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      return wrap(await factory.connect());
    },
  };
}

function wrap(inner: SqlDriverAdapter): SqlDriverAdapter {
  const gate = createGate();
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.exclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.exclusive(() => inner.executeRaw(query)),
    executeScript: (script) => gate.exclusive(() => inner.executeScript(script)),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => gate.exclusive(() => inner.dispose()),
    async startTransaction(isolationLevel) {
      const release = await gate.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      let released = false;
      const finish = async (end: () => Promise<void>) => {
        try {
          await end();
        } finally {
          if (!released) {
            released = true;
            release();
          }
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        commit: () => finish(() => tx.commit()),
        rollback: () => finish(() => tx.rollback()),
      };
    },
  };
}

/** A FIFO async mutex. */
function createGate() {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => next);
    return ready;
  };
  return {
    acquire,
    async exclusive<T>(work: () => Promise<T>): Promise<T> {
      const release = await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
