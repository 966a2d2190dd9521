/** UnitStore on SQLite: units, their owners and history (migration 002-warranty-units). */
import type {
  ImportOutcome,
  ImportSummary,
  UnitImport,
  UnitStore,
} from '../../core/warranty/ports';
import type { Customer, Unit, UnitPlan } from '../../core/warranty/types';
import { gated } from './gate';
import type { SqliteDatabase } from './open-database';

export interface UnitRow {
  serial: string;
  order_number: string | null;
  model: string;
  purchase_date: string;
  delivery_date: string | null;
  region: string | null;
  plans: string;
  exclusions: string;
  customer_id: number | null;
}

interface CustomerRow {
  id: number;
  name: string | null;
  phone: string | null;
  email: string | null;
}

type CustomerInput = NonNullable<UnitImport['customer']>;

/** Thrown inside the transaction of a dry run so that SQLite rolls everything back. */
class DryRunRollback extends Error {}

export function createSqliteUnitStore(db: SqliteDatabase): UnitStore {
  const columns =
    'serial, order_number, model, purchase_date, delivery_date, region, plans, exclusions, customer_id';
  const selectUnit = db.prepare(`SELECT ${columns} FROM units WHERE serial = ?`);
  const selectByOrder = db.prepare(
    `SELECT ${columns} FROM units WHERE order_number = ? ORDER BY serial`,
  );
  const insertUnit = db.prepare(
    `INSERT INTO units (${columns}, created_at, updated_at)
     VALUES (@serial, @order_number, @model, @purchase_date, @delivery_date, @region, @plans, @exclusions, @customer_id, @at, @at)`,
  );
  const updateUnit = db.prepare(
    `UPDATE units SET order_number = @order_number, model = @model, purchase_date = @purchase_date, delivery_date = @delivery_date,
     region = @region, plans = @plans, exclusions = @exclusions, customer_id = @customer_id, updated_at = @at WHERE serial = @serial`,
  );
  const insertHistory = db.prepare(
    'INSERT INTO unit_history (serial, at, event, detail) VALUES (?, ?, ?, ?)',
  );
  const selectHistory = db.prepare(
    'SELECT at, event, detail FROM unit_history WHERE serial = ? ORDER BY id',
  );
  const selectCustomer = db.prepare('SELECT id, name, phone, email FROM customers WHERE id = ?');
  const customerByEmail = db.prepare(
    'SELECT id, name, phone, email FROM customers WHERE email_key = ? ORDER BY id LIMIT 1',
  );
  const customerByPhone = db.prepare(
    'SELECT id, name, phone, email FROM customers WHERE phone_key = ? ORDER BY id LIMIT 1',
  );
  const customerByChannel = db.prepare(
    'SELECT c.id, c.name, c.phone, c.email FROM customers c JOIN customer_channels ch ON ch.customer_id = c.id WHERE ch.channel = ? AND ch.channel_user_id = ?',
  );
  const insertCustomer = db.prepare(
    'INSERT INTO customers (name, phone, phone_key, email, email_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updateCustomer = db.prepare(
    'UPDATE customers SET name = ?, phone = ?, phone_key = ?, email = ?, email_key = ?, updated_at = ? WHERE id = ?',
  );
  const selectChannels = db.prepare(
    'SELECT channel, channel_user_id FROM customer_channels WHERE customer_id = ? ORDER BY channel',
  );
  const insertChannel = db.prepare(
    'INSERT INTO customer_channels (customer_id, channel, channel_user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );

  /** By email, phone, channel id; else the unit's current owner when the name is the same. */
  function findCustomer(
    input: CustomerInput,
    currentOwner: number | null,
  ): CustomerRow | undefined {
    const email = emailKey(input.email);
    const phone = phoneKey(input.phone);
    return (
      (email ? (customerByEmail.get(email) as CustomerRow | undefined) : undefined) ??
      (phone ? (customerByPhone.get(phone) as CustomerRow | undefined) : undefined) ??
      Object.entries(input.channelIds)
        .map(([channel, id]) => customerByChannel.get(channel, id) as CustomerRow | undefined)
        .find((row) => row !== undefined) ??
      ownerNamed(input.name, currentOwner)
    );
  }

  /** The current owner, read only when nothing else matched and only if the names agree. */
  function ownerNamed(name: string | null, currentOwner: number | null): CustomerRow | undefined {
    if (name === null || currentOwner === null) return undefined;
    const owner = selectCustomer.get(currentOwner) as CustomerRow | undefined;
    return owner?.name?.toLowerCase() === name.toLowerCase() ? owner : undefined;
  }

  /** The owner's id, and whether a customer was added or changed. */
  function upsertCustomer(
    input: CustomerInput,
    currentOwner: number | null,
    at: string,
  ): { id: number; outcome: ImportOutcome } {
    const existing = findCustomer(input, currentOwner);
    let id: number;
    let outcome: ImportOutcome = 'unchanged';
    if (!existing) {
      id = Number(
        insertCustomer.run(
          input.name,
          input.phone,
          phoneKey(input.phone),
          input.email,
          emailKey(input.email),
          at,
          at,
        ).lastInsertRowid,
      );
      outcome = 'added';
    } else {
      id = existing.id;
      // The file fills in and corrects fields; an empty field in the file keeps what is known.
      const name = input.name ?? existing.name;
      const phone = input.phone ?? existing.phone;
      const email = input.email ?? existing.email;
      if (name !== existing.name || phone !== existing.phone || email !== existing.email) {
        updateCustomer.run(name, phone, phoneKey(phone), email, emailKey(email), at, id);
        outcome = 'updated';
      }
    }
    for (const [channel, channelUserId] of Object.entries(input.channelIds)) {
      if (insertChannel.run(id, channel, channelUserId).changes > 0 && outcome === 'unchanged')
        outcome = 'updated';
    }
    return { id, outcome };
  }

  function importOne(
    row: UnitImport,
    at: string,
    source: string,
  ): { unit: ImportOutcome; customer: ImportOutcome } {
    const existing = selectUnit.get(row.unit.serial) as UnitRow | undefined;
    const owner = row.customer
      ? upsertCustomer(row.customer, existing?.customer_id ?? null, at)
      : null;
    const next: UnitRow = {
      ...toRow(row.unit),
      // A file without owner details keeps the owner already on record.
      customer_id: owner ? owner.id : (existing?.customer_id ?? null),
    };
    const customer = owner?.outcome ?? 'unchanged';
    if (!existing) {
      insertUnit.run({ ...next, at });
      insertHistory.run(
        next.serial,
        at,
        'created',
        source ? `imported from ${source}` : 'imported',
      );
      return { unit: 'added', customer };
    }
    const changes = describeChanges(existing, next);
    if (changes.length === 0) return { unit: 'unchanged', customer };
    updateUnit.run({ ...next, at });
    insertHistory.run(
      next.serial,
      at,
      'updated',
      `${changes.join('; ')}${source ? ` (from ${source})` : ''}`,
    );
    return { unit: 'updated', customer };
  }

  const runImport = db.transaction(
    (
      rows: readonly UnitImport[],
      at: string,
      source: string,
      onProgress?: (done: number, total: number) => void,
    ): ImportSummary => {
      const counts = { added: 0, updated: 0, unchanged: 0, customersAdded: 0, customersUpdated: 0 };
      rows.forEach((row, index) => {
        const outcome = importOne(row, at, source);
        counts[outcome.unit] += 1;
        if (outcome.customer === 'added') counts.customersAdded += 1;
        if (outcome.customer === 'updated') counts.customersUpdated += 1;
        onProgress?.(index + 1, rows.length);
      });
      return counts;
    },
  );

  return gated<UnitStore>(db, {
    findUnit(serial) {
      const row = selectUnit.get(serial) as UnitRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    findUnitsByOrder(orderNumber) {
      return (selectByOrder.all(orderNumber) as UnitRow[]).map(fromRow);
    },
    findRecord(serial) {
      const row = selectUnit.get(serial) as UnitRow | undefined;
      if (!row) return undefined;
      const customerRow =
        row.customer_id === null
          ? undefined
          : (selectCustomer.get(row.customer_id) as CustomerRow | undefined);
      const customer: Customer | null = customerRow
        ? {
            ...customerRow,
            channelIds: Object.fromEntries(
              (
                selectChannels.all(customerRow.id) as { channel: string; channel_user_id: string }[]
              ).map((item) => [item.channel, item.channel_user_id]),
            ),
          }
        : null;
      const history = (
        selectHistory.all(serial) as { at: string; event: string; detail: string }[]
      ).map((entry) => ({ ...entry, at: new Date(entry.at) }));
      return { unit: fromRow(row), customer, history };
    },
    importUnits(rows, options) {
      const at = options.at.toISOString();
      const source = options.source ?? '';
      if (!options.dryRun) return runImport(rows, at, source, options.onProgress);
      let summary: ImportSummary | undefined;
      try {
        db.transaction(() => {
          summary = runImport(rows, at, source, options.onProgress);
          throw new DryRunRollback();
        })();
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      return (
        summary ?? { added: 0, updated: 0, unchanged: 0, customersAdded: 0, customersUpdated: 0 }
      );
    },
    addHistory(serial, event, detail, at) {
      insertHistory.run(serial, at.toISOString(), event, detail);
    },
  });
}

function toRow(unit: UnitImport['unit']): UnitRow {
  return {
    serial: unit.serial,
    order_number: unit.orderNumber,
    model: unit.model,
    purchase_date: unit.purchaseDate,
    delivery_date: unit.deliveryDate,
    region: unit.region,
    plans: unit.plans
      .map((plan) => (plan.boughtOn ? `${plan.plan}@${plan.boughtOn}` : plan.plan))
      .join(';'),
    exclusions: unit.exclusions.join(';'),
    customer_id: null,
  };
}

export function fromRow(row: UnitRow): Unit {
  return {
    serial: row.serial,
    orderNumber: row.order_number,
    model: row.model,
    purchaseDate: row.purchase_date,
    deliveryDate: row.delivery_date,
    region: row.region,
    plans: row.plans === '' ? [] : row.plans.split(';').map(parsePlan),
    exclusions: row.exclusions === '' ? [] : row.exclusions.split(';'),
    customerId: row.customer_id,
  };
}

function parsePlan(text: string): UnitPlan {
  const [plan = '', boughtOn] = text.split('@', 2);
  return { plan, boughtOn: boughtOn ?? null };
}

const comparedFields: readonly (keyof UnitRow)[] = [
  'order_number',
  'model',
  'purchase_date',
  'delivery_date',
  'region',
  'plans',
  'exclusions',
  'customer_id',
];

function describeChanges(before: UnitRow, after: UnitRow): string[] {
  return comparedFields
    .filter((field) => before[field] !== after[field])
    .map((field) =>
      field === 'customer_id'
        ? 'owner changed'
        : `${field}: ${shown(before[field])} → ${shown(after[field])}`,
    );
}

function shown(value: string | number | null): string {
  return value === null || value === '' ? '(none)' : String(value);
}

function emailKey(email: string | null): string | null {
  return email ? email.trim().toLowerCase() : null;
}

export function phoneKey(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^\d+]/g, '');
  return digits === '' ? null : digits;
}
