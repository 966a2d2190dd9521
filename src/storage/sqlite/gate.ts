/**
 * One transaction at a time on a better-sqlite3 connection, with async work inside it.
 *
 * better-sqlite3 is synchronous, but the storage ports are async (so that a shared database can
 * implement them). A transaction whose work awaits store calls therefore stays open across
 * microtasks, and any other caller on the same connection would silently join it. The gate
 * prevents that: `atomically(work)` runs the work and everything it awaits in its
 * AsyncLocalStorage context, where store calls pass straight through, and every other store call
 * waits until the transaction has ended. Nested `atomically` calls join the outer transaction. The
 * work must only await store calls (they resolve at once), never the network: the connection is
 * held until it returns.
 *
 * Group commit: transactions that queue up while one runs are run one after the other in the same
 * SQLite transaction (BEGIN IMMEDIATE … COMMIT), each inside its own SAVEPOINT, so a work that
 * throws rolls back only its own writes. Every `atomically` of the group resolves only after the
 * COMMIT, so nothing a caller does with the result (sending a reply) precedes the commit; a failed
 * COMMIT rejects them all. One commit (the WAL write, and now and then a checkpoint) then serves
 * the whole group instead of each turn.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteDatabase } from './open-database';

export interface TransactionGate {
  /** Runs one synchronous store operation, after the open transaction of another caller ends. */
  run<T>(operation: () => T): Promise<T>;
  /** Runs `work` in one transaction; nested calls join the outer one. */
  atomically<T>(work: () => Promise<T> | T): Promise<T>;
}

/** At most this many transactions share one commit (bounds how long the event loop waits). */
const maxGroup = 32;

interface QueuedWork {
  readonly db: SqliteDatabase;
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** A queued work once it ran: its result, or why it failed. */
type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const gates = new WeakMap<SqliteDatabase, TransactionGate>();

/** The gate's transaction statements, prepared once per connection (exec parses them each time). */
interface Control {
  readonly begin: () => void;
  readonly savepoint: () => void;
  readonly release: () => void;
  readonly rollbackTo: () => void;
  readonly commit: () => void;
}

const controls = new WeakMap<SqliteDatabase, Control>();

function controlOf(db: SqliteDatabase): Control {
  let control = controls.get(db);
  if (!control) {
    const statement = (sql: string) => {
      const prepared = db.prepare(sql);
      return () => void prepared.run();
    };
    control = {
      begin: statement('BEGIN IMMEDIATE'),
      savepoint: statement('SAVEPOINT turn'),
      release: statement('RELEASE turn'),
      rollbackTo: statement('ROLLBACK TO turn'),
      commit: statement('COMMIT'),
    };
    controls.set(db, control);
  }
  return control;
}

/** Who holds a database file in this process: shared by every connection to the same file. */
interface FileLock {
  readonly context: AsyncLocalStorage<object>;
  /** The token of the running transaction work, or of its group between works; null when idle. */
  owner: object | null;
  /** Transactions waiting for the current group's commit (or to start one). */
  readonly queue: QueuedWork[];
  /** Settles when the open group has committed or rolled back; null when none is open. */
  idle: Promise<void> | null;
  /** A group is about to start (at the next check phase of the event loop). */
  starting: boolean;
}

const fileLocks = new Map<string, FileLock>();

const newLock = (): FileLock => ({
  context: new AsyncLocalStorage<object>(),
  owner: null,
  queue: [],
  idle: null,
  starting: false,
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
    return (lock.idle ?? Promise.resolve()).then(() => run(operation));
  };

  const atomically = <T>(work: () => Promise<T> | T): Promise<T> => {
    if (lock.owner !== null && context.getStore() === lock.owner) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return new Promise<T>((resolve, reject) => {
      lock.queue.push({ db, work, resolve: resolve as (value: unknown) => void, reject });
      if (lock.idle === null && !lock.starting) {
        // Started after the I/O callbacks of this loop turn: turns that other requests read in
        // the same turn then join the group instead of each waiting for a commit of its own.
        lock.starting = true;
        setImmediate(() => {
          lock.starting = false;
          void commitGroups(lock);
        });
      }
    });
  };

  return { run, atomically };
}

/** Runs the queued transactions, a group per commit, until the queue is empty. */
async function commitGroups(lock: FileLock): Promise<void> {
  while (lock.queue.length > 0) {
    let groupEnded!: () => void;
    lock.idle = new Promise<void>((resolve) => (groupEnded = resolve));
    const { db } = lock.queue[0] as QueuedWork;
    const group = new Map<QueuedWork, Outcome>();
    try {
      await runGroup(lock, db, group);
    } catch (error) {
      // Only a failed ROLLBACK lands here: nothing of the group may count as committed.
      failAll(group, error);
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } catch {
        // The connection already refused once; the next group's BEGIN reports its state.
      }
    }
    lock.owner = null;
    lock.idle = null;
    groupEnded();
    for (const [item, outcome] of group)
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    // Store calls that waited for this commit go first, then the next group starts.
    await Promise.resolve();
  }
}

/** One BEGIN … COMMIT over the queued works of one connection; `group` gets each one's outcome. */
async function runGroup(
  lock: FileLock,
  db: SqliteDatabase,
  group: Map<QueuedWork, Outcome>,
): Promise<void> {
  const first = lock.queue[0] as QueuedWork;
  const control = controlOf(db);
  const between = {};
  lock.owner = between;
  try {
    control.begin();
  } catch (error) {
    lock.queue.shift();
    group.set(first, { ok: false, error });
    return;
  }
  while (lock.queue[0]?.db === db && group.size < maxGroup) {
    const item = lock.queue.shift() as QueuedWork;
    const token = {};
    lock.owner = token;
    try {
      control.savepoint();
      group.set(item, { ok: true, value: await lock.context.run(token, item.work) });
      control.release();
    } catch (error) {
      group.set(item, { ok: false, error });
      if (!db.inTransaction) {
        // SQLite itself rolled the whole transaction back (a full disk, an I/O error): the
        // group's earlier works are gone too.
        failAll(group, error);
        return;
      }
      try {
        control.rollbackTo();
        control.release();
      } catch (rollbackError) {
        failAll(group, rollbackError);
        if (db.inTransaction) db.exec('ROLLBACK');
        return;
      }
    } finally {
      lock.owner = between;
    }
  }
  try {
    control.commit();
  } catch (error) {
    failAll(group, error);
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** Every work of a group that was rolled back as a whole fails, with the error that ended it. */
function failAll(group: Map<QueuedWork, Outcome>, error: unknown): void {
  for (const [item, outcome] of group) if (outcome.ok) group.set(item, { ok: false, error });
}

/**
 * `body` in a transaction of its own when called alone; inside an open one (a turn's, which has
 * its own SAVEPOINT in the gate) it joins it without a nested SAVEPOINT and RELEASE of its own.
 */
export function atomicAlone<A extends unknown[], R>(
  db: SqliteDatabase,
  body: (...args: A) => R,
): (...args: A) => R {
  const alone = db.transaction(body);
  return (...args: A): R => (db.inTransaction ? body(...args) : alone(...args));
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
