/**
 * The one storage factory: every store the app and the CLI need, on SQLite (the default, the file
 * `AFTERCARE_DB` names) or on PostgreSQL when `AFTERCARE_DATABASE_URL=postgres://…` is set. The
 * composition root (src/app.ts) and the CLI commands open storage here and nowhere else, so a
 * store added to one backend is added to the other in the same place.
 */
import type { ReferenceStore } from '../core/channel';
import type { TicketStore } from '../core/handoff/ports';
import type { CaseStore } from '../core/cases/ports';
import type { OutboxStore } from '../core/outbox-store';
import type { ConversationStore } from '../core/ports';
import type { AuditLog, PrivacyStore } from '../core/privacy/ports';
import type { CustomerUnitsStore } from '../core/warranty/customer-units';
import type { UnitStore } from '../core/warranty/ports';
import type { TranscriptReader } from '../gaps/transcript-line';
import type { ReportFiguresReader } from '../insights/report';
import type { StaffFaqNotesReader } from '../suggestions/learn';
import type { SuggestionStore } from '../suggestions/suggestion-store';
import type { StoredFigures } from './sqlite/metrics-figures';
import type { SqliteDatabase } from './sqlite/open-database';
import type { Cluster } from './postgres/cluster';
import { isPostgresUrl } from './postgres/pool';
import { openSqliteStorage } from './sqlite/open-sqlite-storage';
import { openPostgresStorage } from './postgres/open-postgres-storage';

export interface Storage {
  readonly backend: 'sqlite' | 'postgres';
  /** Where the data is, for logs: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly conversations: ConversationStore & ReferenceStore;
  readonly outbox: OutboxStore;
  readonly tickets: TicketStore;
  /** Serials of the units a customer owns (the ticket summary); null without warranty tables. */
  readonly customerSerials:
    ((channel: string, userId: string) => Promise<readonly string[]> | readonly string[]) | null;
  readonly units: UnitStore;
  /** On voice and SMS the user id is the caller's number: their units are found by it. */
  readonly customerUnits: CustomerUnitsStore;
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  readonly privacy: PrivacyStore;
  readonly suggestions: SuggestionStore;
  readonly metricsFigures: () => Promise<StoredFigures>;
  /** The insights report's figures (loadReportFrom). */
  readonly reportFigures: ReportFiguresReader;
  /** Stored transcripts in bulk: the gaps report, learned variants, the insights report. */
  readonly transcripts: TranscriptReader;
  /** Staff `!faq ID` notes as learned variants (`aftercare suggestions`). */
  readonly staffFaqNotes: StaffFaqNotesReader;
  /** The schema version the database is at (/healthz). */
  schemaVersion(): Promise<number>;
  /** The SQLite database itself; null on PostgreSQL. */
  readonly sqlite: SqliteDatabase | null;
  /** Replicas on one PostgreSQL database (leaders, liveness, live events); null on SQLite. */
  readonly cluster: Cluster | null;
  /**
   * Resolves once the database can be used (PostgreSQL: migrated under the advisory lock). Store
   * calls made before wait for it by themselves; `aftercare start` awaits it to fail early.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** The SQLite file (config.databasePath, from AFTERCARE_DB or bot.config.json). */
  readonly databasePath: string;
  /** AFTERCARE_DATABASE_URL: a postgres:// URL selects PostgreSQL; unset keeps SQLite. */
  readonly databaseUrl?: string | undefined;
  /** Who this process is, in pg_stat_activity (`aftercare start`, `aftercare tickets`, …). */
  readonly applicationName?: string;
}

/** AFTERCARE_DATABASE_URL from the environment: undefined when unset, an error when not postgres://. */
export function databaseUrlFrom(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const url = env.AFTERCARE_DATABASE_URL?.trim();
  if (url === undefined || url === '') return undefined;
  if (!isPostgresUrl(url))
    throw new Error(
      'AFTERCARE_DATABASE_URL must be a PostgreSQL URL like postgres://aftercare:PASSWORD@db.example:5432/aftercare; unset it to keep SQLite (AFTERCARE_DB)',
    );
  return url;
}

export function openStorage(options: StorageOptions): Storage {
  return options.databaseUrl === undefined
    ? openSqliteStorage(options.databasePath)
    : openPostgresStorage(options.databaseUrl, options.applicationName ?? 'aftercare');
}
