/**
 * The warranty dialog through the test channel on the shipped knowledge, intents and sample units:
 * in each of the six languages a customer asks about the warranty, gives a serial with Persian or
 * spaced digits, and gets the right status and date in their language and calendar; an expired
 * unit gets the reason and the options. Injected clock: 2 March 2026, 10:00 UTC.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../../../src/config/load-knowledge';
import { readUnitsFile } from '../../../src/config/units-file';
import { createWarrantyDialog } from '../../../src/core/warranty/dialog';
import { formatDate } from '../../../src/core/warranty/render';
import { openDatabase } from '../../../src/storage/sqlite/open-database';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';
import { createTestChannel, type TestChannel } from '../test-channel';
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
  openDatabase(path.join(makeTempDir('aftercare-dialog-'), 'units.db')),
);
const sample = readUnitsFile(
  'units.csv',
  readFileSync(path.join(repoRoot, 'examples/units.csv'), 'utf8'),
  rules,
);
beforeAll(async () => {
  await units.importUnits(sample.rows, { at: new Date('2026-01-01T00:00:00Z') });
});

const dialog = createWarrantyDialog({ rules: () => rules, units, timeZone: 'Asia/Tehran' });
// What the customer asks is matched to the warranty-status intent by the matcher; these tests are
// about the dialog after it, so the questions' match is scripted (the matcher has its own tests).
const questions = [
  'Is my washing machine still under warranty?',
  'ماشین لباسشویی من هنوز گارانتی داره؟',
  'Máy giặt của tôi còn bảo hành không?',
  'Είναι ακόμα στην εγγύηση το πλυντήριό μου;',
  'Да ли је моја веш машина још у гаранцији?',
  'என் சலவை இயந்திரம் இன்னும் உத்தரவாதத்தில் உள்ளதா?',
  'Is my phone covered?',
  'Check warranty for my serial number',
  'Is my washing machine WM07-2509-0030 still under warranty?',
  'Da li je moj telefon jos u garanciji?',
];
const scripted = {
  ...Object.fromEntries(
    questions.map((question) => [question, [{ label: 'intent:warranty-status', score: 0.95 }]]),
  ),
  'What are your opening hours?': [{ label: 'faq:opening-hours', score: 0.95 }],
  'operator please': [{ label: 'intent:ask-human', score: 0.95 }],
};
let channel: TestChannel;
beforeAll(() => {
  channel = createTestChannel({ knowledge, warrantyDialog: dialog, scripted });
});
let conversation = 0;
const newConversation = (): string => `warranty-${++conversation}`;

async function talk(lines: readonly string[]) {
  const conversationId = newConversation();
  const replies = [];
  for (const line of lines) replies.push(await channel.send(line, { conversationId }));
  return replies.map((turn) => turn[0]);
}

// WM07-2509-0030: delivered 2 Oct 2025 with Care Premium: 24 + 24 months, until 2 Oct 2029.
// WM07-2104-0029: delivered 12 Apr 2021, no plan: ended 12 Apr 2023.
const covered = { serial: 'WM07-2509-0030', until: '2029-10-02' };
const expired = { serial: 'WM07-2104-0029', until: '2023-04-12' };

describe.each([
  [
    'en',
    'Is my washing machine still under warranty?',
    'wm07 2509 0030',
    'wm07 2104 0029',
    ['Good news', 'Care Premium'],
    ['no longer under warranty', '**Paid repair**'],
  ],
  [
    'fa',
    'ماشین لباسشویی من هنوز گارانتی داره؟',
    'WM07-۲۵۰۹-۰۰۳۰',
    'WM07 ۲۱۰۴ ۰۰۲۹',
    ['خبر خوب', 'گارانتی دارد'],
    ['به پایان رسیده است', '**تعمیر با هزینه**'],
  ],
  [
    'vi',
    'Máy giặt của tôi còn bảo hành không?',
    'WM07 2509 0030',
    'wm07-2104-0029',
    ['Tin vui', 'còn bảo hành'],
    ['đã hết bảo hành', '**Sửa chữa có tính phí**'],
  ],
  [
    'el',
    'Είναι ακόμα στην εγγύηση το πλυντήριό μου;',
    'WM07 ٢٥٠٩ ٠٠٣٠',
    'WM07 2104 0029',
    ['Καλά νέα', 'σε εγγύηση'],
    ['έληξε', '**Επισκευή με χρέωση**'],
  ],
  // A bare serial would switch the reply to Latin script (see .notes/warranty-requests.md, Pipeline).
  [
    'sr',
    'Да ли је моја веш машина још у гаранцији?',
    'Серијски број: wm07 2509 0030',
    'Ево га: WM07-2104-0029',
    ['Добре вести', 'под гаранцијом'],
    ['је истекла', '**Плаћена поправка**'],
  ],
  [
    'ta',
    'என் சலவை இயந்திரம் இன்னும் உத்தரவாதத்தில் உள்ளதா?',
    'WM07 2509 0030',
    'WM07 2104 0029',
    ['நல்ல செய்தி', 'உத்தரவாதத்தில் உள்ளது'],
    ['முடிவடைந்தது', '**கட்டணப் பழுதுபார்ப்பு**'],
  ],
])(
  '%s: the warranty dialog',
  (locale, question, coveredSerial, expiredSerial, coveredWords, expiredWords) => {
    test("asks for the serial, then answers covered with the date in the customer's calendar", async () => {
      const [ask, answer] = await talk([question, coveredSerial]);
      expect(ask).toMatchObject({ intent: 'warranty-status', locale });
      // The customer named a washing machine: the example is a washing machine serial.
      expect(ask?.text).toContain('WM07-2304-1188');
      expect(answer).toMatchObject({ intent: 'warranty-status', locale, choices: [] });
      expect(answer?.text).toContain(covered.serial);
      expect(answer?.text).toContain(formatDate(covered.until, locale));
      for (const word of coveredWords) expect(answer?.text).toContain(word);
    });

    test("an expired unit gets the reason, the options and the repair centre's phone, and a person is offered", async () => {
      const [, answer] = await talk([question, expiredSerial]);
      expect(answer).toMatchObject({ intent: 'warranty-status', locale });
      expect(answer?.text).toContain(formatDate(expired.until, locale));
      for (const word of expiredWords) expect(answer?.text).toContain(word);
      expect(answer?.text).toContain('021-66097859');
      expect(answer?.choices.map((choice) => choice.id)).toEqual(['human']);
    });
  },
);

describe('the warranty dialog: asking again, giving up, privacy', () => {
  test('a wrong format is asked again with an example; after 3 misses a person is offered', async () => {
    const replies = await talk(['Is my phone covered?', 'NV12-2301', '12345', 'XX-0000']);
    expect(replies[1]?.text).toContain("that doesn't look like one of our serial numbers");
    expect(replies[1]?.text).toContain('**NV12-2301-4567**');
    expect(replies[2]?.text).toContain('**NV12-2301-4567**');
    expect(replies[3]?.text).toContain("I still can't read the serial number");
    expect(replies[3]?.choices.map((choice) => choice.id)).toEqual(['human']);
  });

  test('a serial in the right format that is not on record: said plainly, and the customer may retry', async () => {
    const [, unknown, answer] = await talk([
      'Check warranty for my serial number',
      'NV12 9999 9999',
      'NV12 2501 0001',
    ]);
    expect(unknown?.text).toContain("I can't find the serial number **NV1299999999**");
    expect(answer?.text).toContain('Good news: your Nova 12 (serial NV12-2501-0001)');
  });

  test('an order number instead of a serial: every unit on the order (Persian digits)', async () => {
    const [ask, answer] = await talk(['Is my phone covered?', 'ORD-۲۵۰۹۱۴']);
    expect(ask?.text).toContain('The order number from your invoice (ORD-240517) works too.');
    expect(answer?.text).toContain(
      '(serial NV12-2501-0001) is under warranty until **September 14, 2027**',
    );
    expect(answer?.text).toContain(
      '(serial NV12-2508-0050) is under warranty until **September 14, 2027**',
    );
  });

  test('an order number that is not on record: said plainly', async () => {
    const [, unknown] = await talk(['Is my phone covered?', 'ORD 999999']);
    expect(unknown?.text).toContain("I can't find the order number **ORD999999**");
  });

  test('a serial given with the question is answered at once', async () => {
    const [answer] = await talk(['Is my washing machine WM07-2509-0030 still under warranty?']);
    expect(answer?.text).toContain('Good news: your AquaWash 7 kg (serial WM07-2509-0030)');
  });

  test('a new question while the bot waits for a serial is answered as a question', async () => {
    const [, other] = await talk(['Is my phone covered?', 'What are your opening hours?']);
    expect(other?.intent).not.toBe('warranty-status');
    expect(other?.faq).toBe('opening-hours');
  });

  test('asking for a person while the bot waits for a serial hands off', async () => {
    const [, handoff] = await talk(['Is my phone covered?', 'operator please']);
    expect(handoff?.kind).toBe('handoff');
  });

  test('the warranty button (a "did you mean" choice) starts the dialog too', async () => {
    const conversationId = newConversation();
    await channel.send('hello', { conversationId });
    const [ask] = await channel.press('intent:warranty-status', { conversationId });
    expect(ask).toMatchObject({ intent: 'warranty-status' });
    expect(ask?.text).toContain(
      'Please send me the serial number of your unit, for example NV12-2301-4567',
    );
    const [answer] = await channel.send('NV12 ۲۵۰۱ ۰۰۰۱', { conversationId });
    expect(answer?.text).toContain(
      '(serial NV12-2501-0001) is under warranty until **September 14, 2027**',
    );
  });

  test('a Serbian customer writing Latin gets Latin back', async () => {
    const [ask, answer] = await talk(['Da li je moj telefon jos u garanciji?', 'NV12 2501 0001']);
    expect(ask?.text).toContain('Pošaljite mi serijski broj');
    expect(answer?.text).toContain('Dobre vesti');
    expect(answer?.text).toContain('14. septembar 2027');
  });

  test("the answer never shows the owner's name, phone or email", async () => {
    const [, answer] = await talk(['Is my phone covered?', 'NV12-2501-0001']);
    for (const secret of [
      'Sara',
      'Ahmadi',
      '0912-345-6701',
      'sara.ahmadi@example.com',
      '501234567',
    ])
      expect(answer?.text).not.toContain(secret);
  });

  test('an exclusion on record: the reason in plain words', async () => {
    const [, answer] = await talk(['Is my phone covered?', 'NV12-2503-0010']);
    expect(answer?.text).toContain('Damage caused by liquid');
    expect(answer?.choices.map((choice) => choice.id)).toEqual(['human']);
  });
});
