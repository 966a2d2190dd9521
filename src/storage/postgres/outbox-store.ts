/**
 * OutboxStore on PostgreSQL, shared by every replica. A claim is one conditional UPDATE (still
 * waiting, due, first in its lane): of two replicas claiming the same job, one gets it. A claimed
 * job names its replica; `recoverInterrupted` takes back only jobs of replicas that are gone
 * (src/storage/postgres/replica.ts), so a replica killed while sending loses nothing (an
 * at-most-once job is set aside instead, as on SQLite), and a live replica's send is never
 * doubled. `due` reads with FOR UPDATE SKIP LOCKED, so it never waits behind another replica's
 * claim in progress.
 */
import {
  outboxJobJson,
  type NewQueuedJob,
  type OutboxStore,
  type QueuedJob,
} from '../../core/outbox-store';
import type { AsyncPort, Queryable } from './async-port';
import { inTransaction, on, type PostgresPool } from './pool';
import { replicaIsGone } from './replica';

interface OutboxRow extends Record<string, unknown> {
  id: number;
  queue: string;
  lane: string;
  job_json: string;
  attempts: number;
  at_most_once: boolean;
  created_at: Date;
  claimed_by: string | null;
}

const INTERRUPTED = 'interrupted by a restart while sending';

function toJob(row: OutboxRow): QueuedJob {
  return {
    id: row.id,
    queue: row.queue,
    lane: row.lane,
    job: JSON.parse(row.job_json) as unknown,
    attempts: row.attempts,
    atMostOnce: row.at_most_once,
    createdAt: row.created_at,
  };
}

const EARLIER_OPEN_IN_LANE = `EXISTS (SELECT 1 FROM outbox p WHERE p.queue = o.queue AND p.lane = o.lane
  AND p.id < o.id AND p.state IN ('waiting', 'sending'))`;

/** Queues a job on `db` (the pool, or a transaction's client: a case change and its notice commit together). */
export async function insertOutboxJob(db: Queryable, job: NewQueuedJob): Promise<number> {
  const json = outboxJobJson(job.job);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO outbox (queue, lane, job_json, state, at_most_once, attempts, next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'waiting', $4, $5, $6, $7, $7) RETURNING id`,
    [
      job.queue,
      job.lane,
      json,
      job.atMostOnce === true,
      job.attempts ?? 0,
      job.dueAt ?? job.at,
      job.at,
    ],
  );
  return (rows[0] as { id: number }).id;
}

export function createPostgresOutboxStore(
  pool: PostgresPool,
  /** The replica this store claims jobs for (src/storage/postgres/replica.ts). */
  replicaId: string,
): AsyncPort<OutboxStore> {
  return {
    durable: true,
    enqueue: (job) => insertOutboxJob(on(pool), job),
    async due(queue, now, limit) {
      const { rows } = await on(pool).query<OutboxRow>(
        `SELECT * FROM outbox o WHERE o.queue = $1 AND o.state = 'waiting' AND o.next_attempt_at <= $2
           AND NOT ${EARLIER_OPEN_IN_LANE}
         ORDER BY o.id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [queue, now, limit],
      );
      return rows.map(toJob);
    },
    async nextDueAt(queue) {
      const { rows } = await on(pool).query<{ at: Date | null }>(
        `SELECT min(o.next_attempt_at) AS at FROM outbox o WHERE o.queue = $1 AND o.state = 'waiting'
           AND NOT ${EARLIER_OPEN_IN_LANE}`,
        [queue],
      );
      return rows[0]?.at ?? null;
    },
    async pending(queue, lane) {
      const { rows } = await on(pool).query<{ n: number }>(
        lane === undefined
          ? "SELECT count(*) AS n FROM outbox WHERE queue = $1 AND state IN ('waiting', 'sending')"
          : "SELECT count(*) AS n FROM outbox WHERE queue = $1 AND lane = $2 AND state IN ('waiting', 'sending')",
        lane === undefined ? [queue] : [queue, lane],
      );
      return rows[0]?.n ?? 0;
    },
    async claim(id, at) {
      const result = await on(pool).query(
        `UPDATE outbox o SET state = 'sending', attempts = attempts + 1, claimed_by = $3, updated_at = $2
         WHERE o.id = $1 AND o.state = 'waiting' AND o.next_attempt_at <= $2 AND NOT ${EARLIER_OPEN_IN_LANE}`,
        [id, at, replicaId],
      );
      return result.rowCount === 1;
    },
    async markSent(id, at) {
      await on(pool).query(
        "UPDATE outbox SET state = 'sent', last_error = NULL, claimed_by = NULL, updated_at = $2 WHERE id = $1",
        [id, at],
      );
    },
    async reschedule(id, dueAt, error, at) {
      await on(pool).query(
        "UPDATE outbox SET state = 'waiting', next_attempt_at = $2, last_error = $3, claimed_by = NULL, updated_at = $4 WHERE id = $1",
        [id, dueAt, error, at],
      );
    },
    async giveUp(id, error, at) {
      await on(pool).query(
        "UPDATE outbox SET state = 'failed', last_error = $2, claimed_by = NULL, updated_at = $3 WHERE id = $1",
        [id, error, at],
      );
    },
    recoverInterrupted: (queue, at) =>
      // This replica's own claims count as interrupted: the call is made at start, before it
      // sends anything, as on SQLite.
      recoverClaims(pool, { queue, replicaId, ownToo: true }, at),
  };
}

export interface ClaimsToRecover {
  /** One queue, or every queue when undefined. */
  readonly queue?: string;
  readonly replicaId: string;
  /** Whether this replica's own claims count as interrupted (at its start: yes; while it runs: no). */
  readonly ownToo: boolean;
}

/**
 * Jobs being sent by replicas that are gone (nobody holds their liveness lock) go back to waiting;
 * at-most-once ones are set aside and returned rather than risk a second copy. A running replica
 * calls this now and then (src/replica-roles.ts) so that a SIGKILLed one's jobs are not stuck.
 */
export async function recoverClaims(
  pool: PostgresPool,
  which: ClaimsToRecover,
  at: Date,
): Promise<{ requeued: number; abandoned: QueuedJob[] }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<OutboxRow>(
      which.queue === undefined
        ? "SELECT * FROM outbox WHERE state = 'sending' ORDER BY id FOR UPDATE SKIP LOCKED"
        : "SELECT * FROM outbox WHERE queue = $1 AND state = 'sending' ORDER BY id FOR UPDATE SKIP LOCKED",
      which.queue === undefined ? [] : [which.queue],
    );
    const gone = new Map<string, boolean>();
    const interrupted: OutboxRow[] = [];
    for (const row of rows) {
      const owner = row.claimed_by ?? '';
      if (!gone.has(owner)) {
        const isGone =
          owner === which.replicaId
            ? which.ownToo
            : owner === '' || (await replicaIsGone(client, owner));
        gone.set(owner, isGone);
      }
      if (gone.get(owner)) interrupted.push(row);
    }
    const jobs = interrupted.map(toJob);
    const abandoned = jobs.filter((job) => job.atMostOnce);
    for (const job of jobs) {
      await client.query(
        job.atMostOnce
          ? "UPDATE outbox SET state = 'abandoned', last_error = $2, claimed_by = NULL, updated_at = $3 WHERE id = $1"
          : "UPDATE outbox SET state = 'waiting', next_attempt_at = $3, last_error = $2, claimed_by = NULL, updated_at = $3 WHERE id = $1",
        [job.id, INTERRUPTED, at],
      );
    }
    return { requeued: jobs.length - abandoned.length, abandoned };
  });
}
