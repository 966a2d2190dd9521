/**
 * Issue 14, point 2: warranty by phone. A caller whose number is on a customer record hears their
 * units without giving a serial; another caller keys the serial's digits in or says it. The real
 * app with the sample units (examples/units.csv), Twilio played by its stand-in.
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

it('in English: a caller on record hears their AquaWash 7 and its cover, no serial asked', async () => {
  world = await startPhoneWorld({ units: true });
  // Hossein Najafi's number on record is 021-4455-0130.
  const call = await world!.twilio.call(world!.url, '+982144550130');
  await call.press('1');
  await call.say('Is my washing machine still under warranty?');
  const said = call.said();
  expect(said[0]).toMatch(
    /^On your customer record I found your AquaWash 7 kg bought on September 25, 2025\. Good news: your AquaWash 7 kg \(serial W M 0 7, 2 5 0 9, 0 0 3 0\) is under warranty until October 2, 2029/,
  );
  expect(said.join(' ')).not.toMatch(markdown);
  expect(said.join(' ')).not.toMatch(/send me the serial number/);
  // The whole answer (parts, costs, terms) does not fit a call: offered by SMS.
  expect(said.at(-1)).toMatch(/Shall I send you the whole answer by SMS\?/);
  await call.press('1');
  await world!.twilio.log.waitForSucceeded('messages.create');
  const sms = world!.twilio.sent()[0];
  expect(sms?.to).toBe('+982144550130');
  expect(sms?.body).toContain('WM07-2509-0030');
});

it('in Persian: a caller on record hears both phones, with Persian dates', async () => {
  world = await startPhoneWorld({ units: true });
  // Sara Ahmadi's number on record is 0912-345-6701; she owns two Nova 12 phones.
  const call = await world!.twilio.call(world!.url, '+989123456701');
  await call.press('2');
  await call.say('گوشیم تحت پوشش گارانتیه؟');
  const said = call.said();
  expect(said[0]).toMatch(
    /^در پروندهٔ مشتری شما این‌ها ثبت شده است: Nova 12 شما که در ۲۳ شهریور ۱۴۰۴ خریده‌اید و Nova 12 شما که در ۲ فروردین ۱۴۰۴ خریده‌اید\./,
  );
  expect(said[0]).toContain('N V ۱ ۲، ۲ ۵ ۰ ۱، ۰ ۰ ۰ ۱');
  expect(said.join(' ')).not.toMatch(markdown);
});

it('a caller not on record keys the serial digits in, and another one says it', async () => {
  world = await startPhoneWorld({ units: true });
  const keyed = await world!.twilio.call(world!.url, '+15550007777');
  await keyed.press('1');
  await keyed.say('Is my washing machine still under warranty?');
  expect(keyed.said()[0]).toMatch(/Please send me the serial number/);
  // The digits of WM07-2509-0030; the keypad has no letters, the model's are filled in.
  await keyed.press('0725090030#');
  expect(keyed.said()[0]).toMatch(
    /^Good news: your AquaWash 7 kg \(serial W M 0 7, 2 5 0 9, 0 0 3 0\)/,
  );

  const spoken = await world!.twilio.call(world!.url, '+15550008888');
  await spoken.press('1');
  await spoken.say('Is my washing machine still under warranty?');
  await spoken.say('W M 0 7 2 1 0 4 0 0 2 9');
  expect(spoken.said()[0]).toMatch(
    /is no longer under warranty; the cover ended on April 12, 2023/,
  );
});

it('by SMS in Greek: a texter on record gets their unit without a serial', async () => {
  world = await startPhoneWorld({ units: true });
  // Δήμητρα Κωνσταντίνου's number on record is +30 210 555 0132.
  const bodies = await world!.twilio.sms(
    world!.url,
    '+302105550132',
    'Είναι ακόμα στην εγγύηση το πλυντήριό μου;',
  );
  const text = bodies.join('\n');
  expect(text).toMatch(/^Στον φάκελο πελάτη σας βρήκα τη συσκευή σας AquaWash 7 kg/);
  expect(text).toContain('WM07-2401-0032');
  expect(text).not.toMatch(/σειριακό αριθμό της συσκευής σας, για παράδειγμα/);
});
