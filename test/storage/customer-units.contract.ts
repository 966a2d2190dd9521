/**
 * The shared contract every CustomerUnitsStore backend passes (SQLite and PostgreSQL). Records are
 * put in through the backend's UnitStore import, the way admins load them; the suite uses the
 * ports only. The backend is built with `voice` and `sms` as its phone channels.
 */
import type { CustomerUnitsStore } from '../../src/core/warranty/customer-units';
import type { ImportOptions, UnitImport } from '../../src/core/warranty/ports';

export interface CustomerUnitsBackend {
  /** The backend's UnitStore (its import may return a Promise). */
  readonly units: { importUnits(rows: readonly UnitImport[], options: ImportOptions): unknown };
  readonly customers: CustomerUnitsStore;
}

export function runCustomerUnitsContract(
  name: string,
  create: () => CustomerUnitsBackend | Promise<CustomerUnitsBackend>,
): void {
  describe(`CustomerUnitsStore contract: ${name}`, () => {
    let backend: CustomerUnitsBackend;
    const sara = {
      name: 'Sara Ahmadi',
      phone: '0912-345-6701',
      email: 'sara@example.com',
      channelIds: { telegram: '501' },
    };
    const row = (serial: string, purchaseDate: string, customer: UnitImport['customer']) => ({
      line: 2,
      unit: {
        serial,
        orderNumber: null,
        model: 'nova-12',
        purchaseDate,
        deliveryDate: null,
        region: null,
        plans: [],
        exclusions: [],
      },
      customer,
    });
    beforeEach(async () => {
      backend = await create();
      await backend.units.importUnits(
        [
          row('NV1225010001', '2025-09-14', sara),
          row('NV1223010003', '2023-04-20', sara),
          row('NV1225010002', '2025-12-01', {
            name: 'Reza Karimi',
            phone: '+44 20 7946 0958',
            email: null,
            channelIds: {},
          }),
        ],
        { at: new Date('2026-01-05T08:00:00Z') },
      );
    });

    test('a channel id on the record finds the customer and their units, newest first', async () => {
      const who = { channel: 'telegram', userId: '501' };
      expect(await backend.customers.customerOf(who)).not.toBeNull();
      const units = await backend.customers.unitsOf(who);
      expect(units.map((unit) => unit.serial)).toEqual(['NV1225010001', 'NV1223010003']);
      expect(units[0]).toMatchObject({ model: 'nova-12', purchaseDate: '2025-09-14' });
    });

    test('a caller in E.164 matches a number written nationally or internationally', async () => {
      const caller = await backend.customers.unitsOf({ channel: 'voice', userId: '+989123456701' });
      expect(caller.map((unit) => unit.serial)).toEqual(['NV1225010001', 'NV1223010003']);
      const texter = await backend.customers.unitsOf({ channel: 'sms', userId: '+442079460958' });
      expect(texter.map((unit) => unit.serial)).toEqual(['NV1225010002']);
      expect(
        await backend.customers.customerOf({ channel: 'voice', userId: '+989123456701' }),
      ).toBe(await backend.customers.customerOf({ channel: 'telegram', userId: '501' }));
    });

    test('a number is only a phone number on phone channels, and an unknown one has nothing', async () => {
      expect(
        await backend.customers.unitsOf({ channel: 'webchat', userId: '+989123456701' }),
      ).toEqual([]);
      expect(
        await backend.customers.customerOf({ channel: 'voice', userId: '+989120000000' }),
      ).toBe(null);
      expect(await backend.customers.unitsOf({ channel: 'voice', userId: 'anonymous' })).toEqual(
        [],
      );
    });

    test('at most `limit` units', async () => {
      const units = await backend.customers.unitsOf({ channel: 'telegram', userId: '501' }, 1);
      expect(units.map((unit) => unit.serial)).toEqual(['NV1225010001']);
    });
  });
}
