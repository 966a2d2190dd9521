/**
 * The Bolt adapter in HTTP mode on the app's own server, against the local Slack Web API
 * stand-in: DMs, mentions, buttons, Slack's retries, forged requests, rate limits and errors.
 */
import {
  BOT_ID,
  BOT_USER_ID,
  buttonPress,
  directMessage,
  eventEnvelope,
  mention,
  nextMessageTs,
} from '../../stand-ins/slack-web-api';
import { slackTexts, startSlackHarness, type SlackHarness } from './harness';

let harness: SlackHarness;

afterEach(async () => {
  await harness?.close();
});

const question = 'How long is the warranty?';

describe('Slack (Bolt, HTTP mode)', () => {
  it('answers a direct message in the DM', async () => {
    harness = await startSlackHarness();
    const expected = slackTexts(await harness.core.expectedReplies({ text: question }));

    const result = await harness.sendEvent(eventEnvelope(directMessage(question)));
    await harness.adapter.settled();

    expect(result.status).toBe(200);
    expect(
      harness.slack.posts().map(({ channel, text, thread_ts }) => ({ channel, text, thread_ts })),
    ).toEqual(expected.map((text) => ({ channel: 'D0STAFF01', text, thread_ts: undefined })));
  });

  it.each([
    'What is the phone number of the head office?',
    'Is NV12-2501-0001 still under warranty?',
  ])('passes any question in a DM to the core: %s', async (text) => {
    harness = await startSlackHarness();
    const expected = slackTexts(await harness.core.expectedReplies({ text }));

    await harness.sendEvent(eventEnvelope(directMessage(text)));
    await harness.adapter.settled();

    expect(harness.core.storedTexts('slack')).toEqual([text]);
    expect(harness.slack.posts().map((post) => post.text)).toEqual(expected);
  });

  it('answers an @mention in the thread of the mention, without the mention in the question', async () => {
    harness = await startSlackHarness();
    const expected = slackTexts(await harness.core.expectedReplies({ text: question }));
    const event = mention(question, { channel: 'C0SUPPORT1' });

    await harness.sendEvent(eventEnvelope(event));
    await harness.adapter.settled();

    expect(harness.core.storedTexts('slack')).toEqual([question]);
    expect(
      harness.slack.posts().map(({ channel, text, thread_ts }) => ({ channel, text, thread_ts })),
    ).toEqual(expected.map((text) => ({ channel: 'C0SUPPORT1', text, thread_ts: event.ts })));
  });

  it('offers choices as Block Kit buttons and answers the pressed one', async () => {
    harness = await startSlackHarness();
    const asked = 'blorp zyx';
    const [offer] = await harness.core.expectedReplies({ text: asked });
    const choice = offer?.choices[0];
    if (choice === undefined) throw new Error(`the core offers no choices for "${asked}"`);
    const expected = slackTexts(
      await harness.core.expectedReplies(
        { text: asked },
        { text: choice.label, choiceId: choice.id },
      ),
    );

    await harness.sendEvent(eventEnvelope(directMessage(asked)));
    await harness.adapter.settled();
    const [withButtons] = harness.slack.posts();
    const buttons = withButtons?.blocks?.flatMap((block) => block.elements ?? []) ?? [];
    expect(buttons.map((button) => [button.text.text, button.value])).toEqual(
      offer?.choices.map((candidate) => [candidate.label, candidate.id]),
    );

    const pressed = await harness.sendForm(
      buttonPress(
        withButtons as NonNullable<typeof withButtons>,
        choice.label,
        harness.slack.responseUrl('press'),
      ),
    );
    await harness.adapter.settled();

    expect(pressed.status).toBe(200);
    expect(
      harness.slack
        .posts()
        .slice(1)
        .map((post) => post.text),
    ).toEqual(expected);
    const [update] = harness.slack.log.succeeded('chat.update');
    expect(update?.payload.ts).toBe(withButtons?.ts);
    expect((update?.payload.blocks as { type: string }[]).map((block) => block.type)).not.toContain(
      'actions',
    );
  });

  it('processes an event once when Slack retries it (x-slack-retry-num, same event_id)', async () => {
    harness = await startSlackHarness();
    const envelope = eventEnvelope(directMessage(question));

    await harness.sendEvent(envelope);
    await harness.adapter.settled();
    const answers = harness.slack.posts().length;
    const retried = await harness.sendEvent(envelope, { retryNum: 1 });
    const retriedAgain = await harness.sendEvent(envelope, { retryNum: 2 });
    await harness.adapter.settled();

    expect([retried.status, retriedAgain.status]).toEqual([200, 200]);
    expect(answers).toBeGreaterThan(0);
    expect(harness.slack.posts()).toHaveLength(answers);
    expect(harness.core.storedIncoming('slack')).toBe(1);
  });

  it.each([
    [
      'a wrong signature',
      { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' },
    ],
    ['no signature', { signature: null }],
    ['another secret', { signingSecret: 'not-the-signing-secret' }],
    ['a stale timestamp (replay)', { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }],
  ])('refuses a request with %s: 401 and nothing stored', async (_case, options) => {
    harness = await startSlackHarness();

    const result = await harness.sendEvent(eventEnvelope(directMessage(question)), options);
    await harness.adapter.settled();

    expect(result.status).toBe(401);
    expect(harness.core.storedIncoming('slack')).toBe(0);
    expect(harness.core.storedReferences('slack')).toBe(0);
    expect(harness.slack.log.attempts('chat.postMessage')).toHaveLength(0);
  });

  it('ignores messages from bots, including its own, and edits', async () => {
    harness = await startSlackHarness();
    const ts = nextMessageTs();
    const fromBots = [
      {
        type: 'message',
        channel: 'D0STAFF01',
        channel_type: 'im',
        bot_id: 'B0OTHERBOT',
        subtype: 'bot_message',
        text: question,
        ts,
      },
      {
        type: 'message',
        channel: 'D0STAFF01',
        channel_type: 'im',
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        text: question,
        ts: nextMessageTs(),
      },
      {
        type: 'message',
        channel: 'D0STAFF01',
        channel_type: 'im',
        user: 'U0OTHER',
        bot_id: 'B0WORKFLOW',
        text: question,
        ts: nextMessageTs(),
      },
      {
        type: 'app_mention',
        channel: 'C0SUPPORT1',
        user: 'U0OTHER',
        bot_id: 'B0OTHERBOT',
        text: `<@${BOT_USER_ID}> ${question}`,
        ts: nextMessageTs(),
      },
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'D0STAFF01',
        channel_type: 'im',
        message: { text: question },
        ts: nextMessageTs(),
      },
    ];

    for (const event of fromBots)
      expect((await harness.sendEvent(eventEnvelope(event))).status).toBe(200);
    await harness.adapter.settled();

    expect(harness.slack.log.attempts('chat.postMessage')).toHaveLength(0);
    expect(harness.core.storedIncoming('slack')).toBe(0);
  });

  it('ignores channel chatter but answers replies in a thread the bot started (a ticket)', async () => {
    harness = await startSlackHarness();
    await harness.sendEvent(
      eventEnvelope({
        type: 'message',
        channel: 'C0STAFF01',
        channel_type: 'channel',
        user: 'U0STAFF01',
        text: question,
        ts: nextMessageTs(),
      }),
    );
    await harness.adapter.settled();
    expect(harness.slack.posts()).toHaveLength(0);

    const [ticket] = await harness.adapter.deliverTracked('C0STAFF01', [
      {
        kind: 'handoff',
        text: 'New ticket: **warranty** question',
        locale: 'en',
        choices: [],
        intent: null,
        faq: null,
        confidence: 1,
      },
    ]);
    if (ticket === undefined) throw new Error('nothing delivered');
    expect(ticket.conversationId).toBe(`C0STAFF01/${ticket.ts}`);
    await harness.sendEvent(
      eventEnvelope({
        type: 'message',
        channel: 'C0STAFF01',
        channel_type: 'channel',
        user: 'U0STAFF01',
        text: question,
        ts: nextMessageTs(),
        thread_ts: ticket.ts,
      }),
    );
    await harness.adapter.settled();

    const expected = slackTexts(await harness.core.expectedReplies({ text: question }));
    expect(
      harness.slack
        .posts()
        .slice(1)
        .map(({ channel, text, thread_ts }) => ({ channel, text, thread_ts })),
    ).toEqual(expected.map((text) => ({ channel: 'C0STAFF01', text, thread_ts: ticket.ts })));
  });

  it('waits out a 429 with Retry-After and posts the answer once', async () => {
    harness = await startSlackHarness();
    harness.slack.log.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 0 });

    await harness.sendEvent(eventEnvelope(directMessage(question)));
    await harness.adapter.settled();

    expect(harness.slack.log.attempts('chat.postMessage').map((call) => call.status)).toEqual([
      429, 200,
    ]);
    expect(harness.slack.posts()).toHaveLength(1);
  });

  it('retries a 500, keeps the answer past the retries, and keeps answering', async () => {
    harness = await startSlackHarness();
    harness.slack.log.failNext('chat.postMessage', 4, { status: 500 });

    await harness.sendEvent(eventEnvelope(directMessage(question)));
    await harness.adapter.settled();
    await harness.slack.log.waitForSucceeded('chat.postMessage');
    await harness.sendEvent(eventEnvelope(directMessage(question, 'U0STAFF02', 'D0STAFF02')));
    await harness.adapter.settled();

    expect(harness.slack.log.attempts('chat.postMessage').map((call) => call.status)).toEqual([
      500, 500, 500, 500, 200, 200,
    ]);
    expect(harness.slack.posts().map((post) => post.channel)).toEqual(['D0STAFF01', 'D0STAFF02']);
  });

  it('rejects a proactive delivery when Slack keeps failing', async () => {
    harness = await startSlackHarness();
    harness.slack.log.failNext('chat.postMessage', 3, { status: 503 });
    const reply = {
      kind: 'answer' as const,
      text: 'Hello',
      locale: 'en',
      choices: [],
      intent: null,
      faq: null,
      confidence: 1,
    };

    await expect(harness.adapter.deliver('D0STAFF01', [reply])).rejects.toThrow();
    await harness.adapter.deliver('D0STAFF01', [reply]);

    expect(harness.slack.posts().map((post) => post.text)).toEqual(['Hello']);
  });

  it("answers Slack's URL verification challenge when the request is signed", async () => {
    harness = await startSlackHarness();
    const challenge = {
      token: 'legacy',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    };

    const signed = await harness.sendEvent(challenge);
    const forged = await harness.sendEvent(challenge, { signingSecret: 'forged' });

    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body)).toEqual({ challenge: challenge.challenge });
    expect(forged.status).toBe(401);
  });
});
