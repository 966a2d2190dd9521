/**
 * Issue 14, point 2: case status by phone and SMS. A caller says a case number (as a speech
 * recogniser writes it: with dashes, spaces or none) or texts it, and hears or reads its status
 * in their language, the case number read one character at a time; only the status and dates,
 * never who the customer is (caller ID can be forged). The real app with examples/cases.csv,
 * Twilio played by its stand-in.
 */
import { removeTempDirs } from '../../helpers/temp-dir';
import { startPhoneWorld, type PhoneWorld } from './phone-world';

jest.setTimeout(120_000);

let world: PhoneWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
afterAll(removeTempDirs);

const markdown = /\*\*|\[|\]\(|^- /m;

it('in English: a case number said with spaces is read back with its status and appointment', async () => {
  world = await startPhoneWorld({ cases: true });
  const call = await world.twilio.call(world.url, '+15550004444');
  await call.press('1');
  await call.say('Where is my repair R 2611 0102?');
  const said = call.said().join(' ');
  expect(said).toMatch(/R, 2 6 1 1, 0 1 0 2/);
  expect(said).toMatch(/a technician is now diagnosing your unit/);
  expect(said).toMatch(/Your appointment: December 1, 2026 at 10:30 AM/);
  expect(said).not.toMatch(markdown);
  // The customer's own words on the case are not read to whoever calls.
  expect(said).not.toContain('Phone stopped charging');
});

it('in Persian: the status with Persian digits and the appointment in the Persian calendar', async () => {
  world = await startPhoneWorld({ cases: true });
  const call = await world.twilio.call(world.url, '+989120000005');
  await call.press('2');
  await call.say('وضعیت تعمیر R 2611 0101 چیه؟');
  const said = call.said().join(' ');
  expect(said).toContain('R، ۲ ۶ ۱ ۱، ۰ ۱ ۰ ۱');
  expect(said).toContain('دریافت کردیم');
  expect(said).toContain('آذر ۱۴۰۵');
  expect(said).not.toContain('ترک خورده');
});

it('in Greek: a return number said without separators, told in Greek', async () => {
  world = await startPhoneWorld({ cases: true });
  const call = await world.twilio.call(world.url, '+306900000002');
  await call.press('4');
  await call.say('Τι γίνεται με την επιστροφή RMA26110204;');
  const said = call.said().join(' ');
  expect(said).toMatch(/R M A, 2 6 1 1, 0 2 0 4/);
  expect(said).toContain('αντικατ');
});

it('a case number that does not exist is said so, and the call goes on', async () => {
  world = await startPhoneWorld({ cases: true });
  const call = await world.twilio.call(world.url, '+15550004445');
  await call.press('1');
  await call.say('What is the status of R-2611-9999?');
  const said = call.said();
  expect(said.join(' ')).toMatch(/R, 2 6 1 1, 9 9 9 9/);
  expect(said.join(' ')).not.toMatch(/diagnosing|repaired|ready/);
  expect(said.at(-1)).toMatch(/anything else/i);
});

it('by SMS in Vietnamese and in Serbian: the status of the case number in the text', async () => {
  world = await startPhoneWorld({ cases: true });
  const vi = await world.twilio.sms(
    world.url,
    '+84900000003',
    'Máy tính sửa chữa r-2611-0103 của tôi tới đâu rồi?',
  );
  expect(vi.join('\n')).toContain('R-2611-0103');
  expect(vi.join('\n')).toContain('chờ linh kiện');
  const sr = await world.twilio.sms(
    world.url,
    '+381600000004',
    'Где је моја поправка R 2611 0105?',
  );
  expect(sr.join('\n')).toContain('R-2611-0105');
  expect(sr.join('\n')).toMatch(/[а-ш]/);
  expect(sr.join('\n')).not.toMatch(/Батерија/);
});
