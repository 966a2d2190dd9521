/**
 * Replies that the platform refused even after the SDK's own retries wait here and are sent
 * again later, in order per conversation, so a platform outage delays an answer instead of
 * losing it. A reply is tried once right away; one that fails for a temporary reason is written
 * to the OutboxStore (the bot's database) with the replies behind it, so the later attempts
 * happen across a restart too: `resume()` at start sends what the last run left. A permanent
 * refusal (the user blocked the bot, the chat is gone) is logged and dropped.
 *
 * The later attempts are the core's outbox runner (src/core/outbox/runner.ts), the engine every
 * other queue uses too; this file adds the first attempt in memory and the timer.
 */
import type { Logger } from '../../src/core/ports';
import type { OutboxStore } from '../../src/core/outbox-store';
import { createOutboxRunner } from '../../src/core/outbox/runner';
import { afterFailure } from '../../src/core/outbox/retry-policy';
import { createInFlight } from './in-flight';
import { errorMessage } from '../../src/core/error-message';

export interface OutboxOptions<Job> {
  /** The store's queue for this adapter's jobs: the channel's name. */
  readonly queue: string;
  readonly store: OutboxStore;
  /** Sends a job; also how later attempts are made. Jobs must be plain JSON (they are stored). */
  send(job: Job): Promise<void>;
  isTemporary(error: unknown): boolean;
  /** Waits before each later attempt; after the last one the job is given up and logged. */
  readonly laterDelaysMs?: readonly number[];
  readonly logger: Logger;
  /** The time due times are read from (the adapter's clock); it must move with real time, as the timers are real. */
  readonly now?: () => Date;
}

export interface Outbox<Job> {
  /**
   * Sends the jobs after any still waiting for the same conversation. Resolves once the first
   * attempt is over (sent or stored for later); never rejects. `firstAttempt`, when given, makes
   * the first attempt instead of `send` (Teams answers inside the open turn).
   */
  send(
    conversationId: string,
    jobs: readonly Job[],
    firstAttempt?: (job: Job) => Promise<void>,
  ): Promise<void>;
  /**
   * Writes the jobs of a turn's replies to the store, in order, for the conversation: called
   * inside the turn's transaction (TurnDelivery.commit), so they commit with the turn. Nothing
   * is sent until `flush`.
   */
  commit(conversationId: string, jobs: readonly Job[]): Promise<void>;
  /**
   * Sends every committed job that is due (a job is marked sent only after the platform accepted
   * it); resolves when the attempt is over (sent, or rescheduled for later); never rejects.
   */
  flush(): Promise<void>;
  /** Sends what an earlier run left in the store, and keeps retrying it; call at start. */
  resume(): Promise<void>;
  /** How many jobs are waiting for a later attempt. */
  waiting(): Promise<number>;
  /** Stops the timers and waits for sends under way; what still waits stays in a durable store. */
  close(): Promise<void>;
}

interface FirstTry<Job> {
  readonly job: Job;
  readonly attempt: (job: Job) => Promise<void>;
}

const defaultLaterDelaysMs: readonly number[] = [
  5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000,
];

const texts = {
  retry: 'reply not delivered; will retry',
  refused: 'platform refused a reply; not retrying',
  exhausted: 'reply not delivered after all retries; giving up',
  requeued: 'replies interrupted by a restart will be sent again',
  failed: 'outbox failed',
};

