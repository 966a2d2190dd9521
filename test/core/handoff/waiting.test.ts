/**
 * A ticket waiting for a person, through the core and the real desk on SQLite: every message
 * is in the ticket, acknowledgements at most once per window, the claim timeout sent by the
 * desk's timer only inside business hours and only once, "back to the assistant" recorded.
 */
import { HOUR } from './support/fakes';
import { officeHours, startDeskHarness, type DeskHarness } from './support/desk-harness';

let harness: DeskHarness;
afterEach(async () => {
  await harness.close();
});

const key = { channel: 'telegram', conversationId: 'chat-1' };
const MINUTE = 60_000;

test('messages while waiting all join the ticket; the acknowledgement comes again only after five minutes', async () => {
  harness = await startDeskHarness();
  expect((await harness.send('/human'))[0]?.kind).toBe('handoff');
  const ticket = (await harness.desk.tickets.activeFor(key))!;
  const [ack] = await harness.send('anyone?');
  expect(ack?.text).toContain(`ticket #${ticket.id}`);
  expect(await harness.send('hello??')).toEqual([]);
  harness.clock.advance(4 * MINUTE);
  expect(await harness.send('still here')).toEqual([]);
  harness.clock.advance(2 * MINUTE);
  expect((await harness.send('please answer'))[0]?.text).toContain(`ticket #${ticket.id}`);
  const customerLines = (await harness.desk.tickets.messages(ticket.id, 100))
    .filter((message) => message.author === 'customer')
    .map((message) => message.text);
  expect(customerLines).toEqual(expect.arrayContaining(['anyone?', 'hello??', 'still here']));
  expect(customerLines).toContain('please answer');
});

test('the desk timer tells the customer once when nobody claims in time, inside business hours only', async () => {
  // Monday 16:50 UTC; the office closes at 17:00 and opens again Tuesday 08:00.
  harness = await startDeskHarness({ businessHours: officeHours, start: '2026-03-02T16:50:00Z' });
  await harness.send('/human');
  const ticket = (await harness.desk.tickets.activeFor(key))!;
  await harness.settle();
  harness.clock.advance(30 * MINUTE); // 17:20: closed, so no timeout yet
  await harness.settle();
  expect(harness.customers.texts()).toEqual([]);
  harness.clock.advance(15 * HOUR + 10 * MINUTE); // Tuesday 08:30: open, 30 minutes unclaimed
  await harness.settle();
  expect(harness.customers.texts()).toEqual([
    expect.stringContaining(`nobody has been able to take ticket #${ticket.id}`),
  ]);
  expect(harness.customers.texts()[0]).toContain('021-66097851');
  harness.clock.advance(30 * MINUTE);
  await harness.settle();
  expect(harness.customers.texts()).toHaveLength(1);
  expect(harness.staff.lines.map((item) => item.line.text)).toContain(
    'Nobody claimed this ticket in time: the bot gave the customer the phone number.',
  );
});

test('a claimed ticket: the bot says who has it once, then stays quiet; going back to the bot closes the ticket and is recorded', async () => {
  harness = await startDeskHarness();
  await harness.send('/human');
  const ticket = (await harness.desk.tickets.activeFor(key))!;
  await harness.desk.claim(ticket.id, { id: 'U7', name: 'Mina' });
  expect((await harness.send('hi?'))[0]?.text).toContain('Mina has your ticket');
  expect(await harness.send('ok')).toEqual([]);
  const [back] = await harness.send('/bot');
  expect(back?.text).toContain("You're back with the assistant");
  expect(await harness.handoffActive()).toBe(false);
  expect((await harness.desk.tickets.get(ticket.id))?.status).toBe('resolved');
  expect((await harness.desk.tickets.messages(ticket.id, 100)).at(-1)?.text).toBe(
    'The customer went back to the assistant; ticket closed.',
  );
  await harness.settle();
  expect(harness.staff.lines.at(-1)?.line.text).toBe(
    'The customer went back to the assistant; ticket closed.',
  );
});
