/**
 * The one outbox engine: sends the jobs of one queue of the OutboxStore through a handler. Every
 * kind of send uses it (channel replies, staff relays, ticket and case posts, follow-ups, messages
 * to customers from the desk), each with its own queue.
 *
 * A run claims the jobs that are due (the store gives only the first waiting job of each lane, so
 * a lane's jobs go out in order and one that waits for a retry holds back the ones behind it, not
 * other lanes), sends each, and marks it sent only after the handler resolved. A temporary
 * failure waits the next of the handler's delays; a permanent one, or one with no delay left, is
 * given up, with the handler's `onGiveUp` in the same transaction. A claim is conditional in the
 * store, so two runners on one store (two processes, two replicas) never send a job twice.
 * `recover()`, at start, puts back the jobs a crash interrupted while sending.
 *
 * The runner owns no timer: whoever drives it (the composition root, an adapter) calls `drain()`
 * on its own timer, and `wake` tells it when the next job is due.
 */
import { errorMessage } from '../error-message';
import type { InterruptedJobs, OutboxStore, QueuedJob } from '../outbox-store';
import type { LogFields, Logger } from '../ports';
import { afterFailure, temporaryUnlessPermanent } from './retry-policy';

/** What a queue's jobs need: how to send one, and what to do when that fails. */
export interface OutboxHandler<Job> {
  /** Sends one job (read back from the store); throws when it was not delivered. */
  send(job: Job, entry: QueuedJob): Promise<void>;
  /** Waits before each later attempt; after the last the job is given up. */
  retryDelaysMs(job: Job): readonly number[];
  /** True when a later attempt may succeed; default: anything but a PermanentFailure. */
  isTemporary?(error: unknown): boolean;
  /**
   * Called when a job is given up, in one transaction with marking it failed (the relay reports
   * an undeliverable customer message in the ticket's thread). Store calls only, no network.
   */
  onGiveUp?(job: Job, entry: QueuedJob, error: string, at: Date): Promise<void>;
  /** Log fields naming a job: ids and kinds, never customer text. Default: the lane. */
  describe?(job: Job, entry: QueuedJob): LogFields;
}

/** The log lines of a queue, in its own words ("reply not delivered; will retry"). */
export interface OutboxTexts {
  readonly retry: string;
  readonly refused: string;
  readonly exhausted: string;
  readonly requeued: string;
  readonly abandoned: string;
  readonly failed: string;
}

export interface OutboxRunnerOptions<Job> extends OutboxHandler<Job> {
  readonly store: OutboxStore;
  readonly queue: string;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly texts?: Partial<OutboxTexts>;
  /** Runs a give-up and its hook as one transaction (TicketStore.atomically); default: as they are. */
  readonly atomically?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Told after every run when the next waiting job is due (null: none waits). */
  readonly wake?: (at: Date | null) => void;
  /** Jobs read per query; default 20. */
  readonly batch?: number;
}

export interface OutboxRunner {
  /** Sends every job that is due, until none is; concurrent calls share one run. */
  drain(): Promise<void>;
  /** Starts a drain without waiting for it; a failure is logged. */
  kick(): void;
  /** At start: jobs a crash interrupted go back to waiting (at-most-once ones are set aside). */
  recover(): Promise<InterruptedJobs>;
  /** Jobs of the queue (or of one lane) neither sent nor given up. */
  pending(lane?: string): Promise<number>;
  /** Calls `wake` with the next due time, unless a run is under way (it calls `wake` when done). */
  wakeAtNextDue(): Promise<void>;
  /** Resolves when no run is under way. */
  idle(): Promise<void>;
  /** Claims nothing more and waits for the run under way; what waits stays in the store. */
  close(): Promise<void>;
}

const defaultTexts: OutboxTexts = {
  retry: 'message not sent; will retry',
  refused: 'message refused; not retrying',
  exhausted: 'message not sent after all retries; giving up',
  requeued: 'messages interrupted by a restart will be sent again',
  abandoned: 'an at-most-once message was interrupted by a restart and is not sent again',
  failed: 'outbox failed',
};

export function createOutboxRunner<Job>(options: OutboxRunnerOptions<Job>): OutboxRunner {
  const { store, queue, now, logger } = options;
  const texts: OutboxTexts = { ...defaultTexts, ...options.texts };
  const isTemporary = options.isTemporary ?? temporaryUnlessPermanent;
  const atomically = options.atomically ?? (<T>(work: () => Promise<T>) => work());
  const describe = (entry: QueuedJob): LogFields =>
    options.describe?.(entry.job as Job, entry) ?? { lane: entry.lane };
  const batch = options.batch ?? 20;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  async function failed(entry: QueuedJob, error: unknown): Promise<void> {
    const job = entry.job as Job;
    const message = errorMessage(error);
    const fields = { ...describe(entry), attempt: entry.attempts, error: message };
    const next = afterFailure(options.retryDelaysMs(job), entry.attempts, isTemporary(error));
    const at = now();
    if (next.next === 'retry') {
      await store.reschedule(entry.id, new Date(at.getTime() + next.inMs), message, at);
      logger.warn({ ...fields, retryInMs: next.inMs }, texts.retry);
      return;
    }
    logger.error(fields, next.why === 'refused' ? texts.refused : texts.exhausted);
    await atomically(async () => {
      await store.giveUp(entry.id, message, at);
      await options.onGiveUp?.(job, entry, message, at);
    });
  }

  /** One pass over the due jobs; returns how many this runner claimed. */
  async function sendDue(): Promise<number> {
    let claimed = 0;
    for (const entry of await store.due(queue, now(), batch)) {
      if (closed || !(await store.claim(entry.id, now()))) continue;
      claimed += 1;
      const attempt: QueuedJob = { ...entry, attempts: entry.attempts + 1 };
      try {
        await options.send(attempt.job as Job, attempt);
      } catch (error) {
        await failed(attempt, error);
        continue;
      }
      await store.markSent(entry.id, now());
    }
    return claimed;
  }

  async function wakeAtNextDue(): Promise<void> {
    if (!options.wake || closed || running) return;
    const next = await store.nextDueAt(queue);
    if (!closed && !running) options.wake(next);
  }

  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        while (!closed && (await sendDue()) > 0);
      } while (again && !closed);
    })().finally(() => {
      running = null;
      wakeAtNextDue().catch((error: unknown) =>
        logger.error({ error: errorMessage(error) }, texts.failed),
      );
    });
    return running;
  }

  return {
    drain,
    kick() {
      drain().catch((error: unknown) => logger.error({ error: errorMessage(error) }, texts.failed));
    },
    async recover() {
      const interrupted = await store.recoverInterrupted(queue, now());
      if (interrupted.requeued > 0) logger.warn({ requeued: interrupted.requeued }, texts.requeued);
      for (const entry of interrupted.abandoned) logger.warn(describe(entry), texts.abandoned);
      return interrupted;
    },
    pending: (lane) => store.pending(queue, lane),
    wakeAtNextDue,
    idle: async () => {
      while (running) await running.catch(() => undefined);
    },
    async close() {
      closed = true;
      while (running) await running.catch(() => undefined);
    },
  };
}
