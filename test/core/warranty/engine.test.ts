import { warrantyStatus, type StatusOptions } from '../../../src/core/warranty/engine';
import { createWarrantyService } from '../../../src/core/warranty/service';
import type { Unit } from '../../../src/core/warranty/types';
import { testRules, unit } from './fixtures';

const rules = testRules();
const at = (on: string, extra: Partial<StatusOptions> = {}): StatusOptions => ({
  on,
  timeZone: 'UTC',
  ...extra,
});
const codes = (status: { reasons: readonly { code: string }[] }): string[] =>
  status.reasons.map((reason) => reason.code);

describe('warrantyStatus: dates', () => {
  test('bought 31 January with one month of cover: covered through 29 February (leap year), not on 1 March', async () => {
    const monthly = unit({ serial: 'MO123456', model: 'm1', purchaseDate: '2024-01-31' });
    expect(warrantyStatus(monthly, rules, at('2024-02-29'))).toMatchObject({
      covered: true,
      until: '2024-02-29',
      daysLeft: 0,
      coveredBy: 'monthly',
    });
    expect(warrantyStatus(monthly, rules, at('2024-03-01'))).toMatchObject({
      covered: false,
      state: 'expired',
      until: '2024-02-29',
      daysLeft: 0,
    });
  });

  test('bought 31 January 2025 with one month: covered through 28 February', async () => {
    const monthly = unit({ serial: 'MO123456', model: 'm1', purchaseDate: '2025-01-31' });
    expect(warrantyStatus(monthly, rules, at('2025-02-28')).covered).toBe(true);
    expect(warrantyStatus(monthly, rules, at('2025-03-01')).covered).toBe(false);
  });

  test('bought 29 February with 12 months: covered through 28 February of the next year', async () => {
    const yearly = unit({ serial: 'YE123456', model: 'y1', purchaseDate: '2024-02-29' });
    expect(warrantyStatus(yearly, rules, at('2025-02-28'))).toMatchObject({
      covered: true,
      until: '2025-02-28',
    });
    expect(warrantyStatus(yearly, rules, at('2025-03-01'))).toMatchObject({
      covered: false,
      until: '2025-02-28',
    });
  });

  test('the last day of coverage is covered with 0 days left; the day after is not', async () => {
    const gadget = unit({ serial: 'GA123456', model: 'g1', purchaseDate: '2023-06-15' });
    expect(warrantyStatus(gadget, rules, at('2025-06-14'))).toMatchObject({
      covered: true,
      daysLeft: 1,
    });
    expect(warrantyStatus(gadget, rules, at('2025-06-15'))).toMatchObject({
      covered: true,
      daysLeft: 0,
      until: '2025-06-15',
    });
    const after = warrantyStatus(gadget, rules, at('2025-06-16'));
    expect(after).toMatchObject({ covered: false, state: 'expired', daysLeft: 0 });
    expect(after.reasons).toContainEqual({ code: 'expired', params: { until: '2025-06-15' } });
  });

  test('the day is taken in the configured time zone: 21:00 UTC on the last day is the day after in Tehran', async () => {
    const gadget = unit({ serial: 'GA123456', model: 'g1', purchaseDate: '2023-03-20' });
    const lateEvening = new Date('2025-03-20T21:00:00Z');
    expect(warrantyStatus(gadget, rules, { on: lateEvening, timeZone: 'UTC' })).toMatchObject({
      on: '2025-03-20',
      covered: true,
    });
    expect(
      warrantyStatus(gadget, rules, { on: lateEvening, timeZone: 'Asia/Tehran' }),
    ).toMatchObject({ on: '2025-03-21', covered: false });
  });

  test('a category counted from delivery starts at the delivery date; without one, at the purchase date', async () => {
    const delivered = unit({
      serial: 'WA123456',
      model: 'w1',
      purchaseDate: '2024-01-10',
      deliveryDate: '2024-02-01',
    });
    const status = warrantyStatus(delivered, rules, at('2026-01-20'));
    expect(status).toMatchObject({ startsOn: '2024-02-01', until: '2026-02-01', covered: true });
    expect(codes(status)).toContain('manufacturer-from-delivery');

    const undelivered = warrantyStatus(
      { ...delivered, deliveryDate: null },
      rules,
      at('2026-01-20'),
    );
    expect(undelivered).toMatchObject({
      startsOn: '2024-01-10',
      until: '2026-01-10',
      covered: false,
    });
    expect(undelivered.reasons).toContainEqual({
      code: 'no-delivery-date',
      params: { purchaseDate: '2024-01-10' },
    });
  });
});

