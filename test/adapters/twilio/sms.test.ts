/**
 * Issue 14, SMS: the real app answering texts the way Twilio delivers them, and sending staff
 * replies through the REST API (the Twilio stand-in) from the outbox.
 */
import { smsSize } from '../../../adapters/twilio/sms-segments';
import { removeTempDirs } from '../../helpers/temp-dir';
import { eventEnvelope, nextMessageTs, postToApp } from '../../stand-ins/slack-web-api';
import { BOT_NUMBER } from '../../stand-ins/twilio';
import {
  SLACK_SIGNING_SECRET,
  STAFF_CHANNEL,
  startPhoneWorld,
  type PhoneWorld,
} from './phone-world';

jest.setTimeout(120_000);

let world: PhoneWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
afterAll(removeTempDirs);

const GREEK_CUSTOMER = '+306900000001';

it('answers a question in Greek, in UCS-2 segments counted right', async () => {
  world = await startPhoneWorld();
  const bodies = await world.twilio.sms(world.url, GREEK_CUSTOMER, 'Πόσο διαρκεί η εγγύηση;');
  expect(bodies).toHaveLength(1);
  const body = bodies[0]!;
  expect(body).toMatch(/εγγύηση/);
  expect(body).not.toContain('**');
  // Greek lower case is outside GSM-7: 67 UTF-16 units per segment of a long message.
  expect(body.length).toBeGreaterThan(70);
  expect(smsSize(body)).toEqual({
    encoding: 'UCS-2',
    units: body.length,
    segments: Math.ceil(body.length / 67),
  });
  const logged = world.logger.lines.find((line) => line.message === 'sms answered');
  expect(logged?.fields).toMatchObject({ messages: 1, segments: Math.ceil(body.length / 67) });
});

it('answers a redelivered MessageSid once', async () => {
  world = await startPhoneWorld();
  const first = await world.twilio.sms(
    world.url,
    '+15550006666',
    'What are your opening hours?',
    'SMduplicate01',
  );
  const again = await world.twilio.sms(
    world.url,
    '+15550006666',
    'What are your opening hours?',
    'SMduplicate01',
  );
  expect(first.length).toBe(1);
  expect(again).toEqual([]);
  const transcript = await world.app.store.transcript(
    { channel: 'sms', conversationId: '+15550006666' },
    10,
  );
  expect(transcript.filter((entry) => entry.direction === 'in')).toHaveLength(1);
});

it('brings a staff reply from Slack to the customer by SMS, and honours STOP and START', async () => {
  world = await startPhoneWorld();
  const customer = '+15550007777';
  await world.twilio.sms(world.url, customer, 'I want to talk to a person');
  await world.slack.log.waitUntil(() => world!.ticketPosts().length === 1, 'a ticket post');
  const ticket = world.ticketPosts()[0]!;
  const staffSays = async (text: string): Promise<void> => {
    const result = await postToApp(
      `${world!.url}/slack/events`,
      JSON.stringify(
        eventEnvelope({
          type: 'message',
          channel: STAFF_CHANNEL,
          channel_type: 'channel',
          user: 'U0STAFF01',
          text,
          ts: nextMessageTs(),
          thread_ts: ticket.ts,
        }),
      ),
      'application/json',
      { signingSecret: SLACK_SIGNING_SECRET },
    );
    expect(result.status).toBe(200);
  };

  await staffSays('Hello, this is Sara. Your repair is booked for Monday.');
  await world.twilio.log.waitUntil(
    () => world!.twilio.sent().some((sms) => sms.body.includes('Your repair is booked')),
    'the staff reply by SMS',
  );
  const sent = world.twilio.sent().find((sms) => sms.body.includes('Your repair is booked'))!;
  expect(sent).toMatchObject({ to: customer, from: BOT_NUMBER });

  expect(await world.twilio.sms(world.url, customer, 'STOP')).toEqual([
    'You will get no more messages from us. Reply START to receive them again.',
  ]);
  const before = world.twilio.sent().length;
  await staffSays('One more thing about the repair.');
  await world.slack.log.waitUntil(
    () => world!.logger.lines.some((line) => /STOP; proactive sms not sent/.test(line.message)),
    'the opted-out reply dropped',
  );
  expect(world.twilio.sent()).toHaveLength(before);

  expect(await world.twilio.sms(world.url, customer, 'START')).toEqual([
    'Welcome back. You will receive our messages again; reply STOP to end them.',
  ]);
  await staffSays('The technician comes at 10.');
  await world.twilio.log.waitUntil(
    () => world!.twilio.sent().some((sms) => sms.body.includes('technician comes')),
    'the reply after START',
  );
});
