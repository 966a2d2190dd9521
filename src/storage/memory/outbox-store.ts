/**
 * OutboxStore in memory: for an adapter run without a database (a Telegraf host that gives none,
 * unit tests). It behaves like the SQLite one, but its jobs end with the process.
 */
import { outboxJobJson, type OutboxStore, type QueuedJob } from '../../core/outbox-store';
import type { Synchronous } from '../sqlite/gate';

type State = 'waiting' | 'sending' | 'sent' | 'failed' | 'abandoned';

interface Row {
  job: QueuedJob;
  state: State;
  dueAt: number;
}

/** Each method of a synchronous store, returning a Promise (the port is async). */
function promised<T extends object>(store: Synchronous<T>): T {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    result[name] =
      typeof value === 'function'
        ? async (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(...args)
        : value;
  }
  return result as T;
}

export function createMemoryOutboxStore(): OutboxStore {
  const rows: Row[] = [];
  let nextId = 1;
  const open = (row: Row): boolean => row.state === 'waiting' || row.state === 'sending';
  const find = (id: number): Row | undefined => rows.find((row) => row.job.id === id);
  const setState = (id: number, state: State): void => {
    const row = find(id);
    if (row) row.state = state;
  };

  return promised<OutboxStore>({
    durable: false,
    enqueue(job) {
      // A round trip through JSON, as the database does: what comes back is what a restart would read.
      const copy = JSON.parse(outboxJobJson(job.job)) as unknown;
      const id = nextId;
      nextId += 1;
      rows.push({
        job: {
          id,
          queue: job.queue,
          lane: job.lane,
          job: copy,
          attempts: job.attempts ?? 0,
          atMostOnce: job.atMostOnce === true,
          createdAt: job.at,
        },
        state: 'waiting',
        dueAt: (job.dueAt ?? job.at).getTime(),
      });
      return id;
    },
    due(queue, now, limit) {
      const seenLanes = new Set<string>();
      const due: QueuedJob[] = [];
      for (const row of rows) {
        if (row.job.queue !== queue || !open(row) || seenLanes.has(row.job.lane)) continue;
        seenLanes.add(row.job.lane);
        if (row.state === 'waiting' && row.dueAt <= now.getTime() && due.length < limit)
          due.push(row.job);
      }
      return due;
    },
    nextDueAt(queue) {
      const seenLanes = new Set<string>();
      const times: number[] = [];
      for (const row of rows) {
        if (row.job.queue !== queue || !open(row) || seenLanes.has(row.job.lane)) continue;
        seenLanes.add(row.job.lane);
        if (row.state === 'waiting') times.push(row.dueAt);
      }
      return times.length === 0 ? null : new Date(Math.min(...times));
    },
    pending: (queue, lane) =>
      rows.filter(
        (row) =>
          row.job.queue === queue && (lane === undefined || row.job.lane === lane) && open(row),
      ).length,
    claim(id) {
      const row = find(id);
      if (row?.state !== 'waiting') return false;
      row.state = 'sending';
      row.job = { ...row.job, attempts: row.job.attempts + 1 };
      return true;
    },
    markSent: (id) => setState(id, 'sent'),
    reschedule(id, dueAt) {
      const row = find(id);
      if (!row) return;
      row.state = 'waiting';
      row.dueAt = dueAt.getTime();
    },
    giveUp: (id) => setState(id, 'failed'),
    recoverInterrupted(queue, at) {
      const interrupted = rows.filter((row) => row.job.queue === queue && row.state === 'sending');
      for (const row of interrupted) {
        row.state = row.job.atMostOnce ? 'abandoned' : 'waiting';
        row.dueAt = at.getTime();
      }
      const abandoned = interrupted.filter((row) => row.job.atMostOnce).map((row) => row.job);
      return { requeued: interrupted.length - abandoned.length, abandoned };
    },
  });
}
