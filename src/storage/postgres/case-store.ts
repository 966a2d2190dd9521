/**
 * CaseStore on PostgreSQL (migration 002), the same rows and meaning as SQLite's
 * (src/storage/sqlite/case-store.ts). Replicas share it: a case number is allocated under a row
 * lock on its counter, a booking checks the slot's capacity under an advisory lock on the slot (two
 * replicas booking the last place: one gets it), and a status change and the outbox jobs it queues
 * commit in one transaction.
 */
import type { ConversationReference } from '../../core/channel';
import type { CaseImportSummary, CaseStore, NewCase } from '../../core/cases/ports';
import {
  caseNumberPrefix,
  casePeriod,
  formatCaseNumber,
  parseCaseNumber,
  type CaseAppointment,
  type CaseKind,
  type ServiceCase,
} from '../../core/cases/types';
import type { NewQueuedJob } from '../../core/outbox-store';
import { importedCaseColumns, sameAsStored, type StoredCaseColumns } from '../case-import-columns';
import { canonicalId } from '../sqlite/case-store';
import type { Queryable } from './async-port';
import { insertOutboxJob } from './outbox-store';
import { inTransaction, on, type PostgresPool } from './pool';

interface CaseRow extends Record<string, unknown> {
  id: string;
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
  appt_start: Date | null;
  appt_end: Date | null;
  staff_target: string | null;
  staff_thread: string | null;
  external_ref: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

class DryRunRollback extends Error {
  constructor(readonly summary: CaseImportSummary) {
    super('dry run');
  }
}

const CASE_COLUMNS = [
  'id',
  'prefix',
  'period',
  'sequence',
  'kind',
  'status',
  'channel',
  'conversation_id',
  'user_id',
  'reference_json',
  'locale',
  'script',
  'customer_id',
  'serial',
  'order_number',
  'category',
  'symptom',
  'description',
  'appt_branch',
  'appt_mode',
  'appt_start',
  'appt_end',
  'staff_target',
  'external_ref',
  'created_at',
  'updated_at',
  'closed_at',
] as const;

async function insertCase(
  db: Queryable,
  values: Record<(typeof CASE_COLUMNS)[number], unknown>,
): Promise<void> {
  await db.query(
    `INSERT INTO service_cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`,
    CASE_COLUMNS.map((column) => values[column]),
  );
}

async function insertHistory(
  db: Queryable,
  id: string,
  status: string,
  at: Date | string,
  actor: string,
  note: string | null,
): Promise<void> {
  await db.query(
    'INSERT INTO service_case_history (case_id, status, at, actor, note) VALUES ($1, $2, $3, $4, $5)',
    [id, status, at, actor, note],
  );
}

async function load(db: Queryable, id: string): Promise<ServiceCase | null> {
  const row = (await db.query<CaseRow>('SELECT * FROM service_cases WHERE id = $1', [id])).rows[0];
  if (row === undefined) return null;
  const history = await db.query<{ status: string; at: Date; actor: string; note: string | null }>(
    'SELECT status, at, actor, note FROM service_case_history WHERE case_id = $1 ORDER BY id',
    [id],
  );
  const notes = await db.query<{ text: string; at: Date; actor: string }>(
    'SELECT text, at, actor FROM service_case_notes WHERE case_id = $1 ORDER BY id',
    [id],
  );
  const appointment: CaseAppointment | null =
    row.appt_branch === null || row.appt_mode === null || row.appt_start === null
      ? null
      : {
          branch: row.appt_branch,
          mode: row.appt_mode,
          start: row.appt_start,
          end: row.appt_end ?? row.appt_start,
        };
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
    appointment,
    history: history.rows.map((line) => ({
      status: line.status,
      at: line.at,
      by: line.actor,
      note: line.note,
    })),
    notes: notes.rows.map((note) => ({ text: note.text, at: note.at, by: note.actor })),
    staff:
      row.staff_target === null ? null : { target: row.staff_target, threadId: row.staff_thread },
    externalRef: row.external_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

async function loaded(db: Queryable, id: string): Promise<ServiceCase> {
  const found = await load(db, id);
  if (found === null) throw new Error(`case ${id} vanished inside its own transaction`);
  return found;
}

const appointmentColumns = (appointment: CaseAppointment | null | undefined) => ({
  appt_branch: appointment?.branch ?? null,
  appt_mode: appointment?.mode ?? null,
  appt_start: appointment?.start.toISOString() ?? null,
  appt_end: appointment?.end.toISOString() ?? null,
});

async function raiseCounter(db: Queryable, prefix: string, period: string, last: number) {
  await db.query(
    `INSERT INTO service_case_counters (prefix, period, last) VALUES ($1, $2, $3)
     ON CONFLICT (prefix, period) DO UPDATE SET last = greatest(service_case_counters.last, excluded.last)`,
    [prefix, period, last],
  );
}

/** The next sequence of (prefix, period), under the counter row's lock, skipping numbers taken. */
async function nextSequence(db: Queryable, prefix: 'R' | 'RMA', period: string): Promise<number> {
  await db.query(
    'INSERT INTO service_case_counters (prefix, period, last) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING',
    [prefix, period],
  );
  const { rows } = await db.query<{ last: number }>(
    'SELECT last FROM service_case_counters WHERE prefix = $1 AND period = $2 FOR UPDATE',
    [prefix, period],
  );
  let next = (rows[0]?.last ?? 0) + 1;
  for (;;) {
    const taken = await db.query('SELECT 1 FROM service_cases WHERE id = $1', [
      formatCaseNumber(prefix, period, next),
    ]);
    if ((taken.rowCount ?? 0) === 0) break;
    next += 1;
  }
  await raiseCounter(db, prefix, period, next);
  return next;
}

async function enqueueAll(db: Queryable, jobs: readonly NewQueuedJob[]): Promise<void> {
  for (const job of jobs) await insertOutboxJob(db, job);
}

/** A stored row as the import compares it: times as ISO strings. */
const storedColumns = (row: CaseRow): StoredCaseColumns =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Date ? value.toISOString() : (value as string | null),
    ]),
  ) as unknown as StoredCaseColumns;

