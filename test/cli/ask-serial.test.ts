/**
 * A serial or an order number inside the customer's first sentence goes straight to the status
 * answer (`aftercare ask "..." --json` on the sample units), in each of the six languages, with
 * Persian digits, spaces or dashes; two serials in one message get both answers.
 */
import path from 'node:path';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const env = { AFTERCARE_DB: path.join(makeTempDir('aftercare-ask-serial-'), 'units.db') };

beforeAll(async () => {
  const imported = await runAftercare(
    ['import', 'units', path.join(repoRoot, 'examples/units.csv')],
    { env },
  );
  expect(imported.code).toBe(0);
});

async function ask(text: string): Promise<{ intent: string; locale: string; text: string }> {
  const result = await runAftercare(['ask', text, '--json'], { env });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as { intent: string; locale: string; text: string };
}

// NV12-2501-0001 (Nova 12, bought 14 Sep 2025) is covered until 14 Sep 2027 (23 Shahrivar 1406).
describe.each([
  ['en', 'Is NV12-2501-0001 still under warranty?', '2027'],
  ['fa', 'آیا NV12-۲۵۰۱-۰۰۰۱ هنوز گارانتی داره؟', '۱۴۰۶'],
  ['vi', 'Số serial của tôi là nv12 2501 0001, còn bảo hành không?', '2027'],
  ['el', 'Ο σειριακός αριθμός μου είναι NV12 2501 0001', '2027'],
  ['sr', 'Мој серијски број је NV12-2501-0001', '2027'],
  ['ta', 'என் வரிசை எண் NV12-2501-0001 உத்தரவாதத்தில் உள்ளதா?', '2027'],
])('%s: a serial inside the first sentence', (locale, question, year) => {
  test('is answered with the status and the date, in that language', async () => {
    const reply = await ask(question);
    expect(reply.intent).toBe('warranty-status');
    expect(reply.locale).toBe(locale);
    expect(reply.text).toContain('NV12-2501-0001');
    expect(reply.text).toContain(year);
  });
});

describe('more than one number in a message', () => {
  test('two serials: both are answered', async () => {
    const reply = await ask('Please check NV12 2501 0001 and nv12-2501-0002');
    expect(reply.text).toContain('NV12-2501-0001');
    expect(reply.text).toContain('NV12-2501-0002');
  });

  test('an order number in a sentence answers every unit on the order', async () => {
    const reply = await ask('What about my order ORD-250914?');
    expect(reply.intent).toBe('warranty-status');
    expect(reply.text).toContain('NV12-2501-0001');
  });

  test('the expired washing machine in a sentence is answered too', async () => {
    const reply = await ask('Is WM07-2312-0027 still under warranty?');
    expect(reply.text).toContain('no longer under warranty');
  });
});

// WM07-2312-0027 (AquaWash 7 kg, delivered 5 Jan 2024): cover ended 5 Jan 2026, motor until 5 Jan 2029.
describe.each([
  ['en', 'Is WM07-2312-0027 still under warranty?', ['no longer under warranty', 'motor', '2029']],
  ['fa', 'گارانتی WM07-۲۳۱۲-۰۰۲۷ تموم شده؟', ['موتور', '۱۴۰۷']],
  ['vi', 'Máy giặt WM07-2312-0027 còn bảo hành không?', ['2029']],
  ['el', 'Είναι ακόμα στην εγγύηση το WM07-2312-0027;', ['2029']],
  ['sr', 'Да ли је WM07-2312-0027 још у гаранцији?', ['2029']],
  ['ta', 'WM07-2312-0027 இன்னும் உத்தரவாதத்தில் உள்ளதா?', ['2029']],
])('%s: an expired unit with a part still covered', (locale, question, expected) => {
  test("names the part's cover date in the customer's language and calendar", async () => {
    const reply = await ask(question);
    expect(reply.locale).toBe(locale);
    for (const part of expected) expect(reply.text).toContain(part);
  });
});
