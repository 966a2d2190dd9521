/**
 * The repair follow-up: due `followUpDays` (3 here) after a repair ticket is resolved, queued by
 * tick() once (claimed in a transaction), never sent twice, whatever restarts or second
 * processes happen. The clock is injected; the tests call tick().
 */
import { queueHandoffJob } from '../../../src/core/handoff/relay-outbox';
import { createSqliteOutboxStore } from '../../../src/storage/sqlite/outbox-store';
import { createSqliteTicketStore } from '../../../src/storage/sqlite/ticket-store';
import { openDatabase } from '../../../src/storage/sqlite/open-database';
import { DAY, HOUR } from './support/fakes';
import { startDeskHarness, type DeskHarness } from './support/desk-harness';

let harness: DeskHarness;
afterEach(async () => {
  await harness.close();
});

const followUps = (h: DeskHarness): string[] =>
  h.customers.texts().filter((text) => text.includes('Is everything working'));

/** A repair conversation handed to a person and resolved by staff; returns the ticket id. */
async function resolvedRepairTicket(h: DeskHarness, conversationId = 'chat-1'): Promise<string> {
  const [answer] = await h.send('My washing machine is broken, can you fix it?', {
    conversationId,
  });
  expect(answer?.faq).toBe('repair-request');
  await h.send('/human', { conversationId });
  const ticket = (await h.desk.tickets.latestFor({ channel: 'telegram', conversationId }))!;
  expect(ticket.repair).toBe(true);
  await h.staffSays(ticket.id, 'The technician fixed it today.');
  await h.staffSays(ticket.id, '/resolve');
  await h.settle();
  return ticket.id;
}