describe('warrantyStatus: plans and statutory minimums', () => {
  const gadget = (plans: Unit['plans'], purchaseDate = '2022-01-31'): Unit =>
    unit({ serial: 'GA123456', model: 'g1', purchaseDate, plans });

  test('one plan adds its months and becomes what covers the unit', async () => {
    const status = warrantyStatus(
      gadget([{ plan: 'plus', boughtOn: null }]),
      rules,
      at('2024-06-01'),
    );
    expect(status).toMatchObject({
      covered: true,
      until: '2025-01-31',
      coveredBy: 'plus',
      plans: ['plus'],
    });
    expect(status.maintenance).toEqual({ discountPercent: 20, freeVisitsPerYear: 0 });
  });

  test('plans stack in order: 24 + 12 + 24 months, counted from the start date (31 Jan stays 31 Jan)', async () => {
    const status = warrantyStatus(
      gadget([
        { plan: 'plus', boughtOn: null },
        { plan: 'premium', boughtOn: '2022-06-01' },
      ]),
      rules,
      at('2026-06-01'),
    );
    expect(status).toMatchObject({
      covered: true,
      until: '2027-01-31',
      coveredBy: 'premium',
      plans: ['plus', 'premium'],
    });
    expect(
      status.reasons
        .filter((reason) => reason.code === 'plan')
        .map((reason) => reason.params.until),
    ).toEqual(['2025-01-31', '2027-01-31']);
    expect(status.costs).toEqual({ parts: true, labour: true, onSite: true });
    expect(status.maintenance).toEqual({ discountPercent: 20, freeVisitsPerYear: 1 });
  });

  test('a plan bought after its window does not count, and the reason says so', async () => {
    const status = warrantyStatus(
      gadget([{ plan: 'plus', boughtOn: '2023-02-01' }]),
      rules,
      at('2024-06-01'),
    );
    expect(status).toMatchObject({
      covered: false,
      until: '2024-01-31',
      coveredBy: 'gadget',
      plans: [],
    });
    expect(status.reasons).toContainEqual({
      code: 'plan-late',
      params: { plan: 'plus', boughtOn: '2023-02-01', deadline: '2023-01-31' },
    });
  });

  test('a plan bought on the last day of its window counts', async () => {
    expect(
      warrantyStatus(gadget([{ plan: 'plus', boughtOn: '2023-01-31' }]), rules, at('2024-06-01'))
        .covered,
    ).toBe(true);
  });

  test('an EU statutory minimum of 24 months overrides an 18-month manufacturer period', async () => {
    const cooler = unit({
      serial: 'CO123456',
      model: 'c1',
      purchaseDate: '2024-09-20',
      deliveryDate: '2024-10-01',
      region: 'eu',
    });
    const status = warrantyStatus(cooler, rules, at('2026-06-01'));
    expect(status).toMatchObject({ covered: true, until: '2026-10-01', coveredBy: 'statutory-eu' });
    expect(status.reasons).toContainEqual({
      code: 'statutory',
      params: { region: 'eu', months: 24, until: '2026-10-01' },
    });
    // The same unit sold at home: 18 months only.
    expect(warrantyStatus({ ...cooler, region: null }, rules, at('2026-06-01'))).toMatchObject({
      covered: false,
      until: '2026-04-01',
      coveredBy: 'cooler',
    });
  });

  test('the statutory minimum never shortens a longer period (a plan beyond it wins)', async () => {
    const cooler = unit({
      serial: 'CO123456',
      model: 'c1',
      purchaseDate: '2024-09-20',
      deliveryDate: '2024-10-01',
      region: 'eu',
      plans: [{ plan: 'plus', boughtOn: null }],
    });
    const status = warrantyStatus(cooler, rules, at('2026-06-01'));
    expect(status).toMatchObject({ until: '2027-04-01', coveredBy: 'plus' });
    expect(codes(status)).not.toContain('statutory');
  });

  test('in the EU a 6-month battery gets the 24-month minimum too', async () => {
    const eu = unit({ serial: 'GA123456', model: 'g1', purchaseDate: '2024-01-10', region: 'eu' });
    expect(warrantyStatus(eu, rules, at('2025-01-10')).parts).toEqual([
      { part: 'battery', covered: true, until: '2026-01-10', coveredBy: 'statutory-eu' },
    ]);
  });
});

