import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, readMigrations } from '../../src/storage/sqlite/open-database';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import { runUnitStoreContract } from './unit-store.contract';

const newDatabase = () =>
  openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'aftercare-units-')), 'units.db'));

runUnitStoreContract('SQLite', () => createSqliteUnitStore(newDatabase()));

describe('SQLite unit store', () => {
  test('migration 002 adds the unit tables after 001', () => {
    expect(readMigrations().map((migration) => migration.name)).toEqual(
      expect.arrayContaining(['001-conversations', '002-warranty-units']),
    );
    const tables = (
      newDatabase()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string }[]
    ).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining(['customers', 'customer_channels', 'units', 'unit_history']),
    );
  });

  test('a unit survives closing and reopening the file', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'aftercare-units-')), 'units.db');
    const first = openDatabase(file);
    await createSqliteUnitStore(first).importUnits(
      [
        {
          line: 2,
          unit: {
            serial: 'WM0723041188',
            orderNumber: null,
            model: 'aquawash-7',
            purchaseDate: '2023-04-01',
            deliveryDate: '2023-04-09',
            region: null,
            plans: [],
            exclusions: [],
          },
          customer: null,
        },
      ],
      { at: new Date('2025-01-01T00:00:00Z') },
    );
    first.close();
    expect(await createSqliteUnitStore(openDatabase(file)).findUnit('WM0723041188')).toMatchObject({
      deliveryDate: '2023-04-09',
      customerId: null,
    });
  });
});
