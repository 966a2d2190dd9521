/**
 * The columns of `service_cases` an imported row writes, shared by the SQLite and PostgreSQL case
 * stores. A blank cell (null) keeps what is stored: the service system does not know the bot's
 * conversation ids or the customer's language, and leaving them out must not unlink the customer
 * from their case (who would then never hear of its next status).
 */
import type { CaseImport } from '../core/cases/ports';

export interface ImportedCaseColumns {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly channel: string | null;
  readonly conversation_id: string | null;
  readonly user_id: string | null;
  readonly locale: string;
  readonly serial: string | null;
  readonly order_number: string | null;
  readonly category: string | null;
  readonly symptom: string | null;
  readonly description: string | null;
  readonly appt_branch: string | null;
  readonly appt_mode: string | null;
  readonly appt_start: string | null;
  readonly appt_end: string | null;
  readonly external_ref: string | null;
  readonly created_at: string;
}

/** A stored row with times as ISO strings (the way the import compares them). */
export type StoredCaseColumns = { readonly [key in keyof ImportedCaseColumns]: string | null };

export function importedCaseColumns(
  id: string,
  row: CaseImport,
  stored: StoredCaseColumns | undefined,
  defaultLocale: string,
): ImportedCaseColumns {
  const kept = (given: string | null, column: keyof ImportedCaseColumns): string | null =>
    given ?? stored?.[column] ?? null;
  const appointment = row.appointment;
  return {
    id,
    kind: row.kind,
    status: row.status,
    channel: row.customer?.channel ?? stored?.channel ?? null,
    conversation_id: row.customer?.conversationId ?? stored?.conversation_id ?? null,
    user_id: kept(row.userId, 'user_id'),
    locale: row.locale ?? stored?.locale ?? defaultLocale,
    serial: kept(row.serial, 'serial'),
    order_number: kept(row.orderNumber, 'order_number'),
    category: kept(row.category, 'category'),
    symptom: kept(row.symptom, 'symptom'),
    description: kept(row.description, 'description'),
    appt_branch: appointment ? appointment.branch : (stored?.appt_branch ?? null),
    appt_mode: appointment ? appointment.mode : (stored?.appt_mode ?? null),
    appt_start: appointment ? appointment.start.toISOString() : (stored?.appt_start ?? null),
    appt_end: appointment ? appointment.end.toISOString() : (stored?.appt_end ?? null),
    external_ref: kept(row.externalRef, 'external_ref'),
    created_at: row.openedAt.toISOString(),
  };
}

/** Whether the import would write nothing new over the stored row. */
export const sameAsStored = (columns: ImportedCaseColumns, stored: StoredCaseColumns): boolean =>
  (Object.keys(columns) as (keyof ImportedCaseColumns)[]).every(
    (key) => stored[key] === columns[key],
  );
