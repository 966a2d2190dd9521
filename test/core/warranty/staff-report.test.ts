import { warrantyStatus } from '../../../src/core/warranty/engine';
import { formatStaffReport } from '../../../src/core/warranty/staff-report';
import type { UnitRecord } from '../../../src/core/warranty/types';
import { sampleRules, unit } from './fixtures';

const rules = sampleRules();

const record: UnitRecord = {
  unit: unit({
    serial: 'AC1224100039',
    model: 'breeze-12',
    purchaseDate: '2024-09-20',
    deliveryDate: '2024-10-01',
    region: 'eu',
    plans: [{ plan: 'care-plus', boughtOn: '2025-10-01' }],
    customerId: 3,
  }),
  customer: {
    id: 3,
    name: 'Κατερίνα Αλεξίου',
    phone: '+30 231 555 0139',
    email: 'katerina.a@example.com',
    channelIds: { telegram: '501234602' },
  },
  history: [
    { at: new Date('2025-01-05T09:30:00Z'), event: 'created', detail: 'imported from units.csv' },
    {
      at: new Date('2025-11-02T14:00:00Z'),
      event: 'updated',
      detail: 'plans: (none) → care-plus@2025-10-01 (from units.csv)',
    },
  ],
};

describe('staff report', () => {
  const report = formatStaffReport(
    warrantyStatus(record.unit, rules, { on: '2026-06-02', timeZone: 'UTC' }),
    record,
    { rules },
  );

  test('heads with the serial, model, category and the verdict with the rule that decides it', () => {
    expect(report.split('\n').slice(0, 2)).toEqual([
      '**Warranty AC12-2410-0039**: Breeze 12000 BTU, air conditioner',
      'Status on 2026-06-02: **covered** until 2026-10-01 (121 days left), by statutory-eu',
    ]);
  });

  test('shows the full record: customer, channel ids, plans with dates, region, history', () => {
    expect(report).toContain(
      '- Name: Κατερίνα Αλεξίου\n- Phone: +30 231 555 0139\n- Email: katerina.a@example.com\n- telegram: 501234602',
    );
    expect(report).toContain('- Plans: care-plus (bought 2025-10-01)');
    expect(report).toContain('- Region: European Union (eu)');
    expect(report).toContain(
      '- 2025-11-02 14:00 updated: plans: (none) → care-plus@2025-10-01 (from units.csv)',
    );
  });

  test('explains why in plain words, including a plan that came too late', () => {
    expect(report).toContain(
      '- Care Plus was bought on October 1, 2025, after the last day to buy it (September 20, 2025), so it does not extend the warranty.',
    );
    expect(report).toContain(
      '- The legal minimum warranty (European Union: 24 months) extends the cover until October 1, 2026.',
    );
    expect(report).toContain('- compressor: covered until 2027-10-01 (air-conditioner/compressor)');
  });

  test('is channel-independent Markdown: no headings, tables or HTML', () => {
    expect(report).not.toMatch(/^#|\|.*\||<[a-z]/m);
  });

  test('an unknown serial says so in one line', () => {
    const status = warrantyStatus(undefined, rules, {
      on: '2026-06-02',
      timeZone: 'UTC',
      serial: 'AC1200000000',
    });
    expect(formatStaffReport(status, undefined, { rules })).toBe(
      '**Warranty AC1200000000**: no unit with this serial is on record.',
    );
  });
});
