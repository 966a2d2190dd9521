/** OutboxStore on SQLite (migration 004): one `outbox` table for every queue. */
import { outboxJobJson, type OutboxStore, type QueuedJob } from '../../core/outbox-store';
import { gated, type Synchronous } from './gate';
import type { SqliteDatabase } from './open-database';

interface OutboxRow {
  id: number;
  queue: string;
  lane: string;
  job_json: string;
  attempts: number;
  at_most_once: number;
  created_at: string;
}

const INTERRUPTED = 'interrupted by a restart while sending';

function toJob(row: OutboxRow): QueuedJob {
  return {
    id: row.id,
    queue: row.queue,
    lane: row.lane,
    job: JSON.parse(row.job_json) as unknown,
    attempts: row.attempts,
    atMostOnce: row.at_most_once === 1,
    createdAt: new Date(row.created_at),
  };
}

export function createSqliteOutboxStore(db: SqliteDatabase): OutboxStore {
  return gated<OutboxStore>(db, createSynchronousOutboxStore(db));
}

/** The same store, synchronous, for other SQLite stores that work inside one transaction. */
export function createSynchronousOutboxStore(db: SqliteDatabase): Synchronous<OutboxStore> {
  const insert = db.prepare(
    `INSERT INTO outbox (queue, lane, job_json, state, at_most_once, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?)`,
  );
  const selectDue = db.prepare(
    `SELECT * FROM outbox o WHERE o.queue = ? AND o.state = 'waiting' AND o.next_attempt_at <= ?
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.queue = o.queue AND p.lane = o.lane AND p.id < o.id AND p.state IN ('waiting', 'sending'))
     ORDER BY o.id LIMIT ?`,
  );
  const selectNextDue = db.prepare(
    `SELECT min(o.next_attempt_at) AS at FROM outbox o WHERE o.queue = ? AND o.state = 'waiting'
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.queue = o.queue AND p.lane = o.lane AND p.id < o.id AND p.state IN ('waiting', 'sending'))`,
  );
  const countPending = db.prepare(
    "SELECT COUNT(*) AS n FROM outbox WHERE queue = ? AND state IN ('waiting', 'sending')",
  );
  const countPendingInLane = db.prepare(
    "SELECT COUNT(*) AS n FROM outbox WHERE queue = ? AND lane = ? AND state IN ('waiting', 'sending')",
  );
  const claim = db.prepare(
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'waiting'",
  );
  const finish = db.prepare(
    'UPDATE outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?',
  );
  const retry = db.prepare(
    "UPDATE outbox SET state = 'waiting', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?",
  );
  const selectInterrupted = db.prepare(
    "SELECT * FROM outbox WHERE queue = ? AND state = 'sending' ORDER BY id",
  );

  return {
    durable: true,
    enqueue(job) {
      const at = job.at.toISOString();
      const result = insert.run(
        job.queue,
        job.lane,
        outboxJobJson(job.job),
        job.atMostOnce === true ? 1 : 0,
        job.attempts ?? 0,
        (job.dueAt ?? job.at).toISOString(),
        at,
        at,
      );
      return Number(result.lastInsertRowid);
    },
    due: (queue, now, limit) =>
      (selectDue.all(queue, now.toISOString(), limit) as OutboxRow[]).map(toJob),
    nextDueAt(queue) {
      const row = selectNextDue.get(queue) as { at: string | null };
      return row.at === null ? null : new Date(row.at);
    },
    pending: (queue, lane) =>
      (
        (lane === undefined ? countPending.get(queue) : countPendingInLane.get(queue, lane)) as {
          n: number;
        }
      ).n,
    claim: (id, at) => claim.run(at.toISOString(), id).changes === 1,
    markSent(id, at) {
      finish.run('sent', null, at.toISOString(), id);
    },
    reschedule(id, dueAt, error, at) {
      retry.run(dueAt.toISOString(), error, at.toISOString(), id);
    },
    giveUp(id, error, at) {
      finish.run('failed', error, at.toISOString(), id);
    },
    recoverInterrupted(queue, at) {
      return db.transaction(() => {
        const jobs = (selectInterrupted.all(queue) as OutboxRow[]).map(toJob);
        const abandoned = jobs.filter((job) => job.atMostOnce);
        const iso = at.toISOString();
        for (const job of jobs) {
          if (job.atMostOnce) finish.run('abandoned', INTERRUPTED, iso, job.id);
          else retry.run(iso, INTERRUPTED, iso, job.id);
        }
        return { requeued: jobs.length - abandoned.length, abandoned };
      })();
    },
  };
}
