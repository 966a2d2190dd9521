/**
 * A durable queue of messages still to send, described by the core and shared by everything that
 * must not lose a message: the hand-off desk (staff replies, ticket posts, follow-ups) and the
 * channel adapters (replies the platform refused). SQLite implements it on the bot's database
 * (src/storage/sqlite/outbox-store.ts), so a queued message survives a restart.
 *
 * Jobs are grouped by `queue` (who sends them: `handoff`, `telegram`, …) and, within a queue, by
 * `lane` (one conversation or thread): a lane's jobs go out in the order they were queued, and a
 * job waiting for a later attempt holds back the ones behind it, not other lanes.
 */

export interface QueuedJob {
  readonly id: number;
  readonly queue: string;
  readonly lane: string;
  /** The job as it was queued, read back from JSON. */
  readonly job: unknown;
  /** Attempts made so far, the current one included once claimed. */
  readonly attempts: number;
  /**
   * True for messages that must never arrive twice (follow-ups): one interrupted by a crash is
   * not sent again. False for replies, which must never be lost: resent after a crash.
   */
  readonly atMostOnce: boolean;
  readonly createdAt: Date;
}

export interface NewQueuedJob {
  readonly queue: string;
  readonly lane: string;
  /** Plain JSON (the platform call's payload, say): stored as text and read back after a restart. */
  readonly job: unknown;
  readonly atMostOnce?: boolean;
  /** Attempts already made before the job was queued (a first try that failed); 0 when unset. */
  readonly attempts?: number;
  readonly at: Date;
  /** The earliest time of the next attempt; `at` when unset. */
  readonly dueAt?: Date;
}

export interface InterruptedJobs {
  readonly requeued: number;
  /** At-most-once jobs set aside rather than risk a second copy. */
  readonly abandoned: readonly QueuedJob[];
}

export interface OutboxStore {
  /** False for a store in memory: its jobs end with the process. */
  readonly durable: boolean;
  /** Queues a job; returns its id. */
  enqueue(job: NewQueuedJob): Promise<number>;
  /** Jobs of `queue` that may go now: waiting, due, and first in their lane; oldest first. */
  due(queue: string, now: Date, limit: number): Promise<QueuedJob[]>;
  /**
   * When the earliest job of `queue` that `due` may return is due (a job behind another in its
   * lane is not: it goes when that one is done); null when none waits.
   */
  nextDueAt(queue: string): Promise<Date | null>;
  /** Jobs neither sent nor given up, in `queue` or in one of its lanes. */
  pending(queue: string, lane?: string): Promise<number>;
  /** Claims a job for sending (counting the attempt); false when another worker has it. */
  claim(id: number, at: Date): Promise<boolean>;
  markSent(id: number, at: Date): Promise<void>;
  /** Puts a claimed job back to wait until `dueAt`. */
  reschedule(id: number, dueAt: Date, error: string, at: Date): Promise<void>;
  /** Gives a job up for good; the error is kept with it. */
  giveUp(id: number, error: string, at: Date): Promise<void>;
  /**
   * After a restart: jobs of `queue` a crash interrupted while sending go back to waiting, except
   * at-most-once ones, which are set aside (returned) rather than risk a second copy.
   */
  recoverInterrupted(queue: string, at: Date): Promise<InterruptedJobs>;
}

/** A job as a store keeps it, JSON text; a job JSON cannot hold is refused when it is queued. */
export function outboxJobJson(job: unknown): string {
  const json = JSON.stringify(job);
  if (json === undefined) throw new TypeError(`an outbox job must be JSON; got ${typeof job}`);
  return json;
}
