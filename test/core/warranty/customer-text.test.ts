import { readFileSync } from 'node:fs';
import path from 'node:path';
import { branchesFileSchema } from '../../../src/config/knowledge-schema';
import { parseLocated } from '../../../src/config/parse-located';
import type { Branch } from '../../../src/core/knowledge/knowledge';
import { formatCustomerStatus } from '../../../src/core/warranty/customer-text';
import { warrantyStatus } from '../../../src/core/warranty/engine';
import { formatDate } from '../../../src/core/warranty/render';
import { locales, repoRoot, sampleRules, unit } from './fixtures';

const rules = sampleRules();
const branches: Branch[] = parseLocated(
  {
    file: 'knowledge/branches.yaml',
    text: readFileSync(path.join(repoRoot, 'knowledge/branches.yaml'), 'utf8'),
  },
  branchesFileSchema,
).branches;
const on = (date: string) => ({ on: date, timeZone: 'Asia/Tehran' });
const text = (status: ReturnType<typeof warrantyStatus>, locale: string) =>
  formatCustomerStatus(status, { rules, locale, branches });

// Owned by a customer whose details must never reach the customer-facing text.
const phone = unit({
  serial: 'NV1225010001',
  model: 'nova-12',
  purchaseDate: '2025-09-14',
  customerId: 7,
});
const expiredWasher = unit({
  serial: 'WM0721040029',
  model: 'aquawash-7',
  purchaseDate: '2021-04-01',
  deliveryDate: '2021-04-12',
  customerId: 7,
});

describe('customer-facing warranty text', () => {
  test('Persian dates are in the Persian calendar with Persian digits', () => {
    expect(formatDate('2025-03-21', 'fa')).toBe('۱ فروردین ۱۴۰۴');
    const covered = text(warrantyStatus(phone, rules, on('2026-03-02')), 'fa');
    expect(covered).toContain('۲۳ شهریور ۱۴۰۶'); // 14 September 2027
    expect(covered).toContain('NV12-2501-0001');
    expect(covered).toContain('۵۶۱ روز');
  });

  test.each([
    ['en', 'September 14, 2027', '561 days'],
    ['vi', '14 tháng 9, 2027', '561 ngày'],
    ['el', '14 Σεπτεμβρίου 2027', '561 ημέρες'],
    ['sr', '14. септембар 2027', '561 дан'],
    ['ta', '14 செப்டம்பர், 2027', '561 நாட்கள்'],
  ])('%s: dates and durations in the locale', (locale, date, days) => {
    const covered = text(warrantyStatus(phone, rules, on('2026-03-02')), locale);
    expect(covered).toContain(date);
    expect(covered).toContain(days);
  });

  test('a covered unit: date, days left, the parts with their own period, costs, proof of purchase', () => {
    const covered = text(warrantyStatus(phone, rules, on('2026-03-02')), 'en');
    expect(covered).toContain('is under warranty until **September 14, 2027** (561 days left)');
    expect(covered).toContain('- The battery is covered for 6 months, until March 14, 2026.');
    expect(text(warrantyStatus(phone, rules, on('2026-03-15')), 'en')).toContain(
      "- The battery's cover ended on March 14, 2026.",
    );
    expect(covered).toContain('The warranty pays for spare parts and labour');
    expect(covered).toContain('please bring the invoice or the stamped warranty card');
  });

  test('on the last day it says so instead of "0 days left"', () => {
    const lastDay = text(warrantyStatus(phone, rules, on('2027-09-14')), 'en');
    expect(lastDay).toContain('today is the last day of cover');
    expect(lastDay).not.toContain('0 days');
  });

  test("an expired unit: why, and the options: paid repair, maintenance and plans, the repair centre's phone", () => {
    const expired = text(warrantyStatus(expiredWasher, rules, on('2026-03-02')), 'en');
    expect(expired).toContain('is no longer under warranty; the cover ended on **April 12, 2023**');
    expect(expired).toContain('**Paid repair**');
    expect(expired).toContain('Care Plus and Care Premium');
    expect(expired).toContain('Repair Centre, 021-66097859');
  });

  test('while a plan can still be bought, it is offered with its deadline', () => {
    const young = unit({ serial: 'NV1225010001', model: 'nova-12', purchaseDate: '2025-12-01' });
    const battery = text(
      warrantyStatus(young, rules, { ...on('2026-07-01'), issue: 'battery' }),
      'en',
    );
    expect(battery).toContain('The battery of your Nova 12');
    expect(battery).toContain('you can still add one until December 1, 2026');
    expect(battery).toContain('**Care Premium**: 24 more months of warranty');
  });

  test("an exclusion on record: its explanation in the customer's language", () => {
    const wet = unit({ ...phone, exclusions: ['liquid-damage'] });
    expect(text(warrantyStatus(wet, rules, on('2026-03-02')), 'vi')).toContain(
      'Hư hỏng do chất lỏng',
    );
    expect(text(warrantyStatus(wet, rules, on('2026-03-02')), 'el')).toContain(
      'Οι ζημιές από υγρά',
    );
  });

  test('a record that needs checking sends the customer to a person with the phone number', () => {
    const future = unit({ ...phone, purchaseDate: '2027-01-01' });
    const needsCheck = text(warrantyStatus(future, rules, on('2026-03-02')), 'en');
    expect(needsCheck).toContain("I can't confirm the warranty of serial **NV12-2501-0001**");
    expect(needsCheck).toContain('021-66097859');
  });

  test.each(locales.map((locale) => [locale]))(
    '%s: every kind of answer renders with no placeholder left',
    (locale) => {
      const statuses = [
        warrantyStatus(phone, rules, on('2026-03-02')),
        warrantyStatus(phone, rules, on('2027-09-14')),
        warrantyStatus(expiredWasher, rules, on('2026-03-02')),
        warrantyStatus(unit({ ...phone, exclusions: ['commercial-use'] }), rules, on('2026-03-02')),
        warrantyStatus(unit({ ...phone, purchaseDate: '2027-01-01' }), rules, on('2026-03-02')),
        warrantyStatus(undefined, rules, { ...on('2026-03-02'), serial: 'NV1299999999' }),
      ];
      for (const status of statuses) expect(text(status, locale)).not.toMatch(/\{[a-zA-Z]+\}/);
    },
  );

  test("the customer text never contains personal data, whatever the unit's owner", () => {
    // The engine's status holds no owner at all; the formatter cannot leak what it never gets.
    const status = warrantyStatus(phone, rules, on('2026-03-02'));
    expect(Object.keys(status)).not.toEqual(expect.arrayContaining(['customer']));
    expect(JSON.stringify(status)).not.toMatch(/customerId|Sara|@example\.com|0912/);
  });
});
