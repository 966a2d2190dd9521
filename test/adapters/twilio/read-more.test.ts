/**
 * Issue 18, "Read more" on the phone line: with the help centre's public address configured, an
 * SMS answer ends with the entry's help page, and a long spoken answer sends it with the whole
 * answer by SMS; the voice never reads the address out.
 */
import { removeTempDirs } from '../../helpers/temp-dir';
import { startPhoneWorld, type PhoneWorld } from './phone-world';

jest.setTimeout(120_000);

const help = { baseUrl: 'https://help.example.com' };
let world: PhoneWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
afterAll(removeTempDirs);

it('an SMS answer carries the link to its help page, in the customer’s language', async () => {
  world = await startPhoneWorld({ config: { help } });
  const [english] = await world.twilio.sms(world.url, '+15550008881', 'How long is the warranty?');
  expect(english).toContain('Read more: https://help.example.com/help/en/warranty-period');
  const [greek] = await world.twilio.sms(world.url, '+306900008882', 'Πόσο διαρκεί η εγγύηση;');
  expect(greek).toContain('Διαβάστε περισσότερα: https://help.example.com/help/el/warranty-period');
});

it('without a public help address an SMS answer has no link (a bare path is useless in a text)', async () => {
  world = await startPhoneWorld();
  const [body] = await world.twilio.sms(world.url, '+15550008883', 'How long is the warranty?');
  expect(body).toMatch(/warranty/i);
  expect(body).not.toContain('/help/');
});

it('a shortened spoken answer offers the SMS, which carries the link; the voice does not read it; a retried key press texts once', async () => {
  world = await startPhoneWorld({ config: { help }, phone: { maxSpokenChars: 80 } });
  const call = await world.twilio.call(world.url, '+15550008884');
  await call.press('1');
  await call.say('How long is the warranty?');
  expect(call.said().join(' ')).not.toMatch(/help\.example\.com|Read more/);
  expect(call.said().at(-1)).toMatch(/whole answer by SMS\? Press 1/);
  await call.press('1');
  await world.twilio.log.waitForSucceeded('messages.create');
  const texts = world.twilio.sent().map((sms) => sms.body);
  expect(texts.join('\n')).toContain('Read more: https://help.example.com/help/en/warranty-period');

  // Twilio posts the key press again (the first answer was slow): the same TwiML, no second SMS.
  expect(await call.retryLast()).toEqual(call.twiml());
  expect(world.twilio.sent().map((sms) => sms.body)).toEqual(texts);
});
