/**
 * The Bot Framework CloudAdapter on the app's /api/messages, against a local stand-in of the
 * connector (the activities' serviceUrl): personal chat, channel mentions, Adaptive Card choices,
 * redelivery, authentication, throttling and errors, proactive delivery by stored reference. A
 * turn is answered 200 as soon as it is committed; its replies reach the connector after that,
 * from the outbox, so the tests wait for them.
 */
import {
  createTeamsAdapter,
  type TeamsAdapter,
  type TeamsAdapterOptions,
} from '../../../adapters/teams/teams-adapter';
import { toPlatformReply } from '../../../adapters/teams/to-platform-reply';
import type { Reply } from '../../../src/core/message';
import {
  postActivity,
  startConnectorStandIn,
  teamsMessage,
  type ConnectorStandIn,
} from '../../stand-ins/bot-framework-connector';
import { startTestCore, type TestCore } from '../support/test-core';

let connector: ConnectorStandIn;
let core: TestCore;
let adapter: TeamsAdapter;

async function start(options: TeamsAdapterOptions = {}): Promise<void> {
  connector = await startConnectorStandIn();
  core = await startTestCore();
  adapter = createTeamsAdapter({ laterDelaysMs: [20, 20, 20], ...options }, core.context);
  await adapter.start();
}

afterEach(async () => {
  await adapter.stop();
  await connector.close();
  await core.close();
});

const send = (activity: Record<string, unknown>, authorization?: string) =>
  postActivity(`${core.url}/api/messages`, activity, authorization);
/**
 * The turn is answered 200 once committed; its replies go out from the outbox after that. Waits
 * until `count` more activities than `before` reached the connector.
 */
const sentAfter = async (before: number, count: number) => {
  await connector.log.waitUntil(
    () => connector.sent().length >= before + count,
    `${count} activities sent`,
  );
  return connector.sent().slice(before);
};
const texts = (replies: readonly Reply[]): string[] =>
  replies.flatMap((reply) => toPlatformReply(reply)).map((activity) => activity.text);
const question = 'How long is the warranty?';