export function createOutbox<Job>(options: OutboxOptions<Job>): Outbox<Job> {
  const { store, queue, logger } = options;
  const now = options.now ?? (() => new Date());
  const laterDelaysMs = options.laterDelaysMs ?? defaultLaterDelaysMs;
  // Jobs on their first attempt, per conversation; they reach the store only if that fails.
  const firstTries = new Map<string, FirstTry<Job>[]>();
  const inFlight = createInFlight();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  /** One timer, for the earliest job still waiting. */
  const wake = (next: Date | null): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (next === null || closed) return;
    timer = setTimeout(
      () => {
        timer = null;
        void drain();
      },
      Math.max(0, next.getTime() - now().getTime()),
    );
  };
  const runner = createOutboxRunner<Job>({
    store,
    queue,
    now,
    logger,
    texts,
    send: (job) => options.send(job),
    retryDelaysMs: () => laterDelaysMs,
    isTemporary: (error) => options.isTemporary(error),
    describe: (_job, entry) => ({ conversationId: entry.lane }),
    wake,
  });
  const drain = (): Promise<void> =>
    inFlight.track(
      runner.drain().catch((error: unknown) => {
        logger.error({ error: errorMessage(error) }, texts.failed);
      }),
    );
  const schedule = (): Promise<void> =>
    runner
      .wakeAtNextDue()
      .catch((error: unknown) => logger.error({ error: errorMessage(error) }, texts.failed));

  const keep = async (
    conversationId: string,
    jobs: readonly Job[],
    attempts: number,
    dueAt: Date,
  ): Promise<void> => {
    const at = now();
    for (const [index, job] of jobs.entries()) {
      await store.enqueue({
        queue,
        lane: conversationId,
        job,
        attempts: index === 0 ? attempts : 0,
        at,
        dueAt: index === 0 ? dueAt : at,
      });
    }
  };

  const tryFirst = async (conversationId: string, pending: FirstTry<Job>[]): Promise<void> => {
    while (pending.length > 0) {
      const next = pending[0] as FirstTry<Job>;
      try {
        await next.attempt(next.job);
        pending.shift();
      } catch (error) {
        pending.shift();
        const fields = { conversationId, error: errorMessage(error), attempt: 1 };
        const after = afterFailure(laterDelaysMs, 1, options.isTemporary(error));
        if (after.next === 'give-up') {
          logger.error(fields, after.why === 'refused' ? texts.refused : texts.exhausted);
          continue;
        }
        // The failed reply and every one behind it wait in the store, in order.
        await keep(
          conversationId,
          [next.job, ...pending.splice(0).map((entry) => entry.job)],
          1,
          new Date(now().getTime() + after.inMs),
        );
        logger.warn({ ...fields, retryInMs: after.inMs }, texts.retry);
        await schedule();
      }
    }
    firstTries.delete(conversationId);
  };

  return {
    send(conversationId, jobs, firstAttempt) {
      if (jobs.length === 0) return Promise.resolve();
      const attempt = firstAttempt ?? options.send;
      const running = firstTries.get(conversationId);
      if (running !== undefined) {
        running.push(...jobs.map((job) => ({ job, attempt })));
        return Promise.resolve();
      }
      const pending = jobs.map((job) => ({ job, attempt }));
      firstTries.set(conversationId, pending);
      return inFlight.track(
        (async () => {
          if ((await store.pending(queue, conversationId)) > 0) {
            // Earlier replies still wait for this conversation: these (and any queued behind
            // them meanwhile) go after them.
            firstTries.delete(conversationId);
            await keep(
              conversationId,
              pending.splice(0).map((entry) => entry.job),
              0,
              now(),
            );
            void drain();
            return;
          }
          await tryFirst(conversationId, pending);
        })(),
      );
    },
    commit: (conversationId, jobs) => keep(conversationId, jobs, 0, now()),
    flush: () => (closed ? Promise.resolve() : drain()),
    async resume() {
      await runner.recover();
      const waiting = await runner.pending();
      if (waiting > 0) logger.info({ waiting }, 'sending replies an earlier run could not deliver');
      void drain();
    },
    waiting: () => runner.pending(),
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await runner.close();
      const waiting = await runner.pending();
      if (waiting > 0 && store.durable)
        logger.info({ waiting }, 'replies not yet delivered are kept for the next start');
      else if (waiting > 0)
        logger.error({ lost: waiting }, 'stopping with replies not yet delivered');
      await inFlight.settled();
    },
  };
}
