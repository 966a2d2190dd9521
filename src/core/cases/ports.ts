/**
 * The storage port for service cases, described by the core. SQLite implements it
 * (src/storage/sqlite/case-store.ts) on the bot's database, so a status change and the messages it
 * sends (outbox) commit together; every backend passes test/storage/case-store.contract.ts.
 * Every method returns a Promise.
 */
import type { ConversationReference } from '../channel';
import type { Locale } from '../message';
import type { NewQueuedJob } from '../outbox-store';
import type { ConversationKey } from '../ports';
import type { CaseActor, CaseAppointment, CaseKind, ServiceCase } from './types';

export interface NewCase {
  readonly kind: CaseKind;
  /** The initial status (statuses.ts `initialStatus`). */
  readonly status: string;
  readonly customer: ConversationKey | null;
  readonly userId: string | null;
  readonly reference: ConversationReference | null;
  readonly locale: Locale;
  readonly script: 'cyrillic' | 'latin' | null;
  readonly customerId?: string | null;
  readonly serial?: string | null;
  readonly orderNumber?: string | null;
  readonly category?: string | null;
  readonly symptom?: string | null;
  readonly description?: string | null;
  readonly appointment?: CaseAppointment | null;
  /** `slack`, `teams`, or null with no staff channel. */
  readonly staffTarget?: string | null;
  readonly externalRef?: string | null;
  readonly by: CaseActor;
  readonly at: Date;
}

export interface OpenCaseOptions {
  /**
   * With an appointment: how many cases that slot (branch, mode, start) holds. The count and the
   * insert are one transaction, so two concurrent bookings of the last place cannot both win.
   * Unset: no limit.
   */
  readonly capacity?: number;
  /** IANA zone for the YYMM of the case number; UTC when unset. */
  readonly timeZone?: string;
  /** Jobs to queue in the same transaction (the staff post, say), built from the new case. */
  readonly jobs?: (created: ServiceCase) => readonly NewQueuedJob[];
}

export type OpenCaseResult =
  | { readonly ok: true; readonly case: ServiceCase }
  | { readonly ok: false; readonly reason: 'slot-full' };

export interface CaseFilter {
  readonly status?: string;
  readonly kind?: CaseKind;
  /** Only cases without closedAt. */
  readonly openOnly?: boolean;
  /** Cases of this conversation. */
  readonly customer?: ConversationKey;
  /** Cases of this platform user on `customer.channel` (any of their conversations). */
  readonly userId?: string;
  readonly customerId?: string;
  /** Newest first; 100 when unset. */
  readonly limit?: number;
}

export interface CaseStatusUpdate {
  readonly status: string;
  /** From the status model: a final status sets closedAt, any other clears it. */
  readonly final: boolean;
  readonly by: CaseActor;
  readonly note?: string | null;
  readonly at: Date;
}

export interface StatusChangeOptions {
  /**
   * Jobs to queue in the same transaction (the customer's notice, the staff line), built from the
   * case as it is after the change and the status it had before; not called when nothing changed.
   */
  readonly jobs?: (updated: ServiceCase, previousStatus: string) => readonly NewQueuedJob[];
}

export type StatusChangeResult =
  | { readonly outcome: 'changed'; readonly case: ServiceCase; readonly previousStatus: string }
  /** Already in that status: nothing recorded, nothing queued (a repeated push is harmless). */
  | { readonly outcome: 'unchanged'; readonly case: ServiceCase }
  | { readonly outcome: 'not-found' };

/**
 * One case from the company's service system, as given in the import file. Null is a blank cell:
 * on a case already stored it keeps what is stored (the service system does not know the bot's
 * conversations, the customer's language or the booked slot, and must not erase them by leaving
 * them out).
 */
export interface CaseImport {
  /** 1-based line in the source file, for messages. */
  readonly line: number;
  /** The case number (canonical spelling). */
  readonly id: string;
  readonly kind: CaseKind;
  readonly status: string;
  readonly final: boolean;
  /** Null when the file leaves it blank: a new case gets `options.defaultLocale`. */
  readonly locale: Locale | null;
  readonly customer: ConversationKey | null;
  readonly userId: string | null;
  readonly serial: string | null;
  readonly orderNumber: string | null;
  readonly category: string | null;
  readonly symptom: string | null;
  readonly description: string | null;
  readonly appointment: CaseAppointment | null;
  readonly externalRef: string | null;
  /** When the case was opened in the service system. */
  readonly openedAt: Date;
}

export interface CaseImportSummary {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface CaseImportOptions {
  readonly at: Date;
  /** Named as the actor of the history lines the import writes, e.g. `import:cases.csv`. */
  readonly source: string;
  /** Compute the summary, then roll everything back. */
  readonly dryRun?: boolean;
  /** The locale of a new case whose row leaves it blank. */
  readonly defaultLocale: Locale;
  /**
   * Jobs to queue in the import's transaction for each existing case whose status the import
   * changes (the customer's notice, the staff line), as StatusChangeOptions.jobs; none when unset.
   */
  readonly jobs?: StatusChangeOptions['jobs'];
}

export interface CaseStore {
  /** Allocates the next case number of the kind's prefix and period, and inserts, atomically. */
  openCase(input: NewCase, options?: OpenCaseOptions): Promise<OpenCaseResult>;
  /** By case number, any spelling case (`r-2612-0042`); null when none. */
  getCase(id: string): Promise<ServiceCase | null>;
  listCases(filter?: CaseFilter): Promise<ServiceCase[]>;
  changeStatus(
    id: string,
    update: CaseStatusUpdate,
    options?: StatusChangeOptions,
  ): Promise<StatusChangeResult>;
  /** Null when there is no such case. */
  addNote(
    id: string,
    note: { readonly text: string; readonly by: CaseActor; readonly at: Date },
  ): Promise<ServiceCase | null>;
  /** The case posted in this staff-channel thread; null when none. */
  findByStaffThread(target: string, threadId: string): Promise<ServiceCase | null>;
  /** Records the staff-channel thread once the case is posted. */
  setStaffThread(id: string, target: string, threadId: string, at: Date): Promise<void>;
  /** Updates the stored reference of the customer's conversation (they wrote again). */
  setReference(id: string, reference: ConversationReference, at: Date): Promise<void>;
  /**
   * Booked places per slot start (ISO string) of one branch and mode with `from <= start < to`,
   * counting open cases and cases closed after their slot began.
   */
  bookedCounts(
    branch: string,
    mode: CaseAppointment['mode'],
    from: Date,
    to: Date,
  ): Promise<Map<string, number>>;
  /**
   * Upserts by case number, all or nothing (one transaction). A row equal to the stored case is
   * `unchanged`; importing the same file twice changes nothing the second time. A blank cell (null)
   * keeps the stored value. A changed status is a new history line by `options.source`.
   * Case-number counters move past imported numbers.
   */
  importCases(rows: readonly CaseImport[], options: CaseImportOptions): Promise<CaseImportSummary>;
}
