/**
 * The storage port for unit records, defined by the core. SQLite implements it
 * (src/storage/sqlite/unit-store.ts); another backend passes the same contract suite
 * (test/storage/unit-store.contract.ts).
 */
import type { Unit, UnitRecord } from './types';

/** One unit to import, with its owner's details as given in the file. */
export interface UnitImport {
  /** 1-based line in the source file, for messages. */
  readonly line: number;
  readonly unit: Omit<Unit, 'customerId'>;
  /** Null when the file names no owner. */
  readonly customer: {
    readonly name: string | null;
    readonly phone: string | null;
    readonly email: string | null;
    readonly channelIds: Readonly<Record<string, string>>;
  } | null;
}

export type ImportOutcome = 'added' | 'updated' | 'unchanged';

export interface ImportSummary {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly customersAdded: number;
  readonly customersUpdated: number;
}

export interface ImportOptions {
  readonly at: Date;
  /** Compute the summary, then roll everything back. */
  readonly dryRun?: boolean;
  /** Named in the history of each unit the import adds or changes, e.g. `units.csv`. */
  readonly source?: string;
  /** Called after each unit with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface UnitStore {
  findUnit(serial: string): Promise<Unit | undefined>;
  /** The units sold on an order (canonical order number), in serial order; empty when none. */
  findUnitsByOrder(orderNumber: string): Promise<Unit[]>;
  /** The unit with its owner and history, for staff. */
  findRecord(serial: string): Promise<UnitRecord | undefined>;
  /**
   * Upserts by serial, all or nothing (one transaction): a unit whose fields are all equal is
   * `unchanged`, and importing the same rows twice changes nothing the second time. An owner is
   * matched by email, then phone, then channel id, and created when none matches.
   */
  importUnits(rows: readonly UnitImport[], options: ImportOptions): Promise<ImportSummary>;
  /** Adds a line to a unit's history (a repair, a note). */
  addHistory(serial: string, event: string, detail: string, at: Date): Promise<void>;
}