describe('repair follow-up', () => {
  test('sent once, three days after the repair ticket is resolved, in the customer language', async () => {
    harness = await startDeskHarness();
    const id = await resolvedRepairTicket(harness);
    expect((await harness.desk.tickets.get(id))?.followUp.dueAt?.toISOString()).toBe(
      new Date(harness.clock.now().getTime() + 3 * DAY).toISOString(),
    );

    harness.clock.advance(3 * DAY - HOUR);
    await harness.settle();
    expect(followUps(harness)).toEqual([]);

    harness.clock.advance(HOUR);
    await harness.settle();
    await harness.settle();
    harness.clock.advance(DAY);
    await harness.settle();
    expect(followUps(harness)).toEqual([
      'Hello again! We recently took care of your repair. Is everything working as it should?',
    ]);
    const question = harness.customers.delivered.find((item) =>
      item.reply.text.includes('Is everything working'),
    )!.reply;
    expect(question.choices).toEqual([
      { id: `fu:${id}:ok`, label: 'Yes, all good' },
      { id: `fu:${id}:problem`, label: "No, there's a problem" },
    ]);
  });

  test('survives a restart before it is due, and a restart after it was sent does not send it again', async () => {
    harness = await startDeskHarness();
    await resolvedRepairTicket(harness);
    await harness.restart();
    harness.clock.advance(3 * DAY);
    await harness.settle();
    expect(followUps(harness)).toHaveLength(1);
    await harness.restart();
    harness.clock.advance(DAY);
    await harness.settle();
    expect(followUps(harness)).toHaveLength(1);
  });

  test('two processes ticking the same database send it once', async () => {
    harness = await startDeskHarness();
    const id = await resolvedRepairTicket(harness);
    harness.clock.advance(3 * DAY);
    // A second process's view of the same file: its claim must lose against the first one's.
    const otherDb = openDatabase(harness.dbFile);
    const other = createSqliteTicketStore(otherDb);
    const [due] = await other.dueFollowUps(harness.clock.now(), 10);
    expect(due?.id).toBe(id);
    await harness.settle();
    expect(await other.claimFollowUp(id, harness.clock.now())).toBe(false);
    expect(followUps(harness)).toHaveLength(1);
    otherDb.close();
  });

  test('a follow-up interrupted by a crash while sending is not sent again (at most once)', async () => {
    harness = await startDeskHarness();
    const id = await resolvedRepairTicket(harness);
    harness.clock.advance(3 * DAY);
    harness.customers.failNext(0);
    // Queue it and claim the job as a sender would, then "crash" before the send finishes.
    const crashedDb = openDatabase(harness.dbFile);
    const store = createSqliteTicketStore(crashedDb);
    expect(await store.claimFollowUp(id, harness.clock.now())).toBe(true);
    const outbox = createSqliteOutboxStore(crashedDb);
    const jobId = await queueHandoffJob(outbox, {
      ticketId: id,
      lane: 'customer:telegram:chat-1',
      job: {
        kind: 'customer',
        replies: [
          {
            kind: 'answer',
            text: 'Is everything working?',
            locale: 'en',
            choices: [],
            intent: null,
            faq: null,
            confidence: 1,
          },
        ],
      },
      atMostOnce: true,
      at: harness.clock.now(),
    });
    expect(await outbox.claim(jobId, harness.clock.now())).toBe(true);
    crashedDb.close();
    await harness.restart();
    await harness.settle();
    expect(followUps(harness)).toEqual([]);
  });

  test('no follow-up for a ticket that was not about a repair', async () => {
    harness = await startDeskHarness();
    await harness.send('/human');
    const ticket = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    await harness.desk.resolve(ticket.id, { id: 'U1', name: 'U1' });
    harness.clock.advance(10 * DAY);
    await harness.settle();
    expect((await harness.desk.tickets.get(ticket.id))?.followUp.dueAt).toBeNull();
    expect(followUps(harness)).toEqual([]);
  });

  test('"all good" is thanked; "a problem" hands off again with a new ticket that points at the repair', async () => {
    harness = await startDeskHarness();
    const first = await resolvedRepairTicket(harness);
    harness.clock.advance(3 * DAY);
    await harness.settle();
    const [glad] = await harness.press(`fu:${first}:ok`);
    expect(glad?.text).toBe('Great to hear! If anything comes up, just write here.');
    expect((await harness.desk.tickets.get(first))?.followUp.answer).toBe('ok');
    expect(await harness.press(`fu:${first}:problem`)).toEqual([]);

    const second = await resolvedRepairTicket(harness, 'chat-2');
    harness.clock.advance(3 * DAY);
    await harness.settle();
    const [handoff] = await harness.press(`fu:${second}:problem`, { conversationId: 'chat-2' });
    expect(handoff).toMatchObject({ kind: 'handoff', handoffReason: 'complaint' });
    const reopened = (await harness.desk.tickets.activeFor({
      channel: 'telegram',
      conversationId: 'chat-2',
    }))!;
    expect(reopened.id).not.toBe(second);
    expect(
      (await harness.desk.tickets.messages(reopened.id)).map((message) => message.text),
    ).toContain(`Follow-up of ticket #${second}: the customer reports a problem after the repair.`);
    expect(await harness.handoffActive('chat-2')).toBe(true);
  });

  test('the note of a "problem" answer goes on the next ticket only, and is read from the store after a restart', async () => {
    harness = await startDeskHarness();
    const repaired = await resolvedRepairTicket(harness);
    harness.clock.advance(3 * DAY);
    await harness.settle();
    await harness.press(`fu:${repaired}:problem`);
    const key = { channel: 'telegram', conversationId: 'chat-1' };
    const reopened = (await harness.desk.tickets.activeFor(key))!;
    await harness.desk.resolve(reopened.id, { id: 'U1', name: 'U1' });
    await harness.restart();
    await harness.send('/human');
    const third = (await harness.desk.tickets.activeFor(key))!;
    expect(third.id).not.toBe(reopened.id);
    const note = `Follow-up of ticket #${repaired}: the customer reports a problem after the repair.`;
    expect(
      (await harness.desk.tickets.messages(reopened.id)).map((message) => message.text),
    ).toContain(note);
    expect(
      (await harness.desk.tickets.messages(third.id)).map((message) => message.text),
    ).not.toContain(note);
  });

  test('a low rating reopens the ticket and cancels its follow-up', async () => {
    harness = await startDeskHarness();
    const id = await resolvedRepairTicket(harness);
    await harness.press(`csat:${id}:2`);
    expect((await harness.desk.tickets.get(id))?.followUp.dueAt).toBeNull();
    harness.clock.advance(5 * DAY);
    await harness.settle();
    expect(followUps(harness)).toEqual([]);
  });
});
