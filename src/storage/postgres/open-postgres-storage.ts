/**
 * Every store on one PostgreSQL database (src/storage/open-storage.ts), shared by every replica.
 * Migrations run once at open, under the advisory lock (migrate.ts); until they are done every
 * query waits for them, so that a caller need not know whether the database is ready yet.
 */
import type { Storage } from '../open-storage';
import { createPostgresAuditLog, createPostgresSuggestionStore } from './audit-suggestions';
import { createPostgresCasePrivacySection } from './case-privacy';
import { createPostgresCaseStore } from './case-store';
import { createCluster } from './cluster';
import { createPostgresConversationStore } from './conversation-store';
import { createPostgresMetricsFigures } from './metrics-figures';
import { migratePostgres } from './migrate';
import { createPostgresOutboxStore } from './outbox-store';
import { createPostgresPrivacyStore } from './privacy-store';
import { createPostgresReportFigures } from './report-figures';
import { createPostgresStaffFaqNotes } from './staff-faq-notes';
import { createPostgresTranscriptReader } from './transcript-reader';
import { createPool, on, type PostgresPool } from './pool';
import { createPostgresTicketStore } from './ticket-store';
import { createPostgresCustomerUnits, createPostgresUnitStore } from './unit-store';

/** The URL without its password, for logs. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/** Holds every new connection of `pool` until `ready` settles (a failed migration fails them). */
function gate(pool: PostgresPool, ready: Promise<void>): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  // pg's Pool.query takes its connection through this.connect(callback): both forms are held.
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (
    ...args: unknown[]
  ) => {
    const callback = args[0];
    if (typeof callback === 'function') {
      ready.then(
        () => connect(callback),
        (error: unknown) => (callback as (error: unknown) => void)(error),
      );
      return undefined;
    }
    return ready.then(() => connect());
  };
}

export function openPostgresStorage(url: string, applicationName: string): Storage {
  const pool = createPool(url, { applicationName });
  const migrating = (async () => {
    const migrator = createPool(url, { max: 1, applicationName: `${applicationName} migrate` });
    try {
      await migratePostgres(migrator);
    } finally {
      await migrator.end();
    }
  })();
  // Awaited by ready(); a query made meanwhile gets the same error.
  migrating.catch(() => undefined);
  gate(pool, migrating);
  const cluster = createCluster(url, pool);
  const outbox = createPostgresOutboxStore(pool, cluster.replicaId);
  return {
    backend: 'postgres',
    location: redactedUrl(url),
    conversations: createPostgresConversationStore(pool),
    outbox,
    tickets: createPostgresTicketStore(pool),
    async customerSerials(channel, userId) {
      const { rows } = await on(pool).query<{ serial: string }>(
        `SELECT u.serial FROM customer_channels c JOIN units u ON u.customer_id = c.customer_id
         WHERE c.channel = $1 AND c.channel_user_id = $2 ORDER BY u.purchase_date DESC, u.serial LIMIT 10`,
        [channel, userId],
      );
      return rows.map((row) => row.serial);
    },
    units: createPostgresUnitStore(pool),
    customerUnits: createPostgresCustomerUnits(pool, { phoneChannels: ['voice', 'sms'] }),
    cases: createPostgresCaseStore(pool),
    audit: createPostgresAuditLog(pool),
    privacy: createPostgresPrivacyStore(pool, [createPostgresCasePrivacySection(pool)]),
    suggestions: createPostgresSuggestionStore(pool),
    metricsFigures: createPostgresMetricsFigures(pool),
    reportFigures: createPostgresReportFigures(pool),
    transcripts: createPostgresTranscriptReader(pool),
    staffFaqNotes: createPostgresStaffFaqNotes(pool),
    async schemaVersion() {
      const { rows } = await pool.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      return rows[0]?.version ?? 0;
    },
    sqlite: null,
    cluster,
    ready: () => migrating,
    async close() {
      await cluster.stop();
      await migrating.catch(() => undefined);
      await pool.end();
    },
  };
}