export function createPostgresCaseStore(pool: PostgresPool): CaseStore {
  return {
    openCase: (input: NewCase, options = {}) =>
      inTransaction(pool, async (db) => {
        const appointment = input.appointment ?? null;
        if (appointment !== null && options.capacity !== undefined) {
          // Bookings of one slot take turns across replicas, so the last place goes once.
          await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
            `slot:${appointment.branch}:${appointment.mode}:${appointment.start.toISOString()}`,
          ]);
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(*) AS n FROM service_cases WHERE appt_branch = $1 AND appt_mode = $2 AND appt_start = $3
               AND (closed_at IS NULL OR closed_at > appt_start)`,
            [appointment.branch, appointment.mode, appointment.start],
          );
          if ((rows[0]?.n ?? 0) >= options.capacity) return { ok: false, reason: 'slot-full' };
        }
        const prefix = caseNumberPrefix(input.kind);
        const period = casePeriod(input.at, options.timeZone);
        const sequence = await nextSequence(db, prefix, period);
        const id = formatCaseNumber(prefix, period, sequence);
        await insertCase(db, {
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
          created_at: input.at,
          updated_at: input.at,
          closed_at: null,
        });
        await insertHistory(db, id, input.status, input.at, input.by, null);
        const created = await loaded(db, id);
        if (options.jobs !== undefined) await enqueueAll(db, options.jobs(created));
        return { ok: true, case: created };
      }),
    getCase: (id) => load(on(pool), canonicalId(id)),
    async listCases(filter = {}) {
      const where: string[] = [];
      const values: unknown[] = [];
      const param = (value: unknown): string => {
        values.push(value);
        return `$${values.length}`;
      };
      if (filter.status !== undefined) where.push(`status = ${param(filter.status)}`);
      if (filter.kind !== undefined) where.push(`kind = ${param(filter.kind)}`);
      if (filter.openOnly === true) where.push('closed_at IS NULL');
      if (filter.customer !== undefined && filter.userId !== undefined) {
        where.push(
          `channel = ${param(filter.customer.channel)} AND (conversation_id = ${param(filter.customer.conversationId)} OR user_id = ${param(filter.userId)})`,
        );
      } else if (filter.customer !== undefined) {
        where.push(
          `channel = ${param(filter.customer.channel)} AND conversation_id = ${param(filter.customer.conversationId)}`,
        );
      } else if (filter.userId !== undefined) {
        where.push(`user_id = ${param(filter.userId)}`);
      }
      if (filter.customerId !== undefined) where.push(`customer_id = ${param(filter.customerId)}`);
      const { rows } = await on(pool).query<{ id: string }>(
        `SELECT id FROM service_cases ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT ${param(filter.limit ?? 100)}`,
        values,
      );
      const found: ServiceCase[] = [];
      for (const row of rows) found.push(await loaded(on(pool), row.id));
      return found;
    },
    changeStatus: (rawId, update, options = {}) =>
      inTransaction(pool, async (db) => {
        const id = canonicalId(rawId);
        await db.query('SELECT 1 FROM service_cases WHERE id = $1 FOR UPDATE', [id]);
        const current = await load(db, id);
        if (current === null) return { outcome: 'not-found' };
        if (current.status === update.status) {
          if (update.note !== undefined && update.note !== null && update.note !== '') {
            await db.query(
              'INSERT INTO service_case_notes (case_id, text, at, actor) VALUES ($1, $2, $3, $4)',
              [id, update.note, update.at, update.by],
            );
            await db.query('UPDATE service_cases SET updated_at = $1 WHERE id = $2', [
              update.at,
              id,
            ]);
            return { outcome: 'unchanged', case: await loaded(db, id) };
          }
          return { outcome: 'unchanged', case: current };
        }
        const closedAt = update.final ? (current.closedAt ?? update.at) : null;
        await db.query(
          'UPDATE service_cases SET status = $1, closed_at = $2, updated_at = $3 WHERE id = $4',
          [update.status, closedAt, update.at, id],
        );
        await insertHistory(db, id, update.status, update.at, update.by, update.note ?? null);
        const updated = await loaded(db, id);
        if (options.jobs !== undefined) await enqueueAll(db, options.jobs(updated, current.status));
        return { outcome: 'changed', case: updated, previousStatus: current.status };
      }),
    addNote: (rawId, note) =>
      inTransaction(pool, async (db) => {
        const id = canonicalId(rawId);
        const exists = await db.query('SELECT 1 FROM service_cases WHERE id = $1 FOR UPDATE', [id]);
        if ((exists.rowCount ?? 0) === 0) return null;
        await db.query(
          'INSERT INTO service_case_notes (case_id, text, at, actor) VALUES ($1, $2, $3, $4)',
          [id, note.text, note.at, note.by],
        );
        await db.query('UPDATE service_cases SET updated_at = $1 WHERE id = $2', [note.at, id]);
        return load(db, id);
      }),
    async findByStaffThread(target, threadId) {
      const { rows } = await on(pool).query<{ id: string }>(
        'SELECT id FROM service_cases WHERE staff_target = $1 AND staff_thread = $2',
        [target, threadId],
      );
      return rows[0] ? load(on(pool), rows[0].id) : null;
    },
    async setStaffThread(id, target, threadId, at) {
      await on(pool).query(
        'UPDATE service_cases SET staff_target = $1, staff_thread = $2, updated_at = $3 WHERE id = $4',
        [target, threadId, at, canonicalId(id)],
      );
    },
    async setReference(id, reference, at) {
      await on(pool).query(
        'UPDATE service_cases SET reference_json = $1, updated_at = $2 WHERE id = $3',
        [JSON.stringify(reference), at, canonicalId(id)],
      );
    },
    async bookedCounts(branch, mode, from, to) {
      const { rows } = await on(pool).query<{ start: Date; n: number }>(
        `SELECT appt_start AS start, count(*) AS n FROM service_cases
          WHERE appt_branch = $1 AND appt_mode = $2 AND appt_start >= $3 AND appt_start < $4
            AND (closed_at IS NULL OR closed_at > appt_start)
          GROUP BY appt_start`,
        [branch, mode, from, to],
      );
      return new Map(rows.map((row) => [row.start.toISOString(), row.n]));
    },
    async importCases(rows, options) {
      try {
        return await inTransaction(pool, async (db) => {
          let added = 0;
          let updated = 0;
          let unchanged = 0;
          const at = options.at.toISOString();
          for (const row of rows) {
            const id = canonicalId(row.id);
            const parsed = parseCaseNumber(id);
            if (parsed === null)
              throw new Error(`line ${row.line}: ${row.id} is not a case number`);
            const existing = (
              await db.query<CaseRow>('SELECT * FROM service_cases WHERE id = $1 FOR UPDATE', [id])
            ).rows[0];
            const stored = existing === undefined ? undefined : storedColumns(existing);
            const columns = importedCaseColumns(id, row, stored, options.defaultLocale);
            if (existing === undefined || stored === undefined) {
              await insertCase(db, {
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
              await insertHistory(db, id, row.status, columns.created_at, options.source, null);
              await raiseCounter(db, parsed.prefix, parsed.period, parsed.sequence);
              added += 1;
              continue;
            }
            if (sameAsStored(columns, stored)) {
              unchanged += 1;
              continue;
            }
            const closedAt = row.final ? (existing.closed_at ?? at) : null;
            const assignments = Object.keys(columns)
              .filter((key) => key !== 'id')
              .map((key, index) => `${key} = $${index + 2}`);
            const values = Object.entries(columns)
              .filter(([key]) => key !== 'id')
              .map(([, value]) => value);
            await db.query(
              `UPDATE service_cases SET ${assignments.join(', ')}, updated_at = $${values.length + 2}, closed_at = $${values.length + 3} WHERE id = $1`,
              [id, ...values, at, closedAt],
            );
            if (existing.status !== row.status) {
              await insertHistory(db, id, row.status, at, options.source, null);
              if (options.jobs !== undefined)
                await enqueueAll(db, options.jobs(await loaded(db, id), existing.status));
            }
            updated += 1;
          }
          const summary = { added, updated, unchanged };
          if (options.dryRun === true) throw new DryRunRollback(summary);
          return summary;
        });
      } catch (error) {
        if (error instanceof DryRunRollback) return error.summary;
        throw error;
      }
    },
  };
}
