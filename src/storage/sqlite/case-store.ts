/**
 * CaseStore on SQLite (migration 007): service cases, their status history and notes, and the
 * per-period counters of case numbers. A status change and the outbox jobs it queues (the
 * customer's notice) commit in one transaction, on the same file as the outbox.
 */
import type { ConversationReference } from '../../core/channel';
import type {
  CaseFilter,
  CaseImport,
  CaseImportOptions,
  CaseImportSummary,
  CaseStatusUpdate,
  CaseStore,
  NewCase,
  OpenCaseOptions,
  OpenCaseResult,
  StatusChangeOptions,
  StatusChangeResult,
} from '../../core/cases/ports';
import {
  caseNumberPrefix,
  casePeriod,
  formatCaseNumber,
  parseCaseNumber,
  type CaseAppointment,
  type CaseKind,
  type CaseNote,
  type CaseStatusChange,
  type ServiceCase,
} from '../../core/cases/types';
import type { NewQueuedJob } from '../../core/outbox-store';
import { importedCaseColumns, sameAsStored } from '../case-import-columns';
import type { SqliteDatabase } from './open-database';
import { gateAll } from './gate';
import { createSynchronousOutboxStore } from './outbox-store';

interface CaseRow {
  id: string;
  prefix: 'R' | 'RMA';
  period: string;
  sequence: number;
  kind: CaseKind;
  status: string;
  channel: string | null;
  conversation_id: string | null;
  user_id: string | null;
  reference_json: string | null;
  locale: string;
  script: 'cyrillic' | 'latin' | null;
  customer_id: string | null;
  serial: string | null;
  order_number: string | null;
  category: string | null;
  symptom: string | null;
  description: string | null;
  appt_branch: string | null;
  appt_mode: 'carry-in' | 'on-site' | null;
  appt_start: string | null;
  appt_end: string | null;
  staff_target: string | null;
  staff_thread: string | null;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

interface HistoryRow {
  status: string;
  at: string;
  actor: string;
  note: string | null;
}

interface NoteRow {
  text: string;
  at: string;
  actor: string;
}

/** Thrown inside the transaction of a dry run so that SQLite rolls everything back. */
class DryRunRollback extends Error {
  constructor(readonly summary: CaseImportSummary) {
    super('dry run');
  }
}

/** The canonical case number, or the text upper-cased when it is not one (finds nothing). */
export function canonicalId(id: string): string {
  const parsed = parseCaseNumber(id);
  return parsed === null
    ? id.trim().toUpperCase()
    : formatCaseNumber(parsed.prefix, parsed.period, parsed.sequence);
}

function appointmentOf(row: CaseRow): CaseAppointment | null {
  if (row.appt_branch === null || row.appt_mode === null || row.appt_start === null) return null;
  return {
    branch: row.appt_branch,
    mode: row.appt_mode,
    start: new Date(row.appt_start),
    end: new Date(row.appt_end ?? row.appt_start),
  };
}

export function createSqliteCaseStore(db: SqliteDatabase): CaseStore {
  const outbox = createSynchronousOutboxStore(db);
  const insertCase = db.prepare(
    `INSERT INTO service_cases (id, prefix, period, sequence, kind, status, channel, conversation_id, user_id,
       reference_json, locale, script, customer_id, serial, order_number, category, symptom, description,
       appt_branch, appt_mode, appt_start, appt_end, staff_target, external_ref, created_at, updated_at, closed_at)
     VALUES (@id, @prefix, @period, @sequence, @kind, @status, @channel, @conversation_id, @user_id,
       @reference_json, @locale, @script, @customer_id, @serial, @order_number, @category, @symptom, @description,
       @appt_branch, @appt_mode, @appt_start, @appt_end, @staff_target, @external_ref, @created_at, @updated_at, @closed_at)`,
  );
  const updateImported = db.prepare(
    `UPDATE service_cases SET kind = @kind, status = @status, channel = @channel, conversation_id = @conversation_id,
       user_id = @user_id, locale = @locale, serial = @serial, order_number = @order_number, category = @category,
       symptom = @symptom, description = @description, appt_branch = @appt_branch, appt_mode = @appt_mode,
       appt_start = @appt_start, appt_end = @appt_end, external_ref = @external_ref, created_at = @created_at,
       updated_at = @updated_at, closed_at = @closed_at
     WHERE id = @id`,
  );
  const selectCase = db.prepare('SELECT * FROM service_cases WHERE id = ?');
  const selectHistory = db.prepare(
    'SELECT status, at, actor, note FROM service_case_history WHERE case_id = ? ORDER BY id',
  );
  const selectNotes = db.prepare(
    'SELECT text, at, actor FROM service_case_notes WHERE case_id = ? ORDER BY id',
  );
  const insertHistory = db.prepare(
    'INSERT INTO service_case_history (case_id, status, at, actor, note) VALUES (?, ?, ?, ?, ?)',
  );
  const insertNote = db.prepare(
    'INSERT INTO service_case_notes (case_id, text, at, actor) VALUES (?, ?, ?, ?)',
  );
  const setStatus = db.prepare(
    'UPDATE service_cases SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?',
  );
  const touch = db.prepare('UPDATE service_cases SET updated_at = ? WHERE id = ?');
  const setThread = db.prepare(
    'UPDATE service_cases SET staff_target = ?, staff_thread = ?, updated_at = ? WHERE id = ?',
  );
  const selectByThread = db.prepare(
    'SELECT id FROM service_cases WHERE staff_target = ? AND staff_thread = ?',
  );
  const setReferenceJson = db.prepare(
    'UPDATE service_cases SET reference_json = ?, updated_at = ? WHERE id = ?',
  );
  const selectCounter = db.prepare(
    'SELECT last FROM service_case_counters WHERE prefix = ? AND period = ?',
  );
  const upsertCounter = db.prepare(
    `INSERT INTO service_case_counters (prefix, period, last) VALUES (?, ?, ?)
     ON CONFLICT (prefix, period) DO UPDATE SET last = max(last, excluded.last)`,
  );
  const countSlot = db.prepare(
    `SELECT COUNT(*) AS n FROM service_cases
      WHERE appt_branch = ? AND appt_mode = ? AND appt_start = ? AND (closed_at IS NULL OR closed_at > appt_start)`,
  );
  const countSlots = db.prepare(
    `SELECT appt_start AS start, COUNT(*) AS n FROM service_cases
      WHERE appt_branch = ? AND appt_mode = ? AND appt_start >= ? AND appt_start < ?
        AND (closed_at IS NULL OR closed_at > appt_start)
      GROUP BY appt_start`,
  );

  const enqueueAll = (jobs: readonly NewQueuedJob[]): void => {
    for (const job of jobs) outbox.enqueue(job);
  };

  function load(id: string): ServiceCase | null {
    const row = selectCase.get(id) as CaseRow | undefined;
    if (row === undefined) return null;
    const history = (selectHistory.all(id) as HistoryRow[]).map((line): CaseStatusChange => ({
      status: line.status,
      at: new Date(line.at),
      by: line.actor,
      note: line.note,
    }));
    const notes = (selectNotes.all(id) as NoteRow[]).map((note): CaseNote => ({
      text: note.text,
      at: new Date(note.at),
      by: note.actor,
    }));
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      customer:
        row.channel === null || row.conversation_id === null
          ? null
          : { channel: row.channel, conversationId: row.conversation_id },
      userId: row.user_id,
      reference:
        row.reference_json === null
          ? null
          : (JSON.parse(row.reference_json) as ConversationReference),
      locale: row.locale,
      script: row.script,
      customerId: row.customer_id,
      serial: row.serial,
      orderNumber: row.order_number,
      category: row.category,
      symptom: row.symptom,
      description: row.description,
      appointment: appointmentOf(row),
      history,
      notes,
      staff:
        row.staff_target === null ? null : { target: row.staff_target, threadId: row.staff_thread },
      externalRef: row.external_ref,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    };
  }

