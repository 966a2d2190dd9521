import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteCustomerUnits, phoneKeys } from '../../src/storage/sqlite/customer-units';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import { runCustomerUnitsContract } from './customer-units.contract';

runCustomerUnitsContract('SQLite', () => {
  const db = openDatabase(
    path.join(mkdtempSync(path.join(os.tmpdir(), 'aftercare-customers-')), 'customers.db'),
  );
  return {
    units: createSqliteUnitStore(db),
    customers: createSqliteCustomerUnits(db, { phoneChannels: ['voice', 'sms'] }),
  };
});

test('the forms an E.164 number may be stored under, and none for what is not one', () => {
  expect(phoneKeys('+989123456701')).toEqual(
    expect.arrayContaining(['+989123456701', '00989123456701', '09123456701']),
  );
  expect(phoneKeys('501234567')).toEqual([]);
  expect(phoneKeys('U123ABC')).toEqual([]);
});
