/** The figures /metrics reads from SQLite at scrape time: outbox depth, retries, failures, open tickets and cases. */
import type { SqliteDatabase } from './open-database';

export interface OutboxFigures {
  readonly queue: string;
  /** Jobs waiting or being sent. */
  readonly depth: number;
  /** Attempts beyond the first, over every job still stored. */
  readonly retries: number;
  /** Jobs that failed or were abandoned. */
  readonly failures: number;
}

export interface StoredFigures {
  readonly outbox: readonly OutboxFigures[];
  readonly ticketsOpen: number;
  /** Service cases without closedAt. */
  readonly casesOpen: number;
}

export function createSqliteMetricsFigures(db: SqliteDatabase): () => Promise<StoredFigures> {
  const outbox = db.prepare(
    `SELECT queue,
            sum(CASE WHEN state IN ('waiting', 'sending') THEN 1 ELSE 0 END) AS depth,
            sum(CASE WHEN attempts > 1 THEN attempts - 1 ELSE 0 END) AS retries,
            sum(CASE WHEN state IN ('failed', 'abandoned') THEN 1 ELSE 0 END) AS failures
     FROM outbox GROUP BY queue ORDER BY queue`,
  );
  const tickets = db.prepare(`SELECT count(*) AS open FROM tickets WHERE status <> 'resolved'`);
  const cases = db.prepare('SELECT count(*) AS open FROM service_cases WHERE closed_at IS NULL');
  return async () => ({
    outbox: outbox.all() as OutboxFigures[],
    ticketsOpen: (tickets.get() as { open: number }).open,
    casesOpen: (cases.get() as { open: number }).open,
  });
}
