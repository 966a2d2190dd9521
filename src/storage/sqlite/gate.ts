/**
 * One transaction at a time on a better-sqlite3 connection, with async work inside it.
 *
 * better-sqlite3 is synchronous, but the storage ports are async (so that a shared database can
 * implement them). A transaction whose work awaits store calls therefore stays open across
 * microtasks, and any other caller on the same connection would silently join it. The gate
 * prevents that: `atomically(work)` takes the connection (BEGIN IMMEDIATE … COMMIT, ROLLBACK on
 * a throw), the work and everything it awaits runs in its AsyncLocalStorage context and passes
 * straight through, and every other store call waits until the transaction has ended. Nested
 * `atomically` calls join the outer transaction. The work must only await store calls (they
 * resolve at once), never the network: the connection is held until it returns.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteDatabase } from './open-database';

export interface TransactionGate {
  /** Runs one synchronous store operation, after the open transaction of another caller ends. */
  run<T>(operation: () => T): Promise<T>;
  /** Runs `work` in one transaction; nested calls join the outer one. */
  atomically<T>(work: () => Promise<T> | T): Promise<T>;
}

const gates = new WeakMap<SqliteDatabase, TransactionGate>();

/** Who holds a database file in this process: shared by every connection to the same file. */
interface FileLock {
  readonly context: AsyncLocalStorage<object>;
  /** The token of the open transaction; null when none is open. */
  owner: object | null;
  /** Settles when the last queued transaction has ended. */
  tail: Promise<void>;
}

const fileLocks = new Map<string, FileLock>();

const newLock = (): FileLock => ({
  context: new AsyncLocalStorage<object>(),
  owner: null,
  tail: Promise.resolve(),
});

/**
 * The gate of a connection: every store on the same connection shares it, and two connections of
 * this process to the same file share its lock (a transaction held open across awaits on one
 * would otherwise block the other's BEGIN IMMEDIATE, and the event loop with it).
 */
export function gateFor(db: SqliteDatabase): TransactionGate {
  let gate = gates.get(db);
  if (!gate) {
    let lock = db.memory ? newLock() : fileLocks.get(db.name);
    if (!lock) {
      lock = newLock();
      fileLocks.set(db.name, lock);
    }
    gate = createGate(db, lock);
    gates.set(db, gate);
  }
  return gate;
}

function createGate(db: SqliteDatabase, lock: FileLock): TransactionGate {
  const { context } = lock;
  const mayRun = (): boolean => lock.owner === null || context.getStore() === lock.owner;

  const run = <T>(operation: () => T): Promise<T> => {
    if (mayRun()) {
      try {
        return Promise.resolve(operation());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return lock.tail.then(() => run(operation));
  };

  const atomically = async <T>(work: () => Promise<T> | T): Promise<T> => {
    if (lock.owner !== null && context.getStore() === lock.owner) return work();
    const previous = lock.tail;
    let release!: () => void;
    lock.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      const token = {};
      lock.owner = token;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await context.run(token, work);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      lock.owner = null;
      release();
    }
  };

  return { run, atomically };
}

/** A port's methods as a synchronous implementation writes them: the same, without the Promise. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/**
 * Wraps a synchronous store so that each method returns a Promise and waits for the gate. The
 * methods keep their `this`-free closures; non-function properties are copied as they are.
 */
export function gated<T extends object>(db: SqliteDatabase, store: Synchronous<T>): T {
  return gateAll(db, store as unknown as T);
}

/**
 * Makes every method of a store that is already async (its body synchronous better-sqlite3 calls)
 * wait for the gate, so that it never runs inside, or joins, another caller's open transaction.
 */
export function gateAll<T extends object>(db: SqliteDatabase, store: T): T {
  const gate = gateFor(db);
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    result[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => gate.run(() => (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return result as T;
}
