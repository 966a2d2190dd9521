/**
 * CustomerUnitsStore on SQLite (tables of migration 002). A phone number on a record may be
 * written nationally ("0912-345-6701") while the caller's number arrives in E.164
 * ("+989123456701"): see `phoneKeys` for the forms that are taken to be the same number.
 */
import type { ChannelCustomer, CustomerUnitsStore } from '../../core/warranty/customer-units';
import type { SqliteDatabase } from './open-database';
import { fromRow, type UnitRow } from './unit-store';
import { gateAll } from './gate';

export interface SqliteCustomerUnitsOptions {
  /** Channels whose user id is the customer's phone number in E.164 (`voice`, `sms`). */
  readonly phoneChannels: readonly string[];
}

export function createSqliteCustomerUnits(
  db: SqliteDatabase,
  options: SqliteCustomerUnitsOptions,
): CustomerUnitsStore {
  const byChannel = db.prepare(
    'SELECT customer_id AS id FROM customer_channels WHERE channel = ? AND channel_user_id = ?',
  );
  const byPhone = db.prepare(
    'SELECT id FROM customers WHERE phone_key IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1',
  );
  const unitsOfCustomer = db.prepare(
    `SELECT serial, order_number, model, purchase_date, delivery_date, region, plans, exclusions, customer_id
     FROM units WHERE customer_id = ? ORDER BY purchase_date DESC, serial LIMIT ?`,
  );

  function customerOf(who: ChannelCustomer): number | null {
    const channel = byChannel.get(who.channel, who.userId) as { id: number } | undefined;
    if (channel) return channel.id;
    if (!options.phoneChannels.includes(who.channel)) return null;
    const keys = phoneKeys(who.userId);
    if (keys.length === 0) return null;
    const phone = byPhone.get(JSON.stringify(keys)) as { id: number } | undefined;
    return phone?.id ?? null;
  }

  return gateAll<CustomerUnitsStore>(db, {
    customerOf: async (who) => customerOf(who),
    async unitsOf(who, limit = 10) {
      const id = customerOf(who);
      if (id === null) return [];
      return (unitsOfCustomer.all(id, limit) as UnitRow[]).map(fromRow);
    },
  });
}

/**
 * The `phone_key`s (digits, maybe a leading +) an E.164 number may be stored under: as it is,
 * with 00 instead of +, and nationally with the trunk prefix 0 for a country code of one to
 * three digits ("+989123456701" → "09123456701"). Not an E.164 number: no keys, so a chat user
 * id is never read as a phone number.
 */
export function phoneKeys(number: string): string[] {
  const e164 = /^\+([1-9]\d{6,14})$/.exec(number.replace(/[\s\-().]/g, ''));
  if (!e164) return [];
  const digits = e164[1] as string;
  const national = [1, 2, 3].map((length) => `0${digits.slice(length)}`);
  return [`+${digits}`, `00${digits}`, digits, ...national];
}
