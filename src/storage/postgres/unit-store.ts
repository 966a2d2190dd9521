/**
 * UnitStore and CustomerUnitsStore on PostgreSQL (tables of migration 001): the same matching and
 * history as the SQLite backend (src/storage/sqlite/unit-store.ts), one transaction per import.
 */
import type { ChannelCustomer, CustomerUnitsStore } from '../../core/warranty/customer-units';
import type {
  ImportOutcome,
  ImportSummary,
  UnitImport,
  UnitStore,
} from '../../core/warranty/ports';
import type { Customer, UnitRecord } from '../../core/warranty/types';
import { phoneKeys } from '../sqlite/customer-units';
import { fromRow, phoneKey, type UnitRow } from '../sqlite/unit-store';
import type { AsyncPort, Queryable } from './async-port';
import { inTransaction, on, type PostgresPool } from './pool';

interface CustomerRow extends Record<string, unknown> {
  id: number;
  name: string | null;
  phone: string | null;
  email: string | null;
}

type CustomerInput = NonNullable<UnitImport['customer']>;

const COLUMNS =
  'serial, order_number, model, purchase_date, delivery_date, region, plans, exclusions, customer_id';

class DryRunRollback extends Error {}

function emailKey(email: string | null): string | null {
  return email ? email.trim().toLowerCase() : null;
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

const COMPARED: readonly (keyof UnitRow)[] = [
  'order_number',
  'model',
  'purchase_date',
  'delivery_date',
  'region',
  'plans',
  'exclusions',
  'customer_id',
];

function shown(value: string | number | null): string {
  return value === null || value === '' ? '(none)' : String(value);
}

function describeChanges(before: UnitRow, after: UnitRow): string[] {
  return COMPARED.filter((field) => before[field] !== after[field]).map((field) =>
    field === 'customer_id'
      ? 'owner changed'
      : `${field}: ${shown(before[field])} → ${shown(after[field])}`,
  );
}

async function one<R extends Record<string, unknown>>(
  db: Queryable,
  sql: string,
  values: readonly unknown[],
): Promise<R | undefined> {
  return (await db.query<R>(sql, values)).rows[0];
}

async function findCustomer(
  db: Queryable,
  input: CustomerInput,
  currentOwner: number | null,
): Promise<CustomerRow | undefined> {
  const email = emailKey(input.email);
  if (email) {
    const row = await one<CustomerRow>(
      db,
      'SELECT id, name, phone, email FROM customers WHERE email_key = $1 ORDER BY id LIMIT 1',
      [email],
    );
    if (row) return row;
  }
  const phone = phoneKey(input.phone);
  if (phone) {
    const row = await one<CustomerRow>(
      db,
      'SELECT id, name, phone, email FROM customers WHERE phone_key = $1 ORDER BY id LIMIT 1',
      [phone],
    );
    if (row) return row;
  }
  for (const [channel, id] of Object.entries(input.channelIds)) {
    const row = await one<CustomerRow>(
      db,
      `SELECT c.id, c.name, c.phone, c.email FROM customers c JOIN customer_channels ch ON ch.customer_id = c.id
       WHERE ch.channel = $1 AND ch.channel_user_id = $2`,
      [channel, id],
    );
    if (row) return row;
  }
  if (input.name === null || currentOwner === null) return undefined;
  const owner = await one<CustomerRow>(
    db,
    'SELECT id, name, phone, email FROM customers WHERE id = $1',
    [currentOwner],
  );
  return owner?.name?.toLowerCase() === input.name.toLowerCase() ? owner : undefined;
}

async function upsertCustomer(
  db: Queryable,
  input: CustomerInput,
  currentOwner: number | null,
  at: Date,
): Promise<{ id: number; outcome: ImportOutcome }> {
  const existing = await findCustomer(db, input, currentOwner);
  let id: number;
  let outcome: ImportOutcome = 'unchanged';
  if (!existing) {
    const inserted = await one<{ id: number }>(
      db,
      `INSERT INTO customers (name, phone, phone_key, email, email_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      [input.name, input.phone, phoneKey(input.phone), input.email, emailKey(input.email), at],
    );
    id = (inserted as { id: number }).id;
    outcome = 'added';
  } else {
    id = existing.id;
    const name = input.name ?? existing.name;
    const phone = input.phone ?? existing.phone;
    const email = input.email ?? existing.email;
    if (name !== existing.name || phone !== existing.phone || email !== existing.email) {
      await db.query(
        'UPDATE customers SET name = $1, phone = $2, phone_key = $3, email = $4, email_key = $5, updated_at = $6 WHERE id = $7',
        [name, phone, phoneKey(phone), email, emailKey(email), at, id],
      );
      outcome = 'updated';
    }
  }
  for (const [channel, channelUserId] of Object.entries(input.channelIds)) {
    const result = await db.query(
      'INSERT INTO customer_channels (customer_id, channel, channel_user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [id, channel, channelUserId],
    );
    if ((result.rowCount ?? 0) > 0 && outcome === 'unchanged') outcome = 'updated';
  }
  return { id, outcome };
}

async function importOne(
  db: Queryable,
  row: UnitImport,
  at: Date,
  source: string,
): Promise<{ unit: ImportOutcome; customer: ImportOutcome }> {
  const existing = await one<UnitRow & Record<string, unknown>>(
    db,
    `SELECT ${COLUMNS} FROM units WHERE serial = $1 FOR UPDATE`,
    [row.unit.serial],
  );
  const owner = row.customer
    ? await upsertCustomer(db, row.customer, existing?.customer_id ?? null, at)
    : null;
  const next: UnitRow = {
    ...toRow(row.unit),
    customer_id: owner ? owner.id : (existing?.customer_id ?? null),
  };
  const customer = owner?.outcome ?? 'unchanged';
  const values = [
    next.serial,
    next.order_number,
    next.model,
    next.purchase_date,
    next.delivery_date,
    next.region,
    next.plans,
    next.exclusions,
    next.customer_id,
    at,
  ];
  const history = 'INSERT INTO unit_history (serial, at, event, detail) VALUES ($1, $2, $3, $4)';
  if (!existing) {
    await db.query(
      `INSERT INTO units (${COLUMNS}, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      values,
    );
    await db.query(history, [
      next.serial,
      at,
      'created',
      source ? `imported from ${source}` : 'imported',
    ]);
    return { unit: 'added', customer };
  }
  const changes = describeChanges(existing, next);
  if (changes.length === 0) return { unit: 'unchanged', customer };
  await db.query(
    `UPDATE units SET order_number = $2, model = $3, purchase_date = $4, delivery_date = $5, region = $6,
     plans = $7, exclusions = $8, customer_id = $9, updated_at = $10 WHERE serial = $1`,
    values,
  );
  await db.query(history, [
    next.serial,
    at,
    'updated',
    `${changes.join('; ')}${source ? ` (from ${source})` : ''}`,
  ]);
  return { unit: 'updated', customer };
}

export function createPostgresUnitStore(pool: PostgresPool): AsyncPort<UnitStore> {
  return {
    async findUnit(serial) {
      const row = await one<UnitRow & Record<string, unknown>>(
        on(pool),
        `SELECT ${COLUMNS} FROM units WHERE serial = $1`,
        [serial],
      );
      return row ? fromRow(row) : undefined;
    },
    async findUnitsByOrder(orderNumber) {
      const { rows } = await on(pool).query<UnitRow & Record<string, unknown>>(
        `SELECT ${COLUMNS} FROM units WHERE order_number = $1 ORDER BY serial`,
        [orderNumber],
      );
      return rows.map(fromRow);
    },
    async findRecord(serial): Promise<UnitRecord | undefined> {
      const row = await one<UnitRow & Record<string, unknown>>(
        on(pool),
        `SELECT ${COLUMNS} FROM units WHERE serial = $1`,
        [serial],
      );
      if (!row) return undefined;
      const owner =
        row.customer_id === null
          ? undefined
          : await one<CustomerRow>(
              on(pool),
              'SELECT id, name, phone, email FROM customers WHERE id = $1',
              [row.customer_id],
            );
      let customer: Customer | null = null;
      if (owner) {
        const channels = await on(pool).query<{ channel: string; channel_user_id: string }>(
          'SELECT channel, channel_user_id FROM customer_channels WHERE customer_id = $1 ORDER BY channel',
          [owner.id],
        );
        customer = {
          id: owner.id,
          name: owner.name,
          phone: owner.phone,
          email: owner.email,
          channelIds: Object.fromEntries(
            channels.rows.map((item) => [item.channel, item.channel_user_id]),
          ),
        };
      }
      const history = await on(pool).query<{ at: Date; event: string; detail: string }>(
        'SELECT at, event, detail FROM unit_history WHERE serial = $1 ORDER BY id',
        [serial],
      );
      return { unit: fromRow(row), customer, history: history.rows };
    },
    async importUnits(rows, options) {
      const source = options.source ?? '';
      let summary: ImportSummary | undefined;
      try {
        await inTransaction(pool, async (client) => {
          const counts = {
            added: 0,
            updated: 0,
            unchanged: 0,
            customersAdded: 0,
            customersUpdated: 0,
          };
          for (const [index, row] of rows.entries()) {
            const outcome = await importOne(client, row, options.at, source);
            counts[outcome.unit] += 1;
            if (outcome.customer === 'added') counts.customersAdded += 1;
            if (outcome.customer === 'updated') counts.customersUpdated += 1;
            options.onProgress?.(index + 1, rows.length);
          }
          summary = counts;
          if (options.dryRun) throw new DryRunRollback();
        });
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      return summary as ImportSummary;
    },
    async addHistory(serial, event, detail, at) {
      await on(pool).query(
        'INSERT INTO unit_history (serial, at, event, detail) VALUES ($1, $2, $3, $4)',
        [serial, at, event, detail],
      );
    },
  };
}

export interface PostgresCustomerUnitsOptions {
  /** Channels whose user id is the customer's phone number in E.164 (`voice`, `sms`). */
  readonly phoneChannels: readonly string[];
}

export function createPostgresCustomerUnits(
  pool: PostgresPool,
  options: PostgresCustomerUnitsOptions,
): CustomerUnitsStore {
  async function customerOf(who: ChannelCustomer): Promise<number | null> {
    const channel = await one<{ id: number }>(
      on(pool),
      'SELECT customer_id AS id FROM customer_channels WHERE channel = $1 AND channel_user_id = $2',
      [who.channel, who.userId],
    );
    if (channel) return channel.id;
    if (!options.phoneChannels.includes(who.channel)) return null;
    const keys = phoneKeys(who.userId);
    if (keys.length === 0) return null;
    const phone = await one<{ id: number }>(
      on(pool),
      'SELECT id FROM customers WHERE phone_key = ANY($1::text[]) ORDER BY id LIMIT 1',
      [keys],
    );
    return phone?.id ?? null;
  }
  return {
    customerOf,
    async unitsOf(who, limit = 10) {
      const id = await customerOf(who);
      if (id === null) return [];
      const { rows } = await on(pool).query<UnitRow & Record<string, unknown>>(
        `SELECT ${COLUMNS} FROM units WHERE customer_id = $1 ORDER BY purchase_date DESC, serial LIMIT $2`,
        [id, limit],
      );
      return rows.map(fromRow);
    },
  };
}
