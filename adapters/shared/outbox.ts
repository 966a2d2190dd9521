/**
 * Replies that the platform refused even after the SDK's own retries wait here and are sent
 * again later, in order per conversation, so a platform outage delays an answer instead of
 * losing it. Only temporary failures are kept; a permanent refusal (the user blocked the bot,
 * the chat is gone) is logged and dropped.
 */
import type { Logger } from '../../src/core/ports';

export interface OutboxOptions<Job> {
  send(job: Job): Promise<void>;
  isTemporary(error: unknown): boolean;
  /** Waits before each later attempt; after the last one the job is given up and logged. */
  readonly laterDelaysMs: readonly number[];
  readonly logger: Logger;
}

export interface Outbox<Job> {
  /**
   * Sends the jobs after any still waiting for the same conversation. Resolves once the first
   * attempt is over (sent or queued for later); never rejects.
   */
  send(conversationId: string, jobs: readonly Job[]): Promise<void>;
  /** How many jobs are waiting for a later attempt. */
  waiting(): number;
  /** Stops the timers; waiting jobs are logged as not sent. */
  close(): void;
}

interface Queue<Job> {
  readonly jobs: Job[];
  failures: number;
  timer: NodeJS.Timeout | null;
  draining: Promise<void> | null;
}

export const defaultLaterDelaysMs: readonly number[] = [5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000];

export function createOutbox<Job>(options: OutboxOptions<Job>): Outbox<Job> {
  const queues = new Map<string, Queue<Job>>();
  let closed = false;

  const drain = async (conversationId: string, queue: Queue<Job>): Promise<void> => {
    while (queue.jobs.length > 0) {
      const job = queue.jobs[0] as Job;
      try {
        await options.send(job);
        queue.jobs.shift();
        queue.failures = 0;
      } catch (error) {
        const fields = { conversationId, error: errorMessage(error), attempt: queue.failures + 1 };
        if (!options.isTemporary(error)) {
          options.logger.error(fields, 'platform refused a reply; not retrying');
          queue.jobs.shift();
          continue;
        }
        const delay = options.laterDelaysMs[queue.failures];
        if (delay === undefined || closed) {
          options.logger.error(fields, 'reply not delivered after all retries; giving up');
          queue.jobs.shift();
          queue.failures = 0;
          continue;
        }
        queue.failures += 1;
        options.logger.warn({ ...fields, retryInMs: delay }, 'reply not delivered; will retry');
        queue.timer = setTimeout(() => {
          queue.timer = null;
          void run(conversationId, queue);
        }, delay);
        return;
      }
    }
    queues.delete(conversationId);
  };

  const run = (conversationId: string, queue: Queue<Job>): Promise<void> => {
    queue.draining = drain(conversationId, queue).finally(() => {
      queue.draining = null;
    });
    return queue.draining;
  };

  return {
    send(conversationId, jobs) {
      const existing = queues.get(conversationId);
      if (existing !== undefined) {
        existing.jobs.push(...jobs);
        return existing.draining ?? Promise.resolve();
      }
      if (jobs.length === 0) return Promise.resolve();
      const queue: Queue<Job> = { jobs: [...jobs], failures: 0, timer: null, draining: null };
      queues.set(conversationId, queue);
      return run(conversationId, queue);
    },
    waiting() {
      let count = 0;
      for (const queue of queues.values()) count += queue.timer === null ? 0 : queue.jobs.length;
      return count;
    },
    close() {
      closed = true;
      for (const [conversationId, queue] of queues) {
        if (queue.timer !== null) clearTimeout(queue.timer);
        if (queue.jobs.length > 0) {
          options.logger.error({ conversationId, lost: queue.jobs.length }, 'stopping with replies not yet delivered');
        }
      }
      queues.clear();
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
