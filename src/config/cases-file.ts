/**
 * Reads a file of service cases from the company's own service system (CSV with a header row, or
 * a JSON array of objects with the same keys), as units files are read (units-file.ts): good rows
 * come back ready to import, bad rows with their line and every reason; a file that cannot be
 * read as a table throws UnitsFileError and nothing from it is used.
 */
import { z } from 'zod';
import type { CaseImport } from '../core/cases/ports';
import { findStatus, type CaseStatusModel } from '../core/cases/statuses';
import {
  caseKinds,
  caseNumberPrefix,
  formatCaseNumber,
  parseCaseNumber,
  type CaseKind,
} from '../core/cases/types';
import { optional, readTableRows, type BadRow, type TableSpec } from './units-file';

export const caseColumns = [
  'id',
  'kind',
  'status',
  'opened_at',
  'locale',
  'channel',
  'conversation_id',
  'user_id',
  'serial',
  'order_number',
  'category',
  'symptom',
  'description',
  'branch',
  'mode',
  'appointment_start',
  'appointment_end',
  'external_ref',
] as const;

const spec: TableSpec = {
  columns: caseColumns,
  required: ['id', 'kind', 'status', 'opened_at'],
  noun: 'cases',
  example: '"id": "R-2611-0001", "kind": "repair", "status": "diagnosing", ...',
};

export interface CasesFile {
  readonly rows: readonly CaseImport[];
  readonly bad: readonly BadRow[];
  readonly total: number;
}

export interface CasesFileContext {
  readonly statuses: CaseStatusModel;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
}

const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    'a date is YYYY-MM-DD or an ISO time such as 2026-11-20T09:30:00Z',
  )
  .transform(
    (text) =>
      new Date(
        /[T ]/.test(text) && !/Z|[+-]\d{2}:?\d{2}$/.test(text)
          ? `${text.replace(' ', 'T')}Z`
          : text.replace(' ', 'T'),
      ),
  )
  .refine((date) => !Number.isNaN(date.getTime()), 'not a real date');

function rowSchema(context: CasesFileContext) {
  const text = (max: number) => z.string().max(max, `at most ${max} characters`);
  return z
    .object({
      id: z.string().trim().min(1, 'required'),
      kind: z.enum(caseKinds as [CaseKind, ...CaseKind[]], {
        errorMap: () => ({ message: `one of ${caseKinds.join(', ')}` }),
      }),
      status: z.string().trim().min(1, 'required'),
      opened_at: instant,
      locale: optional(
        z.string().refine((locale) => context.locales.includes(locale), {
          message: `one of the configured locales ${context.locales.join(', ')}`,
        }),
      ),
      channel: optional(text(40)),
      conversation_id: optional(text(200)),
      user_id: optional(text(200)),
      serial: optional(text(80)),
      order_number: optional(text(80)),
      category: optional(text(80)),
      symptom: optional(text(80)),
      description: optional(text(2000)),
      branch: optional(text(80)),
      mode: optional(
        z.enum(['carry-in', 'on-site'], { errorMap: () => ({ message: 'carry-in or on-site' }) }),
      ),
      appointment_start: optional(instant),
      appointment_end: optional(instant),
      external_ref: optional(text(120)),
    })
    .superRefine((row, issues) => {
      const number = parseCaseNumber(row.id);
      if (number === null)
        issues.addIssue({
          code: 'custom',
          path: ['id'],
          message: `"${row.id}" is not a case number such as R-2611-0042 or RMA-2611-0007`,
        });
      else if (number.prefix !== caseNumberPrefix(row.kind))
        issues.addIssue({
          code: 'custom',
          path: ['id'],
          message: `a ${row.kind} case number starts with ${caseNumberPrefix(row.kind)}-`,
        });
      const status = findStatus(context.statuses, row.status);
      if (!status || !status.kinds.includes(row.kind))
        issues.addIssue({
          code: 'custom',
          path: ['status'],
          message: `"${row.status}" is not a status of ${row.kind} cases (${context.statuses.statuses
            .filter((s) => s.kinds.includes(row.kind))
            .map((s) => s.id)
            .join(', ')})`,
        });
      if ((row.channel === null) !== (row.conversation_id === null))
        issues.addIssue({
          code: 'custom',
          path: [row.channel === null ? 'channel' : 'conversation_id'],
          message: 'give channel and conversation_id together, or neither',
        });
      const appointment = [row.branch, row.mode, row.appointment_start];
      if (appointment.some((part) => part !== null) && appointment.some((part) => part === null))
        issues.addIssue({
          code: 'custom',
          path: ['appointment_start'],
          message: 'an appointment needs branch, mode and appointment_start',
        });
      if (
        row.appointment_start &&
        row.appointment_end &&
        row.appointment_end < row.appointment_start
      )
        issues.addIssue({
          code: 'custom',
          path: ['appointment_end'],
          message: 'ends before it starts',
        });
    });
}

export function readCasesFile(file: string, text: string, context: CasesFileContext): CasesFile {
  const raw = readTableRows(file, text, spec);
  const schema = rowSchema(context);
  const rows: CaseImport[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of raw) {
    if ('error' in values) {
      bad.push({ line, reason: String(values.error) });
      continue;
    }
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      bad.push({
        line,
        reason: parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`)
          .join('; '),
      });
      continue;
    }
    const row = parsed.data;
    const number = parseCaseNumber(row.id)!;
    const id = formatCaseNumber(number.prefix, number.period, number.sequence);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      bad.push({
        line,
        reason: `id: ${id} already appears on line ${earlier}; keep one row per case`,
      });
      continue;
    }
    seen.set(id, line);
    rows.push({
      line,
      id,
      kind: row.kind,
      status: row.status,
      final: findStatus(context.statuses, row.status)!.final,
      locale: row.locale,
      customer:
        row.channel !== null && row.conversation_id !== null
          ? { channel: row.channel, conversationId: row.conversation_id }
          : null,
      userId: row.user_id,
      serial: row.serial,
      orderNumber: row.order_number,
      category: row.category,
      symptom: row.symptom,
      description: row.description,
      appointment:
        row.branch !== null && row.mode !== null && row.appointment_start !== null
          ? {
              branch: row.branch,
              mode: row.mode,
              start: row.appointment_start,
              end: row.appointment_end ?? row.appointment_start,
            }
          : null,
      externalRef: row.external_ref,
      openedAt: row.opened_at,
    });
  }
  return { rows, bad, total: raw.length };
}
