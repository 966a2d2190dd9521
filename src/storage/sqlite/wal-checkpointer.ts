/**
 * Checkpoints a SQLite file's write-ahead log on a worker thread, so that the event loop does not.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that fills the WAL past 1,000 pages: it
 * copies the pages into the database file and, with `synchronous = NORMAL`, fsyncs the WAL and the
 * file, on the thread that committed. Under load that is a stall of several milliseconds every few
 * hundred turns (20-50 us a turn of blocked event loop, measured under bench:load's traffic). Here a
 * second connection on a worker thread runs `wal_checkpoint(PASSIVE)` every `intervalMs`: PASSIVE
 * neither waits for nor blocks the writer, and a checkpoint changes nothing of what is committed. The
 * main connection keeps an automatic checkpoint at a much larger size, as a bound on the WAL if
 * the worker lags behind a steady stream of commits or cannot start.
 */
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './open-database';

/** The WAL size (pages) at which the main connection still checkpoints by itself. */
export const mainThreadCheckpointPages = 10_000;

// Plain JavaScript: the worker loads no TypeScript hook and nothing of the app.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy (another checkpoint runs): the next tick tries again.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stops the worker and closes its connection (before the main connection closes). */
  stop(): Promise<void>;
}

export function startWalCheckpointer(db: SqliteDatabase, intervalMs = 100): WalCheckpointer {
  db.pragma(`wal_autocheckpoint = ${mainThreadCheckpointPages}`);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), file: db.name, intervalMs },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // A worker that fails leaves the checkpoints to the main connection, at SQLite's usual size.
  worker.on('error', () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  worker.unref();
  return {
    async stop() {
      // Unref'd while it runs, so it never keeps a process alive; while stopping it must, or a
      // process whose last work is this close (a CLI command) ends before the close returns.
      if (!exited) {
        worker.ref();
        worker.postMessage('stop');
      }
      await exit;
    },
  };
}