describe('Teams (botbuilder CloudAdapter)', () => {
  it('answers a personal chat message as a reply to it, in Markdown', async () => {
    await start();
    const expected = await core.expectedReplies({ text: question, localeHint: 'en-US' });
    const activity = teamsMessage({ serviceUrl: connector.serviceUrl, text: question });

    expect((await send(activity)).status).toBe(200);

    expect(
      (await sentAfter(0, texts(expected).length)).map(
        ({ conversationId, replyToId, activity: sent }) => ({
          conversationId,
          replyToId,
          text: sent.text,
          textFormat: sent.textFormat,
        }),
      ),
    ).toEqual(
      texts(expected).map((text) => ({
        conversationId: (activity.conversation as { id: string }).id,
        replyToId: activity.id,
        text,
        textFormat: 'markdown',
      })),
    );
  });

  it('answers a channel @mention in its thread, with the mention taken out of the question', async () => {
    await start();
    const expected = await core.expectedReplies({ text: question, localeHint: 'en-US' });
    const activity = teamsMessage({
      serviceUrl: connector.serviceUrl,
      text: question,
      where: 'channel',
    });

    await send(activity);

    expect(core.storedTexts('teams')).toEqual([question]);
    const sent = await sentAfter(0, texts(expected).length);
    expect(sent.map((item) => [item.conversationId, item.activity.text])).toEqual(
      texts(expected).map((text) => [(activity.conversation as { id: string }).id, text]),
    );
  });

  it('offers choices on an Adaptive Card and answers the pressed one', async () => {
    await start();
    const asked = '/language';
    const [offer] = await core.expectedReplies({ text: asked, localeHint: 'en-US' });
    const choice = offer?.choices.at(-1);
    if (choice === undefined) throw new Error(`the core offers no choices for "${asked}"`);
    const expected = await core.expectedReplies(
      { text: asked, localeHint: 'en-US' },
      { text: choice.label, choiceId: choice.id, localeHint: 'en-US' },
    );

    await send(teamsMessage({ serviceUrl: connector.serviceUrl, text: asked }));
    const card = (await sentAfter(0, texts(offer === undefined ? [] : [offer]).length)).flatMap(
      (sent) =>
        (sent.activity.attachments as
          | {
              contentType: string;
              content: { actions: { title: string; data: Record<string, unknown> }[] };
            }[]
          | undefined) ?? [],
    )[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const button = card?.content.actions.find((action) => action.title === choice.label);
    if (button === undefined) throw new Error('no button for the choice');
    const before = connector.sent().length;

    // What Teams posts when the button is pressed: messageBack text plus the card's data as value.
    await send(
      teamsMessage({ serviceUrl: connector.serviceUrl, text: choice.label, value: button.data }),
    );

    expect(
      (await sentAfter(before, texts(expected).length)).map((sent) => sent.activity.text),
    ).toEqual(texts(expected));
  });

  it('answers an activity the service delivers twice once', async () => {
    await start();
    const activity = teamsMessage({ serviceUrl: connector.serviceUrl, text: question });

    const answers = texts(await core.expectedReplies({ text: question, localeHint: 'en-US' }));
    await send(activity);
    await sentAfter(0, answers.length);
    expect((await send(activity)).status).toBe(200);
    // Another conversation's answer after the redelivery: a second copy would be sent by then.
    const other = teamsMessage({
      serviceUrl: connector.serviceUrl,
      text: question,
      where: 'channel',
    });
    await send(other);
    const later = await sentAfter(answers.length, answers.length);

    expect(answers.length).toBeGreaterThan(0);
    expect(later.map((sent) => sent.conversationId)).toEqual(
      answers.map(() => (other.conversation as { id: string }).id),
    );
    expect(core.storedIncoming('teams')).toBe(2);
  });

  it('ignores messages from other bots', async () => {
    await start();
    await send(teamsMessage({ serviceUrl: connector.serviceUrl, text: question, fromBot: true }));
    expect(connector.log.attempts('activities')).toHaveLength(0);
    expect(core.storedIncoming('teams')).toBe(0);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a token that is not a JWT', 'Bearer not-a-real-token'],
    [
      'a JWT with no valid signature',
      'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IngiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZSIsImF1ZCI6IngifQ.c2lnbmF0dXJl',
    ],
  ])(
    'with a MicrosoftAppId, refuses a request with %s: 401 and nothing stored',
    async (_case, authorization) => {
      await start({
        appId: '00000000-0000-0000-0000-00000000b0a7',
        appPassword: 'not-used-here',
        appType: 'MultiTenant',
      });

      const result = await send(
        teamsMessage({ serviceUrl: connector.serviceUrl, text: question }),
        authorization,
      );

      expect(result.status).toBe(401);
      expect(core.storedIncoming('teams')).toBe(0);
      expect(core.storedReferences('teams')).toBe(0);
      expect(connector.log.attempts('activities')).toHaveLength(0);
    },
  );

  it('waits out a 429 with Retry-After and sends the answer once', async () => {
    await start();
    connector.log.failNext('activities', 1, { status: 429, retryAfterSeconds: 0 });

    await send(teamsMessage({ serviceUrl: connector.serviceUrl, text: question }));
    await sentAfter(0, 1);

    expect(connector.log.attempts('activities').map((call) => call.status)).toEqual([429, 200]);
    expect(connector.sent()).toHaveLength(1);
  });

  it('retries a 500 and sends the answer once', async () => {
    await start();
    connector.log.failNext('activities', 1, { status: 500 });

    await send(teamsMessage({ serviceUrl: connector.serviceUrl, text: question }));
    await sentAfter(0, 1);

    expect(connector.log.attempts('activities').map((call) => call.status)).toEqual([500, 200]);
    expect(connector.sent()).toHaveLength(1);
  });

  it('keeps an answer the connector kept refusing and sends it later through the stored reference', async () => {
    await start();
    connector.log.failNext('activities', 3, { status: 503, retryAfterSeconds: 0 });
    const activity = teamsMessage({ serviceUrl: connector.serviceUrl, text: question });

    expect((await send(activity)).status).toBe(200);
    const [delivered] = await connector.log.waitForSucceeded('activities');

    expect(connector.log.attempts('activities').filter((call) => call.status === 503)).toHaveLength(
      3,
    );
    expect(delivered?.payload.conversationId).toBe((activity.conversation as { id: string }).id);
    expect(connector.sent()).toHaveLength(1);
  });

  it('stores the conversation reference and delivers proactively with it', async () => {
    await start();
    const activity = teamsMessage({ serviceUrl: connector.serviceUrl, text: question });
    await send(activity);
    await sentAfter(0, 1);
    const conversationId = (activity.conversation as { id: string }).id;
    expect(await core.context.references.loadReference('teams', conversationId)).toMatchObject({
      serviceUrl: connector.serviceUrl,
      conversation: { id: conversationId },
    });
    const before = connector.sent().length;

    await adapter.deliver(conversationId, [
      {
        kind: 'answer',
        text: 'A colleague replied: **done**',
        locale: 'en',
        choices: [],
        intent: null,
        faq: null,
        confidence: 1,
      },
    ]);

    expect(
      connector
        .sent()
        .slice(before)
        .map((sent) => [sent.conversationId, sent.activity.text]),
    ).toEqual([[conversationId, 'A colleague replied: **done**']]);
    await expect(adapter.deliver('a:unknown', [])).rejects.toThrow(
      /no Teams conversation reference/,
    );
  });

  it('starts a new thread in a channel it has heard from, and answers mentions in that thread', async () => {
    await start();
    const mention = teamsMessage({
      serviceUrl: connector.serviceUrl,
      text: question,
      where: 'channel',
    });
    await send(mention);
    await sentAfter(0, 1);
    const channelId = (mention.conversation as { id: string }).id.replace(/;messageid=.*$/, '');
    const before = connector.sent().length;

    const [post] = await adapter.deliverTracked(channelId, [
      {
        kind: 'handoff',
        text: 'New ticket: **warranty**',
        locale: 'en',
        choices: [],
        intent: null,
        faq: null,
        confidence: 1,
      },
    ]);

    const [sent] = connector.sent().slice(before);
    expect(sent).toMatchObject({
      conversationId: channelId,
      activity: { text: 'New ticket: **warranty**' },
    });
    expect(sent?.replyToId).toBeUndefined();
    expect(post).toEqual({
      conversationId: `${channelId};messageid=${sent?.id}`,
      activityId: sent?.id,
    });

    const reply = teamsMessage({
      serviceUrl: connector.serviceUrl,
      text: question,
      where: 'channel',
    });
    (reply.conversation as { id: string }).id = post?.conversationId ?? '';
    await send(reply);
    const answers = texts(await core.expectedReplies({ text: question, localeHint: 'en-US' }));
    expect(
      (await sentAfter(before + 1, answers.length)).map((answer) => answer.conversationId),
    ).toEqual(answers.map(() => post?.conversationId));
  });
});