describe('warrantyStatus: parts, issues and exclusions', () => {
  const gadget = unit({
    serial: 'GA123456',
    model: 'g1',
    purchaseDate: '2025-01-10',
    plans: [{ plan: 'plus', boughtOn: null }],
  });

  test('a battery keeps its own 6 months whatever plans the unit has', async () => {
    const status = warrantyStatus(gadget, rules, at('2025-09-01'));
    expect(status.covered).toBe(true);
    expect(status.parts).toEqual([
      { part: 'battery', covered: false, until: '2025-07-10', coveredBy: 'gadget/battery' },
    ]);
  });

  test('asked about the battery: not covered though the unit is, with the battery date', async () => {
    const status = warrantyStatus(gadget, rules, at('2025-09-01', { issue: 'battery' }));
    expect(status).toMatchObject({
      covered: false,
      state: 'expired',
      until: '2025-07-10',
      coveredBy: 'gadget/battery',
      issue: 'battery',
    });
    expect(codes(status)).toContain('part-expired');
  });

  test('a motor covered 60 months outlives the unit, with its own costs', async () => {
    const washer = unit({
      serial: 'WA123456',
      model: 'w1',
      purchaseDate: '2023-01-01',
      deliveryDate: '2023-01-05',
    });
    const status = warrantyStatus(washer, rules, at('2026-03-01', { issue: 'motor' }));
    expect(status).toMatchObject({ covered: true, until: '2028-01-05', coveredBy: 'washer/motor' });
    expect(status.costs).toEqual({ parts: true, labour: false, onSite: false });
    expect(warrantyStatus(washer, rules, at('2026-03-01')).covered).toBe(false);
  });

  test('an issue that is an exclusion (or falls under one) is not covered', async () => {
    const liquid = warrantyStatus(gadget, rules, at('2025-03-01', { issue: 'liquid-damage' }));
    expect(liquid).toMatchObject({ covered: false, state: 'excluded' });
    expect(liquid.reasons).toContainEqual({
      code: 'excluded',
      params: { exclusion: 'liquid-damage' },
    });
    expect(
      warrantyStatus(gadget, rules, at('2025-03-01', { issue: 'filter' })).reasons,
    ).toContainEqual({ code: 'excluded', params: { exclusion: 'consumables' } });
  });

  test('an exclusion recorded on the unit voids its cover', async () => {
    const damaged = warrantyStatus(
      { ...gadget, exclusions: ['liquid-damage'] },
      rules,
      at('2025-03-01'),
    );
    expect(damaged).toMatchObject({ covered: false, state: 'excluded', daysLeft: 0 });
    expect(damaged.costs).toEqual({ parts: false, labour: false, onSite: false });
  });

  test('an issue that is not a known part checks the whole unit and says so', async () => {
    const status = warrantyStatus(gadget, rules, at('2025-03-01', { issue: 'screen' }));
    expect(status.covered).toBe(true);
    expect(status.reasons).toContainEqual({ code: 'unknown-issue', params: { issue: 'screen' } });
  });
});

describe('warrantyStatus: records that cannot be trusted', () => {
  test('an unknown serial is not covered and echoes the serial', async () => {
    const status = warrantyStatus(undefined, rules, at('2025-03-01', { serial: 'GA999999' }));
    expect(status).toMatchObject({
      serial: 'GA999999',
      state: 'unknown-serial',
      covered: false,
      until: null,
      model: null,
    });
    expect(codes(status)).toEqual(['unknown-serial']);
  });

  test('a purchase date in the future needs a person to check', async () => {
    const future = unit({ serial: 'GA123456', model: 'g1', purchaseDate: '2025-03-02' });
    const status = warrantyStatus(future, rules, at('2025-03-01'));
    expect(status).toMatchObject({ state: 'needs-check', covered: false });
    expect(status.reasons[0]).toEqual({
      code: 'purchase-in-future',
      params: { purchaseDate: '2025-03-02' },
    });
    expect(warrantyStatus(future, rules, at('2025-03-02')).covered).toBe(true);
  });

  test("a serial that does not fit its model's pattern needs a person to check", async () => {
    const status = warrantyStatus(
      unit({ serial: 'XX123456', model: 'g1', purchaseDate: '2025-01-01' }),
      rules,
      at('2025-03-01'),
    );
    expect(status).toMatchObject({ state: 'needs-check', covered: false });
    expect(status.reasons[0]).toEqual({
      code: 'serial-mismatch',
      params: { serial: 'XX123456', model: 'G1', example: 'GA-123456' },
    });
  });

  test('a model the rules do not know needs a person to check', async () => {
    const status = warrantyStatus(
      unit({ serial: 'GA123456', model: 'gone', purchaseDate: '2025-01-01' }),
      rules,
      at('2025-03-01'),
    );
    expect(status).toMatchObject({ state: 'needs-check', covered: false, model: 'gone' });
    expect(codes(status)).toEqual(['unknown-model']);
  });
});

describe('createWarrantyService', () => {
  const stored = unit({ serial: 'GA123456', model: 'g1', purchaseDate: '2023-03-20' });
  const units = {
    findUnit: async (serial: string) => (serial === stored.serial ? stored : undefined),
    findRecord: async () => undefined,
  };

  test('looks the serial up in any spelling and asks the engine for today, read from the injected clock in the zone', async () => {
    let now = new Date('2025-03-20T20:00:00Z');
    const service = createWarrantyService({
      rules,
      units,
      clock: { now: () => now },
      timeZone: 'Asia/Tehran',
    });
    expect(await service.status('ga-123 456')).toMatchObject({
      serial: 'GA123456',
      on: '2025-03-20',
      covered: true,
      daysLeft: 0,
    });
    now = new Date('2025-03-20T21:00:00Z');
    expect(await service.status('GA123456')).toMatchObject({ on: '2025-03-21', covered: false });
  });

  test('takes an explicit day and an issue, and reports unknown serials', async () => {
    const service = createWarrantyService({
      rules,
      units,
      clock: { now: () => new Date('2030-01-01T00:00:00Z') },
      timeZone: 'UTC',
    });
    expect(await service.status('GA123456', { on: '2023-05-01', issue: 'battery' })).toMatchObject({
      covered: true,
      until: '2023-09-20',
      coveredBy: 'gadget/battery',
    });
    expect(await service.status('GA 000 000')).toMatchObject({
      state: 'unknown-serial',
      serial: 'GA000000',
    });
  });
});
