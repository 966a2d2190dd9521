/** Every store on one SQLite file (src/storage/open-storage.ts): one process, one machine. */
import type { Storage } from '../open-storage';
import { createSqliteAuditLog } from './audit-log';
import { casePrivacySection } from './case-privacy';
import { createSqliteCaseStore } from './case-store';
import { createSqliteConversationStore } from './conversation-store';
import { createSqliteCustomerUnits } from './customer-units';
import { createSqliteMetricsFigures } from './metrics-figures';
import { openDatabase, schemaVersion } from './open-database';
import { createSqliteOutboxStore } from './outbox-store';
import { createSqlitePrivacyStore } from './privacy-store';
import { createSqliteReportFigures } from './report-figures';
import { createSqliteStaffFaqNotes } from './staff-faq-notes';
import { createSqliteSuggestionStore } from './suggestion-store';
import { createSqliteCustomerSerials, createSqliteTicketStore } from './ticket-store';
import { createSqliteTranscriptReader } from './transcript-reader';
import { createSqliteUnitStore } from './unit-store';
import { startWalCheckpointer } from './wal-checkpointer';

export function openSqliteStorage(file: string): Storage {
  const db = openDatabase(file);
  const checkpointer = db.memory ? null : startWalCheckpointer(db);
  return {
    backend: 'sqlite',
    location: file,
    conversations: createSqliteConversationStore(db),
    outbox: createSqliteOutboxStore(db),
    tickets: createSqliteTicketStore(db),
    customerSerials: createSqliteCustomerSerials(db),
    units: createSqliteUnitStore(db),
    customerUnits: createSqliteCustomerUnits(db, { phoneChannels: ['voice', 'sms'] }),
    cases: createSqliteCaseStore(db),
    audit: createSqliteAuditLog(db),
    privacy: createSqlitePrivacyStore(db, [casePrivacySection(db)]),
    suggestions: createSqliteSuggestionStore(db),
    metricsFigures: createSqliteMetricsFigures(db),
    reportFigures: createSqliteReportFigures(db),
    transcripts: createSqliteTranscriptReader(db),
    staffFaqNotes: createSqliteStaffFaqNotes(db),
    schemaVersion: () => Promise.resolve(schemaVersion(db)),
    sqlite: db,
    cluster: null,
    ready: () => Promise.resolve(),
    async close() {
      await checkpointer?.stop();
      db.close();
    },
  };
}
