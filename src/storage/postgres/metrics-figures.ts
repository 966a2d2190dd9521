/** The figures /metrics reads from PostgreSQL at scrape time, as the SQLite ones (sqlite/metrics-figures.ts). */
import type { StoredFigures, OutboxFigures } from '../sqlite/metrics-figures';
import { on, type PostgresPool } from './pool';

export function createPostgresMetricsFigures(pool: PostgresPool): () => Promise<StoredFigures> {
  return async () => {
    const [outbox, tickets, cases] = await Promise.all([
      on(pool).query<OutboxFigures & Record<string, unknown>>(
        `SELECT queue,
                count(*) FILTER (WHERE state IN ('waiting', 'sending'))::int AS depth,
                coalesce(sum(attempts - 1) FILTER (WHERE attempts > 1), 0)::int AS retries,
                count(*) FILTER (WHERE state IN ('failed', 'abandoned'))::int AS failures
         FROM outbox GROUP BY queue ORDER BY queue`,
      ),
      on(pool).query<{ open: number }>(
        `SELECT count(*)::int AS open FROM tickets WHERE status <> 'resolved'`,
      ),
      on(pool).query<{ open: number }>(
        'SELECT count(*)::int AS open FROM service_cases WHERE closed_at IS NULL',
      ),
    ]);
    return {
      outbox: outbox.rows,
      ticketsOpen: tickets.rows[0]?.open ?? 0,
      casesOpen: cases.rows[0]?.open ?? 0,
    };
  };
}
