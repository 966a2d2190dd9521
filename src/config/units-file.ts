/**
 * Reads a file of unit records (CSV with a header row, or a JSON array of objects with the same
 * keys) and validates every row against the warranty rules. Good rows come back ready to import;
 * bad rows come back with their line and every reason. A file that cannot be parsed at all
 * throws UnitsFileError, and nothing from it is used.
 */
import { LineCounter, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { isCalendarDate } from '../core/warranty/calendar-date';
import type { UnitImport } from '../core/warranty/ports';
import type { WarrantyRules } from '../core/warranty/rules';
import { canonicalSerial, fits } from '../core/warranty/serial';
import type { UnitPlan } from '../core/warranty/types';
import { CsvSyntaxError, parseCsv } from './csv';

export const unitColumns = [
  'serial',
  'model',
  'purchase_date',
  'delivery_date',
  'region',
  'plans',
  'customer_name',
  'customer_phone',
  'customer_email',
  'telegram_id',
  'exclusions',
  'order_number',
] as const;
const requiredColumns = ['serial', 'model', 'purchase_date'] as const;

export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

export interface UnitsFile {
  readonly rows: readonly UnitImport[];
  readonly bad: readonly BadRow[];
  /** Rows read, good and bad. */
  readonly total: number;
}

export class UnitsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${message}`);
    this.name = 'UnitsFileError';
  }
}

export type RawRow = {
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
};

/** What a table file (CSV with a header row, or a JSON array of objects) may hold. */
export interface TableSpec {
  readonly columns: readonly string[];
  readonly required: readonly string[];
  /** e.g. `units`: in messages. */
  readonly noun: string;
  /** The start of an example JSON object, e.g. `"serial": ..., "model": ...`. */
  readonly example: string;
}

const unitsSpec: TableSpec = {
  columns: unitColumns,
  required: requiredColumns,
  noun: 'units',
  example: '"serial": ..., "model": ...',
};

/** The rows of a table file; throws UnitsFileError when the file cannot be read as a table. */
export function readTableRows(file: string, text: string, spec: TableSpec): RawRow[] {
  return /\.json$/i.test(file) ? jsonRows(file, text, spec) : csvRows(file, text, spec);
}

export function readUnitsFile(file: string, text: string, rules: WarrantyRules): UnitsFile {
  const raw = readTableRows(file, text, unitsSpec);
  const schema = unitRowSchema(rules);
  const rows: UnitImport[] = [];
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
    const earlier = seen.get(parsed.data.unit.serial);
    if (earlier !== undefined) {
      bad.push({
        line,
        reason: `serial: ${parsed.data.unit.serial} already appears on line ${earlier}; keep one row per unit`,
      });
      continue;
    }
    seen.set(parsed.data.unit.serial, line);
    rows.push({ line, ...parsed.data });
  }
  return { rows, bad, total: raw.length };
}

function csvRows(file: string, text: string, spec: TableSpec): RawRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new UnitsFileError(file, error.line, error.message.replace(/^line \d+: /, ''));
    throw error;
  }
  const [header, ...body] = records;
  if (!header)
    throw new UnitsFileError(
      file,
      null,
      `the file is empty; the first line must name the columns: ${spec.columns.join(',')}`,
    );
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  checkColumns(file, header.line, columns, spec);
  return body.map((record) => {
    if (record.fields.length !== columns.length) {
      return {
        line: record.line,
        values: {
          error: `has ${record.fields.length} fields but the header has ${columns.length}; put fields with commas in double quotes`,
        },
      };
    }
    return {
      line: record.line,
      values: Object.fromEntries(columns.map((column, index) => [column, record.fields[index]])),
    };
  });
}

function checkColumns(
  file: string,
  line: number,
  columns: readonly string[],
  spec: TableSpec,
): void {
  const known: readonly string[] = spec.columns;
  const unknown = columns.filter((column) => !known.includes(column));
  if (unknown.length > 0)
    throw new UnitsFileError(
      file,
      line,
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${spec.columns.join(', ')}`,
    );
  const duplicate = columns.find((column, index) => columns.indexOf(column) !== index);
  if (duplicate) throw new UnitsFileError(file, line, `column "${duplicate}" appears twice`);
  const missing = spec.required.filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw new UnitsFileError(
      file,
      line,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name at least ${spec.required.join(', ')}`,
    );
}

function jsonRows(file: string, text: string, spec: TableSpec): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : null;
    throw new UnitsFileError(file, line, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data))
    throw new UnitsFileError(
      file,
      1,
      `a JSON ${spec.noun} file is an array of objects: [{${spec.example}}, ...]`,
    );
  // JSON.parse has no positions; the YAML parser (JSON is YAML) gives each item's line.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const items = isSeq(document.contents) ? document.contents.items : [];
  return data.map((value: unknown, index) => {
    const range = (items[index] as { range?: [number, number, number] } | undefined)?.range;
    const line = range ? lineCounter.linePos(range[0]).line : index + 1;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return {
        line,
        values: { error: `expected an object with ${spec.required.join(', ')}, ...` },
      };
    const keys = Object.keys(value);
    const unknown = keys.filter((key) => !spec.columns.includes(key));
    if (unknown.length > 0)
      return {
        line,
        values: {
          error: `unknown key ${unknown.map((k) => `"${k}"`).join(', ')}; the keys are ${spec.columns.join(', ')}`,
        },
      };
    return { line, values: value as Record<string, unknown> };
  });
}

/** Empty strings and null are "not given"; JSON numbers (a Telegram id) become text. */
export const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(
    (value) =>
      value === '' || value === null || value === undefined
        ? null
        : typeof value === 'number'
          ? String(value)
          : typeof value === 'string'
            ? value.trim() || null
            : value,
    schema.nullable(),
  );

const date = z
  .string()
  .trim()
  .refine(isCalendarDate, (value) => ({
    message: `"${value}" is not a real date in the form YYYY-MM-DD`,
  }));

function unitRowSchema(rules: WarrantyRules) {
  const modelIds = Object.keys(rules.models);
  const planIds = Object.keys(rules.plans);
  const exclusionIds = rules.exclusions.map((exclusion) => exclusion.id);
  // "a;b" in CSV; in JSON also an array; empty or null is none.
  const list = (value: unknown): unknown =>
    value === null || value === undefined
      ? []
      : typeof value === 'string'
        ? value
            .split(';')
            .map((item) => item.trim())
            .filter((item) => item !== '')
        : value;
  const plan = z.string().transform((text, ctx): UnitPlan => {
    const [id = '', boughtOn] = text.split('@', 2).map((part) => part.trim());
    if (!planIds.includes(id))
      ctx.addIssue({
        code: 'custom',
        message: `unknown plan "${id}"; known plans: ${planIds.join(', ')}`,
      });
    if (boughtOn !== undefined && !isCalendarDate(boughtOn))
      ctx.addIssue({
        code: 'custom',
        message: `"${boughtOn}" after "${id}@" is not a real date in the form YYYY-MM-DD`,
      });
    return { plan: id, boughtOn: boughtOn ?? null };
  });

  return z
    .object({
      serial: z.preprocess(
        (value) => (typeof value === 'number' ? String(value) : value),
        z.string().transform(canonicalSerial).pipe(z.string().min(1, 'is empty')),
      ),
      model: z
        .string()
        .trim()
        .refine(
          (id) => modelIds.includes(id),
          (id) => ({ message: `unknown model "${id}"; known models: ${modelIds.join(', ')}` }),
        ),
      purchase_date: date,
      delivery_date: optional(date),
      region: optional(
        z
          .string()
          .toLowerCase()
          .refine(
            (id) => rules.regions[id] !== undefined,
            (id) => ({
              message: `unknown region "${id}"; known regions: ${Object.keys(rules.regions).join(', ')}`,
            }),
          ),
      ),
      plans: z.preprocess(list, z.array(plan)).optional().default([]),
      customer_name: optional(z.string().max(200)),
      customer_phone: optional(
        z
          .string()
          .regex(
            /^\+?[0-9][0-9 ()-]{3,}$/,
            'a phone number is digits with optional +, spaces, dashes, parentheses',
          ),
      ),
      customer_email: optional(z.string().email('not an email address')),
      telegram_id: optional(z.string().regex(/^-?\d+$/, 'a Telegram id is a number')),
      order_number: optional(
        z
          .string()
          .transform(canonicalSerial)
          .refine(
            (order) => !rules.orderNumber || rules.orderNumber.pattern.test(order),
            (order) => ({
              message: `"${order}" does not fit the order number format (e.g. ${rules.orderNumber?.example ?? ''})`,
            }),
          ),
      ),
      exclusions: z
        .preprocess(
          list,
          z.array(
            z.string().refine(
              (id) => exclusionIds.includes(id),
              (id) => ({ message: `unknown exclusion "${id}"; known: ${exclusionIds.join(', ')}` }),
            ),
          ),
        )
        .optional()
        .default([]),
    })
    .superRefine((row, ctx) => {
      const model = rules.models[row.model];
      if (model && !fits(row.serial, model)) {
        ctx.addIssue({
          code: 'custom',
          path: ['serial'],
          message: `"${row.serial}" does not fit the serial format of ${model.id} (e.g. ${model.serial.example})`,
        });
      }
      if (row.delivery_date && row.delivery_date < row.purchase_date) {
        ctx.addIssue({
          code: 'custom',
          path: ['delivery_date'],
          message: `${row.delivery_date} is before the purchase date ${row.purchase_date}`,
        });
      }
      const ids = row.plans.map((item) => item.plan);
      const twice = ids.find((id, index) => ids.indexOf(id) !== index);
      if (twice)
        ctx.addIssue({
          code: 'custom',
          path: ['plans'],
          message: `plan "${twice}" is listed twice`,
        });
      for (const item of row.plans) {
        if (item.boughtOn && item.boughtOn < row.purchase_date) {
          ctx.addIssue({
            code: 'custom',
            path: ['plans'],
            message: `${item.plan} bought on ${item.boughtOn}, before the unit's purchase date ${row.purchase_date}`,
          });
        }
      }
    })
    .transform((row): Omit<UnitImport, 'line'> => {
      const hasCustomer =
        row.customer_name || row.customer_phone || row.customer_email || row.telegram_id;
      return {
        unit: {
          serial: row.serial,
          orderNumber: row.order_number ?? null,
          model: row.model,
          purchaseDate: row.purchase_date,
          deliveryDate: row.delivery_date ?? null,
          region: row.region ?? null,
          plans: row.plans,
          exclusions: row.exclusions,
        },
        customer: hasCustomer
          ? {
              name: row.customer_name ?? null,
              phone: row.customer_phone ?? null,
              email: row.customer_email ?? null,
              channelIds: row.telegram_id ? { telegram: row.telegram_id } : {},
            }
          : null,
      };
    });
}