  const appointmentColumns = (appointment: CaseAppointment | null | undefined) => ({
    appt_branch: appointment?.branch ?? null,
    appt_mode: appointment?.mode ?? null,
    appt_start: appointment?.start.toISOString() ?? null,
    appt_end: appointment?.end.toISOString() ?? null,
  });

  /** Hands out the next sequence of (prefix, period), skipping numbers already taken. */
  function nextSequence(prefix: string, period: string): number {
    const row = selectCounter.get(prefix, period) as { last: number } | undefined;
    let next = (row?.last ?? 0) + 1;
    while (selectCase.get(formatCaseNumber(prefix as 'R' | 'RMA', period, next)) !== undefined) {
      next += 1;
    }
    upsertCounter.run(prefix, period, next);
    return next;
  }

  const open = db.transaction((input: NewCase, options: OpenCaseOptions): OpenCaseResult => {
    const appointment = input.appointment ?? null;
    if (appointment !== null && options.capacity !== undefined) {
      const { n } = countSlot.get(
        appointment.branch,
        appointment.mode,
        appointment.start.toISOString(),
      ) as { n: number };
      if (n >= options.capacity) return { ok: false, reason: 'slot-full' };
    }
    const prefix = caseNumberPrefix(input.kind);
    const period = casePeriod(input.at, options.timeZone);
    const sequence = nextSequence(prefix, period);
    const id = formatCaseNumber(prefix, period, sequence);
    const at = input.at.toISOString();
    insertCase.run({
      id,
      prefix,
      period,
      sequence,
      kind: input.kind,
      status: input.status,
      channel: input.customer?.channel ?? null,
      conversation_id: input.customer?.conversationId ?? null,
      user_id: input.userId,
      reference_json: input.reference === null ? null : JSON.stringify(input.reference),
      locale: input.locale,
      script: input.script,
      customer_id: input.customerId ?? null,
      serial: input.serial ?? null,
      order_number: input.orderNumber ?? null,
      category: input.category ?? null,
      symptom: input.symptom ?? null,
      description: input.description ?? null,
      ...appointmentColumns(appointment),
      staff_target: input.staffTarget ?? null,
      external_ref: input.externalRef ?? null,
      created_at: at,
      updated_at: at,
      closed_at: null,
    });
    insertHistory.run(id, input.status, at, input.by, null);
    const created = load(id)!;
    if (options.jobs !== undefined) enqueueAll(options.jobs(created));
    return { ok: true, case: created };
  });

