/**
 * A customer whose record is known asks about the warranty and hears about their own units,
 * without a serial; another unit can still be named. A serial keyed in digits only (a phone
 * keypad) is completed with its model's letters. Shipped knowledge and sample units; the
 * customer's record is the sample's (the store behind `ownedUnits` has its own contract suite).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../../../src/config/load-knowledge';
import { readUnitsFile } from '../../../src/config/units-file';
import type { ChannelCustomer } from '../../../src/core/warranty/customer-units';
import { createWarrantyDialog } from '../../../src/core/warranty/dialog';
import { keypadSerials } from '../../../src/core/warranty/serial';
import type { Unit } from '../../../src/core/warranty/types';
import { openDatabase } from '../../../src/storage/sqlite/open-database';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';
import { createTestChannel } from '../test-channel';
import { locales, repoRoot, sampleRules } from './fixtures';

afterAll(removeTempDirs);

const rules = sampleRules();
const knowledge = loadKnowledge({
  rootDir: repoRoot,
  knowledgeDir: 'knowledge',
  intentsDir: 'intents',
  locales,
}).knowledge;
const units = createSqliteUnitStore(
  openDatabase(path.join(makeTempDir('aftercare-owned-'), 'units.db')),
);
beforeAll(async () => {
  await units.importUnits(
    readUnitsFile(
      'units.csv',
      readFileSync(path.join(repoRoot, 'examples/units.csv'), 'utf8'),
      rules,
    ).rows,
    { at: new Date('2026-01-01T00:00:00Z') },
  );
});

// The test channel's user owns an AquaWash 7 (covered) and a Nova 12 phone (liquid damage).
let owned: readonly Unit[] = [];
const asked: ChannelCustomer[] = [];
const ownedUnits = {
  unitsOf: (who: ChannelCustomer) => {
    asked.push(who);
    return Promise.resolve(owned);
  },
};
const dialog = createWarrantyDialog({
  rules: () => rules,
  units,
  timeZone: 'Asia/Tehran',
  ownedUnits,
});
const questions = [
  'Is my warranty still valid?',
  'گارانتی دستگاه من هنوز معتبره؟',
  'Da li je moja veš mašina još u garanciji?',
  'Is my washing machine still under warranty?',
];
const channel = createTestChannel({
  knowledge,
  warrantyDialog: dialog,
  scripted: Object.fromEntries(
    questions.map((question) => [question, [{ label: 'intent:warranty-status', score: 0.95 }]]),
  ),
});
let conversation = 0;
beforeEach(async () => {
  owned = [(await units.findUnit('WM0725090030'))!, (await units.findUnit('NV1225030010'))!];
});

test('in English: both units with their status, no serial asked, another one can be named', async () => {
  const conversationId = `owned-${++conversation}`;
  const [reply] = await channel.send('Is my warranty still valid?', { conversationId });
  expect(asked.at(-1)).toEqual({ channel: 'test', userId: 'u1' });
  expect(reply?.text).toMatch(
    /^On your customer record I found your AquaWash 7 kg bought on September 25, 2025 and your Nova 12 bought on March 22, 2025\./,
  );
  expect(reply?.text).toContain('WM07-2509-0030');
  expect(reply?.text).toMatch(/under warranty until \*\*October 2, 2029\*\*/);
  expect(reply?.text).toContain('NV12-2503-0010');
  expect(reply?.text).toMatch(/If you meant another unit, tell me its serial number/);
  expect(reply?.text).not.toMatch(/Please send me the serial number/);
  // One is not covered (liquid damage): a person is offered.
  expect(reply?.choices.map((choice) => choice.id)).toEqual(['human']);

  const [other] = await channel.send('WM07 2104 0029', { conversationId });
  expect(other?.text).toMatch(/no longer under warranty/);
});

test('in Persian, with dates in the Persian calendar', async () => {
  const [reply] = await channel.send('گارانتی دستگاه من هنوز معتبره؟', {
    conversationId: `owned-${++conversation}`,
  });
  expect(reply?.locale).toBe('fa');
  expect(reply?.text).toMatch(
    /^در پروندهٔ مشتری شما این‌ها ثبت شده است: AquaWash 7 kg شما که در ۳ مهر ۱۴۰۴ خریده‌اید/,
  );
  expect(reply?.text).toContain('شماره سریال آن');
});

test('in Serbian Latin, in the script the customer writes', async () => {
  const [reply] = await channel.send('Da li je moja veš mašina još u garanciji?', {
    conversationId: `owned-${++conversation}`,
  });
  expect(reply?.locale).toBe('sr');
  expect(reply?.text).toMatch(
    /^Na vašem korisničkom kartonu: vaš uređaj AquaWash 7 kg, kupljen 25. septembar 2025\./,
  );
});

test('naming the category keeps the units of that category', async () => {
  const [reply] = await channel.send('Is my washing machine still under warranty?', {
    conversationId: `owned-${++conversation}`,
  });
  expect(reply?.text).toContain('WM07-2509-0030');
  expect(reply?.text).not.toContain('NV12-2503-0010');
  expect(reply?.choices).toEqual([]);
});

test('without units on record the serial is asked for, and digits keyed alone are enough', async () => {
  owned = [];
  const conversationId = `owned-${++conversation}`;
  const [ask] = await channel.send('Is my warranty still valid?', { conversationId });
  expect(ask?.text).toMatch(/Please send me the serial number/);
  // NV12-2501-0001 keyed on a keypad: NV12…, NP12… and AC12… take the same digits; only NV12 is on record.
  expect(keypadSerials('122501 0001', rules)).toEqual([
    'NV1225010001',
    'NP1225010001',
    'AC1225010001',
  ]);
  const [answer] = await channel.send('1225010001', { conversationId });
  expect(answer?.text).toContain('NV12-2501-0001');
  expect(answer?.text).toMatch(/under warranty/);
});

test('keypad completion needs digits only, and a fitting model', async () => {
  expect(keypadSerials('WM07 2509 0030', rules)).toEqual([]);
  expect(keypadSerials('0725090030', rules)).toEqual(['WM0725090030']);
  expect(keypadSerials('123', rules)).toEqual([]);
});
