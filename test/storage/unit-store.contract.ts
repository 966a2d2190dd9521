/**
 * The shared contract every UnitStore backend passes (SQLite today). A backend's test file calls
 * `runUnitStoreContract('name', () => newEmptyStore())`; the suite uses the port only.
 */
import type { AsyncPort } from '../../src/storage/postgres/async-port';
import { asAsync, type Backend } from './backend';
import type { UnitImport, UnitStore } from '../../src/core/warranty/ports';

export function runUnitStoreContract(name: string, createStore: () => Backend<UnitStore>): void {
  describe(`UnitStore contract: ${name}`, () => {
    let store: AsyncPort<UnitStore>;
    beforeEach(async () => {
      store = asAsync(await createStore());
    });
    const at = new Date('2025-06-01T08:00:00Z');
    const later = new Date('2025-07-01T08:00:00Z');
    const row = (
      serial: string,
      extra: { unit?: Partial<UnitImport['unit']>; customer?: UnitImport['customer'] } = {},
    ): UnitImport => ({
      line: 2,
      unit: {
        serial,
        orderNumber: null,
        model: 'nova-12',
        purchaseDate: '2025-01-10',
        deliveryDate: null,
        region: null,
        plans: [],
        exclusions: [],
        ...extra.unit,
      },
      customer:
        extra.customer === undefined
          ? {
              name: 'Sara Ahmadi',
              phone: '0912-345-6701',
              email: 'sara@example.com',
              channelIds: { telegram: '501' },
            }
          : extra.customer,
    });

    test('an imported unit is found with every field, its owner and a history line', async () => {
      const summary = await store.importUnits(
        [
          row('NV1225010001', {
            unit: {
              plans: [
                { plan: 'care-plus', boughtOn: '2025-02-01' },
                { plan: 'care-premium', boughtOn: null },
              ],
              region: 'eu',
              deliveryDate: '2025-01-12',
              exclusions: ['liquid-damage'],
            },
          }),
        ],
        { at, source: 'units.csv' },
      );
      expect(summary).toEqual({
        added: 1,
        updated: 0,
        unchanged: 0,
        customersAdded: 1,
        customersUpdated: 0,
      });
      const record = await store.findRecord('NV1225010001');
      expect(record?.unit).toEqual({
        serial: 'NV1225010001',
        orderNumber: null,
        model: 'nova-12',
        purchaseDate: '2025-01-10',
        deliveryDate: '2025-01-12',
        region: 'eu',
        plans: [
          { plan: 'care-plus', boughtOn: '2025-02-01' },
          { plan: 'care-premium', boughtOn: null },
        ],
        exclusions: ['liquid-damage'],
        customerId: record?.customer?.id,
      });
      expect(record?.customer).toMatchObject({
        name: 'Sara Ahmadi',
        phone: '0912-345-6701',
        email: 'sara@example.com',
        channelIds: { telegram: '501' },
      });
      expect(record?.history).toEqual([
        { at, event: 'created', detail: 'imported from units.csv' },
      ]);
      expect(await store.findUnit('NV1225010001')).toEqual(record?.unit);
    });

    test('units are found by their order number, several per order', async () => {
      await store.importUnits(
        [
          row('NV1225010002', { unit: { orderNumber: 'ORD240517' } }),
          row('NV1225010001', { unit: { orderNumber: 'ORD240517' } }),
          row('NV1225010003'),
        ],
        { at },
      );
      expect((await store.findUnitsByOrder('ORD240517')).map((unit) => unit.serial)).toEqual([
        'NV1225010001',
        'NV1225010002',
      ]);
      expect(await store.findUnitsByOrder('ORD999999')).toEqual([]);
    });

    test('an unknown serial is undefined', async () => {
      expect(await store.findUnit('NV1299999999')).toBeUndefined();
      expect(await store.findRecord('NV1299999999')).toBeUndefined();
    });

    test('importing the same rows twice changes nothing the second time', async () => {
      const rows = [
        row('NV1225010001'),
        row('NV1225010002', { customer: null }),
        row('NV1225010003', {
          customer: { name: 'Reza', phone: null, email: null, channelIds: {} },
        }),
      ];
      await store.importUnits(rows, { at });
      expect(await store.importUnits(rows, { at: later })).toEqual({
        added: 0,
        updated: 0,
        unchanged: 3,
        customersAdded: 0,
        customersUpdated: 0,
      });
      expect((await store.findRecord('NV1225010001'))?.history).toHaveLength(1);
    });

    test('a changed row updates the unit by serial and records what changed', async () => {
      await store.importUnits([row('NV1225010001')], { at });
      const summary = await store.importUnits(
        [
          row('NV1225010001', {
            unit: { plans: [{ plan: 'care-plus', boughtOn: null }], deliveryDate: '2025-01-11' },
          }),
        ],
        { at: later, source: 'fix.csv' },
      );
      expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
      const record = await store.findRecord('NV1225010001');
      expect(record?.unit.plans).toEqual([{ plan: 'care-plus', boughtOn: null }]);
      expect(record?.history.at(-1)).toEqual({
        at: later,
        event: 'updated',
        detail: 'delivery_date: (none) → 2025-01-11; plans: (none) → care-plus (from fix.csv)',
      });
    });

    test('one owner for several units, matched by email, then phone, then channel id; details filled in', async () => {
      await store.importUnits([row('NV1225010001')], { at });
      const byPhone = await store.importUnits(
        [
          row('NV1225010002', {
            customer: { name: null, phone: '09123456701', email: null, channelIds: {} },
          }),
        ],
        { at },
      );
      expect(byPhone).toMatchObject({ added: 1, customersAdded: 0 });
      const byTelegram = await store.importUnits(
        [
          row('NV1225010003', {
            customer: { name: null, phone: null, email: null, channelIds: { telegram: '501' } },
          }),
        ],
        { at },
      );
      expect(byTelegram).toMatchObject({ customersAdded: 0 });
      const owner = (await store.findRecord('NV1225010001'))?.customer?.id;
      expect((await store.findRecord('NV1225010002'))?.customer?.id).toBe(owner);
      expect((await store.findRecord('NV1225010003'))?.customer?.id).toBe(owner);
      // A new email for the same phone: the owner's record is corrected, not duplicated.
      const corrected = await store.importUnits(
        [
          row('NV1225010001', {
            customer: { name: 'Sara A.', phone: '0912 345 6701', email: null, channelIds: {} },
          }),
        ],
        { at: later },
      );
      expect(corrected).toMatchObject({ customersAdded: 0, customersUpdated: 1, unchanged: 1 });
      expect((await store.findRecord('NV1225010003'))?.customer).toMatchObject({
        name: 'Sara A.',
        email: 'sara@example.com',
      });
    });

    test('a unit sold on to a new owner keeps its record and notes the change (the warranty transfers)', async () => {
      await store.importUnits([row('NV1225010001')], { at });
      await store.importUnits(
        [
          row('NV1225010001', {
            customer: {
              name: 'Reza Karimi',
              phone: '0912-345-6702',
              email: 'reza@example.com',
              channelIds: {},
            },
          }),
        ],
        { at: later },
      );
      const record = await store.findRecord('NV1225010001');
      expect(record?.customer?.name).toBe('Reza Karimi');
      expect(record?.unit.purchaseDate).toBe('2025-01-10');
      expect(record?.history.at(-1)?.detail).toBe('owner changed');
    });

    test('a dry run reports what would change and writes nothing', async () => {
      expect(
        await store.importUnits([row('NV1225010001'), row('NV1225010002')], { at, dryRun: true }),
      ).toMatchObject({ added: 2, customersAdded: 1 });
      expect(await store.findUnit('NV1225010001')).toBeUndefined();
      expect(await store.importUnits([row('NV1225010001')], { at })).toMatchObject({
        added: 1,
        customersAdded: 1,
      });
    });

    test('an import is all or nothing: a failure half-way leaves no trace', async () => {
      const rows = [row('NV1225010001'), row('NV1225010002')];
      await expect(
        Promise.resolve().then(() =>
          store.importUnits(rows, {
            at,
            onProgress: (done) => {
              if (done === 2) throw new Error('disk full');
            },
          }),
        ),
      ).rejects.toThrow('disk full');
      expect(await store.findUnit('NV1225010001')).toBeUndefined();
    });

    test('progress is reported for every unit', async () => {
      const seen: string[] = [];
      await store.importUnits([row('NV1225010001'), row('NV1225010002'), row('NV1225010003')], {
        at,
        onProgress: (done, total) => seen.push(`${done}/${total}`),
      });
      expect(seen).toEqual(['1/3', '2/3', '3/3']);
    });

    test('history lines can be added (a repair), in order', async () => {
      await store.importUnits([row('NV1225010001')], { at });
      await store.addHistory('NV1225010001', 'repair', 'battery replaced under warranty', later);
      expect((await store.findRecord('NV1225010001'))?.history.map((entry) => entry.event)).toEqual(
        ['created', 'repair'],
      );
    });
  });
}