  const change = db.transaction(
    (id: string, update: CaseStatusUpdate, options: StatusChangeOptions): StatusChangeResult => {
      const current = load(id);
      if (current === null) return { outcome: 'not-found' };
      const at = update.at.toISOString();
      if (current.status === update.status) {
        if (update.note !== undefined && update.note !== null && update.note !== '') {
          insertNote.run(id, update.note, at, update.by);
          touch.run(at, id);
          return { outcome: 'unchanged', case: load(id)! };
        }
        return { outcome: 'unchanged', case: current };
      }
      const closedAt = update.final ? (current.closedAt?.toISOString() ?? at) : null;
      setStatus.run(update.status, closedAt, at, id);
      insertHistory.run(id, update.status, at, update.by, update.note ?? null);
      const updated = load(id)!;
      if (options.jobs !== undefined) enqueueAll(options.jobs(updated, current.status));
      return { outcome: 'changed', case: updated, previousStatus: current.status };
    },
  );

  const listQuery = (filter: CaseFilter): ServiceCase[] => {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (filter.status !== undefined) {
      where.push('status = ?');
      values.push(filter.status);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      values.push(filter.kind);
    }
    if (filter.openOnly === true) where.push('closed_at IS NULL');
    if (filter.customer !== undefined && filter.userId !== undefined) {
      where.push('channel = ? AND (conversation_id = ? OR user_id = ?)');
      values.push(filter.customer.channel, filter.customer.conversationId, filter.userId);
    } else if (filter.customer !== undefined) {
      where.push('channel = ? AND conversation_id = ?');
      values.push(filter.customer.channel, filter.customer.conversationId);
    } else if (filter.userId !== undefined) {
      where.push('user_id = ?');
      values.push(filter.userId);
    }
    if (filter.customerId !== undefined) {
      where.push('customer_id = ?');
      values.push(filter.customerId);
    }
    const sql = `SELECT id FROM service_cases ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT ?`;
    values.push(filter.limit ?? 100);
    return (db.prepare(sql).all(...values) as { id: string }[]).map((row) => load(row.id)!);
  };

