/**
 * The ticket desk through the core: a hand-off opens a ticket and posts it to the staff channel;
 * staff and customer talk through the thread; Resolve brings the bot back with the satisfaction
 * question. Real SQLite file, recording staff and customer channels, a manual clock.
 */
import {
  customerLane,
  HANDOFF_QUEUE,
  queueHandoffJob,
} from '../../../src/core/handoff/relay-outbox';
import { createSqliteOutboxStore } from '../../../src/storage/sqlite/outbox-store';
import { HOUR } from './support/fakes';
import { officeHours, startDeskHarness, type DeskHarness } from './support/desk-harness';

const vague = {
  warranty: [
    { label: 'faq:warranty-period', score: 0.5 },
    { label: 'faq:warranty-claim', score: 0.45 },
  ],
  'the thing with the papers': [{ label: 'faq:warranty-claim', score: 0.4 }],
};

let harness: DeskHarness;
afterEach(async () => {
  await harness.close();
});

async function lowConfidenceHandoff(h: DeskHarness): Promise<string> {
  expect((await h.send('warranty'))[0]?.kind).toBe('clarify');
  const [handoff] = await h.send('the thing with the papers');
  expect(handoff).toMatchObject({ kind: 'handoff', handoffReason: 'low-confidence' });
  await h.settle();
  const ticket = await h.desk.tickets.activeFor({ channel: 'telegram', conversationId: 'chat-1' });
  if (!ticket) throw new Error('no ticket opened');
  return ticket.id;
}