  const runImport = db.transaction(
    (rows: readonly CaseImport[], options: CaseImportOptions): CaseImportSummary => {
      let added = 0;
      let updated = 0;
      let unchanged = 0;
      const at = options.at.toISOString();
      for (const row of rows) {
        const id = canonicalId(row.id);
        const parsed = parseCaseNumber(id);
        if (parsed === null) throw new Error(`line ${row.line}: ${row.id} is not a case number`);
        const existing = selectCase.get(id) as CaseRow | undefined;
        const columns = importedCaseColumns(id, row, existing, options.defaultLocale);
        if (existing === undefined) {
          insertCase.run({
            ...columns,
            prefix: parsed.prefix,
            period: parsed.period,
            sequence: parsed.sequence,
            reference_json: null,
            script: null,
            customer_id: null,
            staff_target: null,
            updated_at: at,
            closed_at: row.final ? at : null,
          });
          insertHistory.run(id, row.status, columns.created_at, options.source, null);
          upsertCounter.run(parsed.prefix, parsed.period, parsed.sequence);
          added += 1;
          continue;
        }
        if (sameAsStored(columns, existing)) {
          unchanged += 1;
          continue;
        }
        const closedAt = row.final ? (existing.closed_at ?? at) : null;
        updateImported.run({ ...columns, updated_at: at, closed_at: closedAt });
        if (existing.status !== row.status) {
          insertHistory.run(id, row.status, at, options.source, null);
          if (options.jobs !== undefined) enqueueAll(options.jobs(load(id)!, existing.status));
        }
        updated += 1;
      }
      const summary = { added, updated, unchanged };
      if (options.dryRun === true) throw new DryRunRollback(summary);
      return summary;
    },
  );

  return gateAll<CaseStore>(db, {
    openCase: async (input, options = {}) => open.immediate(input, options),
    getCase: async (id) => load(canonicalId(id)),
    listCases: async (filter = {}) => listQuery(filter),
    changeStatus: async (id, update, options = {}) =>
      change.immediate(canonicalId(id), update, options),
    addNote: async (id, note) => {
      const key = canonicalId(id);
      return db.transaction(() => {
        if (selectCase.get(key) === undefined) return null;
        insertNote.run(key, note.text, note.at.toISOString(), note.by);
        touch.run(note.at.toISOString(), key);
        return load(key);
      })();
    },
    findByStaffThread: async (target, threadId) => {
      const row = selectByThread.get(target, threadId) as { id: string } | undefined;
      return row === undefined ? null : load(row.id);
    },
    setStaffThread: async (id, target, threadId, at) => {
      setThread.run(target, threadId, at.toISOString(), canonicalId(id));
    },
    setReference: async (id, reference, at) => {
      setReferenceJson.run(JSON.stringify(reference), at.toISOString(), canonicalId(id));
    },
    bookedCounts: async (branch, mode, from, to) => {
      const rows = countSlots.all(branch, mode, from.toISOString(), to.toISOString()) as {
        start: string;
        n: number;
      }[];
      return new Map(rows.map((row) => [row.start, row.n]));
    },
    importCases: async (rows, options) => {
      try {
        return runImport(rows, options);
      } catch (error) {
        if (error instanceof DryRunRollback) return error.summary;
        throw error;
      }
    },
  });
}