describe('ticket desk', () => {
  test('an open ticket takes at most 20 customer messages a minute; the next minute it takes more', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);
    const customerLines = async () =>
      (await harness.desk.tickets.messages(id, 500)).filter(
        (message) => message.author === 'customer',
      );
    const before = (await customerLines()).length;
    for (let index = 0; index < 30; index += 1) await harness.send(`flood ${index}`);
    expect(await customerLines()).toHaveLength(20);
    expect((await customerLines()).length).toBeGreaterThan(before);
    harness.clock.advance(61_000);
    await harness.send('one more, a minute later');
    expect((await customerLines()).at(-1)?.text).toBe('one more, a minute later');
  });

  test('a low-confidence question opens a ticket and posts it with reason, language and the last messages', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);

    const ticket = await harness.desk.tickets.get(id);
    expect(ticket).toMatchObject({
      status: 'open',
      reason: 'low-confidence',
      locale: 'en',
      customer: { channel: 'telegram', conversationId: 'chat-1' },
    });
    expect(ticket?.staff).toEqual({ target: 'slack', threadId: `thread-${id}` });
    expect(harness.staff.tickets).toHaveLength(1);
    const card = harness.staff.tickets[0]!;
    expect(card).toMatchObject({
      ticketId: id,
      reason: 'the bot was not sure, even after asking',
      locale: 'en',
      channel: 'telegram',
    });
    expect(card.language).toBe('English (en)');
    expect(card.lastMessages.map((message) => `${message.author}: ${message.text}`)).toEqual([
      'Customer: warranty',
      'Bot: Did you mean one of these?',
      'Customer: the thing with the papers',
    ]);
    expect(await harness.handoffActive()).toBe(true);
  });

  test('staff reply reaches the customer; the customer reply reaches the thread; the bot stays silent', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);

    expect(await harness.staffSays(id, 'Hello Sara, I am Reza. Which model is it?')).toEqual([]);
    await harness.settle();
    expect(harness.customers.texts('chat-1')).toEqual([
      'Hello Sara, I am Reza. Which model is it?',
    ]);

    // The bot would answer this confidently; while a person owns the conversation it does not.
    expect(await harness.send('How long is the warranty?')).toEqual([]);
    await harness.settle();
    expect(
      harness.staff.lines.map(({ threadId, line }) => [threadId, line.kind, line.text]),
    ).toEqual([[`thread-${id}`, 'customer', 'How long is the warranty?']]);
    // The first staff reply claimed the ticket for its author.
    expect(await harness.desk.tickets.get(id)).toMatchObject({
      status: 'claimed',
      assignee: 'U0STAFF01',
    });
  });

  test('private notes (//) and bot messages are never relayed, and a redelivered staff message is relayed once', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);

    await harness.staffSays(id, '// customer called twice yesterday');
    await harness.staffEvent({
      kind: 'reply',
      target: 'slack',
      threadId: `thread-${id}`,
      messageId: 'b1',
      author: { id: 'B0', name: 'bot' },
      fromBot: true,
      text: 'I am a bot',
    });
    await harness.staffSays(id, 'Hi, I am on it.', { messageId: 'Ev1' });
    await harness.staffSays(id, 'Hi, I am on it.', { messageId: 'Ev1' });
    await harness.settle();

    expect(harness.customers.texts()).toEqual(['Hi, I am on it.']);
    const authors = (await harness.desk.tickets.messages(id)).map(
      (message) => `${message.author}:${message.text}`,
    );
    expect(authors).toContain('note:customer called twice yesterday');
    expect(authors.filter((line) => line === 'staff:Hi, I am on it.')).toHaveLength(1);
  });

  test('Resolve (button or /resolve) ends the hand-off and asks for a rating in the customer language', async () => {
    harness = await startDeskHarness();
    await harness.press('lang:el');
    await harness.send('/human');
    await harness.settle();
    const ticket = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    expect(ticket.locale).toBe('el');

    expect(await harness.staffSays(ticket.id, '/resolve')).toEqual([]);
    await harness.settle();

    expect(await harness.handoffActive()).toBe(false);
    expect(await harness.desk.tickets.get(ticket.id)).toMatchObject({
      status: 'resolved',
      assignee: 'U0STAFF01',
    });
    const question = harness.customers.delivered.at(-1)!.reply;
    expect(question.locale).toBe('el');
    expect(question.text).toContain('Πόσο ικανοποιημένοι');
    expect(question.choices.map((choice) => choice.id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `csat:${ticket.id}:${n}`),
    );
    expect(question.choices.every((choice) => Buffer.byteLength(choice.id) <= 48)).toBe(true);
    // The bot answers again.
    const [answer] = await harness.send('How long is the warranty?');
    expect(answer).toMatchObject({ kind: 'answer', faq: 'warranty-period' });
    // Resolve again (a second press of the button) changes nothing.
    expect(
      await harness.desk.receive({
        kind: 'action',
        target: 'slack',
        action: 'resolve',
        ticketId: ticket.id,
        author: { id: 'U2', name: 'U2' },
      }),
    ).toEqual({ kind: 'already-resolved' });
  });

  test('a 5 invites a review (the configured link); a 1 reopens the ticket to staff with the comment', async () => {
    harness = await startDeskHarness();
    await harness.send('I want to talk to a person');
    const first = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    await harness.desk.receive({
      kind: 'action',
      target: 'slack',
      action: 'resolve',
      ticketId: first.id,
      author: { id: 'U1', name: 'U1' },
    });
    const [review] = await harness.press(`csat:${first.id}:5`);
    expect(review?.text).toContain('https://example.com/review');
    expect(review?.choices).toEqual([{ id: `csat:${first.id}:skip`, label: 'No comment' }]);
    // The next message is the comment.
    const [thanks] = await harness.send('quick and friendly');
    expect(thanks?.text).toBe("Thank you, we've passed your comment on to the team.");
    expect((await harness.desk.tickets.get(first.id))?.satisfaction).toMatchObject({
      score: 5,
      comment: 'quick and friendly',
    });
    // An old keyboard pressed again changes nothing.
    expect(await harness.press(`csat:${first.id}:1`)).toEqual([]);

    await harness.send('/human', { conversationId: 'chat-2' });
    const second = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-2',
    }))!;
    await harness.desk.receive({
      kind: 'action',
      target: 'slack',
      action: 'resolve',
      ticketId: second.id,
      author: { id: 'U1', name: 'U1' },
    });
    const [sorry] = await harness.press(`csat:${second.id}:1`, { conversationId: 'chat-2' });
    expect(sorry?.text).toContain("We're sorry");
    expect(await harness.handoffActive('chat-2')).toBe(true);
    expect(await harness.desk.tickets.get(second.id)).toMatchObject({
      status: 'open',
      satisfaction: { score: 1 },
    });
    // The comment joins the reopened ticket; the customer hears that it is there.
    const [inTicket] = await harness.send('nobody fixed the door seal', {
      conversationId: 'chat-2',
    });
    expect(inTicket?.text).toContain(`ticket #${second.id}`);
    await harness.settle();
    expect((await harness.desk.tickets.get(second.id))?.satisfaction.comment).toBe(
      'nobody fixed the door seal',
    );
    const secondLines = harness.staff.lines
      .filter((item) => item.threadId === `thread-${second.id}`)
      .map((item) => item.line.text);
    expect(secondLines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('rated 1/5: ticket reopened'),
        'nobody fixed the door seal',
      ]),
    );
    expect(harness.staff.updates.at(-1)?.card).toMatchObject({
      ticketId: second.id,
      status: 'open',
      satisfaction: 1,
    });
  });

  test('a rating button of another conversation is refused', async () => {
    harness = await startDeskHarness();
    await harness.send('/human');
    const ticket = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    await harness.desk.resolve(ticket.id, { id: 'U1', name: 'U1' });
    expect(await harness.press(`csat:${ticket.id}:5`, { conversationId: 'intruder' })).toEqual([]);
    expect((await harness.desk.tickets.get(ticket.id))?.satisfaction.score).toBeNull();
  });

  test('outside business hours: the customer is told when and given the phone; the ticket stays open and a later reply is delivered', async () => {
    // Monday 20:00 UTC: closed until Tuesday 08:00.
    harness = await startDeskHarness({ businessHours: officeHours, start: '2026-03-02T20:00:00Z' });
    const [handoff] = await harness.send('I want to talk to a person');
    expect(handoff?.text).toContain('Our team is not at work right now');
    expect(handoff?.text).toContain('021-66097851');
    expect(handoff?.text).toMatch(/Tuesday/);
    const ticket = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    expect(ticket.status).toBe('open');
    expect(await harness.handoffActive()).toBe(true);

    harness.clock.advance(13 * HOUR);
    await harness.staffSays(ticket.id, 'Good morning! How can I help?');
    await harness.settle();
    expect(harness.customers.texts()).toEqual(['Good morning! How can I help?']);
  });

  test('with no staff channel the ticket waits in the queue, the customer is told nobody answers here (phone, hours), the bot goes on, and a reply given later (CLI) is delivered', async () => {
    harness = await startDeskHarness({ staffTarget: null });
    const [handoff] = await harness.send('/human');
    const ticket = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    expect(handoff?.text).toContain('021-66097851');
    expect(handoff?.text).toContain(`#${ticket.id}`);
    expect(handoff?.text).toContain('nobody from our team answers in this chat');
    expect(handoff?.text).not.toContain('will answer you');
    expect(handoff?.choices).toEqual([]);
    expect(ticket).toMatchObject({ status: 'open', staff: null });
    expect(await harness.handoffActive()).toBe(false);
    expect((await harness.send('hello?')).length).toBeGreaterThan(0);
    expect((await harness.desk.tickets.list({ status: 'open' })).map((open) => open.id)).toEqual([
      ticket.id,
    ]);
    expect(
      await harness.desk.reply(ticket.id, 'Sorry for the wait, I am here now.', {
        id: 'cli',
        name: 'Mina',
      }),
    ).toEqual({ kind: 'relayed' });
    await harness.settle();
    expect(harness.customers.texts()).toEqual(['Sorry for the wait, I am here now.']);
  });

  test('a customer platform that keeps failing: retried later, then reported in the thread', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);
    harness.customers.failNext(10);
    await harness.staffSays(id, 'Your repair is ready.');
    await harness.settle();
    expect(harness.customers.attempts).toBe(1);
    harness.clock.advance(61_000);
    await harness.settle();
    expect(harness.customers.attempts).toBe(2);
    harness.clock.advance(601_000);
    await harness.settle();
    expect(harness.customers.attempts).toBe(3);
    const warning = harness.staff.lines.at(-1)!;
    expect(warning.threadId).toBe(`thread-${id}`);
    expect(warning.line.kind).toBe('warning');
    expect(warning.line.text).toContain(
      'Could not deliver this to the customer on telegram after 3 attempts',
    );
    expect(warning.line.text).toContain('Your repair is ready.');
    // Nothing left waiting, and the next staff message goes out once the platform is back.
    harness.customers.failNext(0);
    await harness.staffSays(id, 'Are you there?');
    await harness.settle();
    expect(harness.customers.texts()).toEqual(['Are you there?']);
  });

  test('a retried customer message succeeds on a later attempt and keeps its order', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);
    harness.customers.failNext(1);
    await harness.staffSays(id, 'first');
    await harness.staffSays(id, 'second');
    await harness.settle();
    expect(harness.customers.texts()).toEqual([]);
    harness.clock.advance(61_000);
    await harness.settle();
    expect(harness.customers.texts()).toEqual(['first', 'second']);
    expect(await harness.desk.pendingJobs()).toBe(0);
  });

  test('a staff channel that is down keeps the ticket post and posts it later, in order', async () => {
    harness = await startDeskHarness();
    harness.staff.failNext(1);
    await harness.send('/human');
    await harness.settle();
    expect(harness.staff.tickets).toHaveLength(0);
    await harness.send('my order number is 5521');
    harness.clock.advance(61_000);
    await harness.settle();
    expect(harness.staff.tickets).toHaveLength(1);
    expect(harness.staff.lines.map((item) => item.line.text)).toEqual(['my order number is 5521']);
  });

  test('a restart in the middle of a hand-off loses nothing', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);
    harness.customers.failNext(1);
    await harness.staffSays(id, 'We will call you at 3 pm.');
    await harness.settle();
    expect(harness.customers.texts()).toEqual([]);

    await harness.restart();
    harness.clock.advance(61_000);
    await harness.settle();
    expect(harness.customers.texts()).toEqual(['We will call you at 3 pm.']);
    expect(await harness.handoffActive()).toBe(true);
    expect(await harness.send('thanks, 3 pm is fine')).toEqual([]);
    await harness.settle();
    expect(harness.staff.lines.at(-1)?.line.text).toBe('thanks, 3 pm is fine');
    expect((await harness.desk.tickets.messages(id)).map((message) => message.author)).toEqual([
      'customer',
      'bot',
      'customer',
      'staff',
      'customer',
    ]);
  });

  test('a job interrupted while sending is sent again after a restart (staff words are never lost)', async () => {
    harness = await startDeskHarness({ scripted: vague });
    const id = await lowConfidenceHandoff(harness);
    const outbox = createSqliteOutboxStore(harness.db);
    await queueHandoffJob(outbox, {
      ticketId: id,
      lane: customerLane({ channel: 'telegram', conversationId: 'chat-1' }),
      job: {
        kind: 'customer',
        replies: [
          {
            kind: 'answer',
            text: 'in flight',
            locale: 'en',
            choices: [],
            intent: null,
            faq: null,
            confidence: 1,
          },
        ],
      },
      at: harness.clock.now(),
    });
    const [job] = await outbox.due(HANDOFF_QUEUE, harness.clock.now(), 10);
    expect(await outbox.claim(job!.id, harness.clock.now())).toBe(true);
    await harness.restart();
    expect(harness.customers.texts()).toEqual(['in flight']);
  });

  test('the summary lists the customer warranty units when the records know them', async () => {
    harness = await startDeskHarness({
      units: {
        unitsOf: async ({ channel, userId }) =>
          channel === 'telegram' && userId === 'customer-1'
            ? [
                {
                  serial: 'WM07-2509-0030',
                  model: 'Washer WM-7',
                  detail: 'covered until 2027-09-30',
                },
              ]
            : [],
      },
    });
    await harness.send('/human');
    await harness.settle();
    expect(harness.staff.tickets[0]?.units).toEqual([
      { serial: 'WM07-2509-0030', model: 'Washer WM-7', detail: 'covered until 2027-09-30' },
    ]);
  });

  test('an always-human topic opens a ticket with its reason, after the answer', async () => {
    harness = await startDeskHarness();
    const [reply] = await harness.send('I got an electric shock from the washing machine');
    expect(reply).toMatchObject({ kind: 'handoff', handoffReason: 'always-human-topic' });
    expect(reply?.text).toContain('Unplug the appliance');
    expect(
      await harness.desk.tickets.latestFor({ channel: 'telegram', conversationId: 'chat-1' }),
    ).toMatchObject({ reason: 'always-human-topic', status: 'open' });
  });

  test('two fallbacks in a row open a ticket', async () => {
    harness = await startDeskHarness({
      scripted: { 'What is the capital of France?': [], 'Who won the match?': [] },
    });
    await harness.send('What is the capital of France?');
    const [second] = await harness.send('Who won the match?');
    expect(second?.handoffReason).toBe('repeated-fallback');
    expect(
      (await harness.desk.tickets.latestFor({ channel: 'telegram', conversationId: 'chat-1' }))
        ?.reason,
    ).toBe('repeated-fallback');
  });

  test('a ticket stays claimed by whoever pressed Claim; staff can mark a repair', async () => {
    harness = await startDeskHarness();
    await harness.send('/human');
    const ticket = (await harness.desk.tickets.latestFor({
      channel: 'telegram',
      conversationId: 'chat-1',
    }))!;
    await harness.desk.receive({
      kind: 'action',
      target: 'slack',
      action: 'claim',
      ticketId: ticket.id,
      author: { id: 'U7', name: 'Mina' },
    });
    await harness.staffSays(ticket.id, '!repair');
    await harness.settle();
    expect(await harness.desk.tickets.get(ticket.id)).toMatchObject({
      status: 'claimed',
      assignee: 'Mina',
      repair: true,
    });
    expect(harness.staff.updates.at(-1)?.card).toMatchObject({
      status: 'claimed',
      assignee: 'Mina',
      repair: true,
    });
    expect(harness.staff.lines.map((item) => item.line.text)).toContain('Claimed by Mina.');
    // Wrong platform: Teams cannot act on a Slack ticket.
    expect(
      await harness.desk.receive({
        kind: 'action',
        target: 'teams',
        action: 'resolve',
        ticketId: ticket.id,
        author: { id: 'x', name: 'x' },
      }),
    ).toEqual({ kind: 'unknown-ticket' });
  });

  test('within business hours with a staff channel the customer is told a colleague answers here', async () => {
    harness = await startDeskHarness({ businessHours: officeHours });
    const [handoff] = await harness.send('/human');
    expect(handoff?.text).toContain("I've passed your conversation to a colleague");
  });
});
