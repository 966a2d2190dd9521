/**
 * Issue 17, "done when": three app processes (`aftercare start`, real child processes) on one
 * PostgreSQL database behave as one bot. The same Telegram update and the same Slack event posted
 * to two replicas get one reply; ten web chat messages of one conversation spread over the
 * replicas are answered one turn at a time; a reply stored on one replica reaches the event
 * stream open on another through LISTEN/NOTIFY; a follow-up that is due is sent once, though every
 * replica could send it; and a replica SIGKILLed while its reply is on the way to Telegram loses
 * nothing: another replica sends it once the dead one's claim is taken back.
 *
 * The three processes share one fresh database for the file (starting them is the slow part);
 * each scenario uses its own chats and conversations, and the SIGKILL comes last.
 */
import { Client } from 'pg';
import path from 'node:path';
import { startBot, type BotProcess } from '../helpers/bot-process';
import { eventually } from '../helpers/eventually';
import { postJson, webchatSessions } from '../helpers/http';
import { createTestDatabase, describePostgres } from '../helpers/postgres';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { migratePostgres } from '../../src/storage/postgres/migrate';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { createPostgresTicketStore } from '../../src/storage/postgres/ticket-store';
import {
  directMessage,
  eventEnvelope,
  postToApp,
  startSlackStandIn,
  type SlackStandIn,
} from '../stand-ins/slack-web-api';
import { startTelegramStandIn, type TelegramStandIn } from '../stand-ins/telegram-bot-api';

// Three processes build their knowledge at once; nothing here asserts on time.
jest.setTimeout(300_000);

const TOKEN = '123456:REPLICA-token';
const WEBHOOK_SECRET = 'replica-webhook-secret';
const SIGNING_SECRET = 'replica-signing-secret';
const FOLLOW_UP_CHAT = 7001;

let telegram: TelegramStandIn;
let slack: SlackStandIn;
let url: string;
let pool: PostgresPool;
const replicas: BotProcess[] = [];
const addresses: string[] = [];

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const sentTo = (chatId: number) =>
  telegram.sentMessages().filter((message) => message.chat.id === chatId);

function postUpdate(replica: number, update: Record<string, unknown>): Promise<number> {
  return fetch(`${addresses[replica]}/telegram/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': WEBHOOK_SECRET,
    },
    body: JSON.stringify(update),
  }).then(async (response) => {
    await response.arrayBuffer();
    return response.status;
  });
}

describePostgres('three replicas on one PostgreSQL database', () => {
  beforeAll(async () => {
    telegram = await startTelegramStandIn(TOKEN);
    slack = await startSlackStandIn();
    url = await createTestDatabase('aftercare_replicas');
    pool = createPool(url, { max: 2 });
    // A follow-up due before any replica runs: whichever leads the timers finds it.
    await migratePostgres(pool);
    const tickets = createPostgresTicketStore(pool);
    const resolvedAt = new Date(Date.now() - 3 * 86_400_000);
    const ticket = await tickets.create({
      customer: { channel: 'telegram', conversationId: String(FOLLOW_UP_CHAT) },
      userId: String(FOLLOW_UP_CHAT),
      reference: null,
      locale: 'en',
      script: null,
      reason: 'requested',
      repair: true,
      staffTarget: null,
      at: resolvedAt,
    });
    await tickets.update(
      ticket.id,
      { status: 'resolved', resolvedAt, followUpDueAt: new Date(Date.now() - 60_000) },
      resolvedAt,
    );

    const dir = makeTempDir('aftercare-replicas-');
    for (let n = 0; n < 3; n++)
      replicas.push(
        startBot({
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AFTERCARE_HOST: '127.0.0.1',
          AFTERCARE_PORT: '0',
          // Never opened: AFTERCARE_DATABASE_URL wins.
          AFTERCARE_DB: path.join(dir, `replica-${n}.db`),
          AFTERCARE_DATABASE_URL: url,
          AFTERCARE_WEBCHAT_SECRET: 'r'.repeat(64),
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_WEBHOOK_URL: 'https://bot.example/telegram/webhook',
          TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
          TELEGRAM_RETRY_DELAYS_MS: '5,5',
          TELEGRAM_OUTBOX_DELAYS_MS: '20,20',
          SLACK_BOT_TOKEN: slack.botToken,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          SLACK_RETRY_DELAYS_MS: '5,5',
          SLACK_OUTBOX_DELAYS_MS: '20,20',
        }),
      );
    addresses.push(...(await Promise.all(replicas.map((replica) => replica.url))));
  });

  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) {
        replica.child.kill('SIGTERM');
        await replica.exited();
      }
    }
    await pool?.end();
    await telegram?.close();
    await slack?.close();
    removeTempDirs();
  });

  test('each replica names the storage and who leads the timers', () => {
    const logs = replicas.map((replica) => replica.log());
    for (const log of logs) expect(log).toMatch(/"backend":"postgres"/);
    // One leader of the timers; the others say which replica it is.
    expect(logs.filter((log) => log.includes('this replica leads timers'))).toHaveLength(1);
    expect(logs.filter((log) => /timers runs on replica \S+:\d+:/.test(log))).toHaveLength(2);
  });

  test('the same Telegram update and the same Slack event posted to two replicas get one reply', async () => {
    const update = telegram.textUpdate({ chatId: 6001, text: 'How long is the warranty?' });
    const statuses = await Promise.all([postUpdate(0, update), postUpdate(1, update)]);
    expect(statuses).toEqual([200, 200]);
    await telegram.log.waitUntil(() => sentTo(6001).length > 0, 'the Telegram answer');

    const event = JSON.stringify(eventEnvelope(directMessage('How long is the warranty?')));
    const slackStatuses = await Promise.all(
      [1, 2].map((replica) =>
        postToApp(`${addresses[replica]}/slack/events`, event, 'application/json', {
          signingSecret: SIGNING_SECRET,
        }),
      ),
    );
    expect(slackStatuses.map((result) => result.status)).toEqual([200, 200]);
    await slack.log.waitForSucceeded('chat.postMessage');

    // A second answer, were there one, is sent by then: both channels' jobs are all sent.
    await eventually(
      async () =>
        (
          await rows<{ n: number }>(
            "SELECT count(*)::int AS n FROM outbox WHERE queue IN ('telegram', 'slack') AND state <> 'sent'",
          )
        )[0]?.n === 0,
      'every reply job sent',
      60_000,
    );
    const incoming = await rows<{ channel: string; n: number }>(
      "SELECT channel, count(*)::int AS n FROM messages WHERE direction = 'in' AND channel IN ('telegram', 'slack') GROUP BY channel ORDER BY channel",
    );
    expect(incoming).toEqual([
      { channel: 'slack', n: 1 },
      { channel: 'telegram', n: 1 },
    ]);
    const [jobs] = await rows<{ telegram: number; slack: number }>(
      "SELECT count(*) FILTER (WHERE queue = 'telegram')::int AS telegram, count(*) FILTER (WHERE queue = 'slack')::int AS slack FROM outbox",
    );
    expect(sentTo(6001)).toHaveLength(jobs!.telegram);
    expect(slack.log.succeeded('chat.postMessage')).toHaveLength(jobs!.slack);
  });

  test('ten web chat messages of one conversation spread over the replicas are answered one turn at a time', async () => {
    type Answer = { replies: { text: string; kind: string }[]; items: { id: number }[] };
    // Words the bot cannot place: each turn counts a miss in the conversation's state, and the
    // second miss in a row hands off. What each message gets depends on every turn before it.
    const texts = Array.from({ length: 10 }, () => 'zqxv wpfk blorf');
    const sessions = webchatSessions(() => addresses[0]!);
    const send = async (name: string, index: number) =>
      postJson<Answer>(
        `${addresses[index % 3]}/webchat/messages`,
        { messageId: `m${index}`, text: texts[index] },
        undefined,
        await sessions.auth(name),
      );
    const storedTurns = async (name: string) => {
      const transcript = await rows<{
        id: number;
        direction: string;
        message_id: string | null;
        kind: string | null;
      }>(
        "SELECT id::int AS id, direction, message_id, kind FROM messages WHERE channel = 'webchat' AND conversation_id = $1 ORDER BY id",
        [await sessions.idOf(name)],
      );
      const turns: { messageId: string; replyIds: number[]; kinds: string[] }[] = [];
      for (const row of transcript) {
        if (row.direction === 'in')
          turns.push({ messageId: row.message_id ?? '', replyIds: [], kinds: [] });
        else {
          turns.at(-1)?.replyIds.push(row.id);
          turns.at(-1)?.kinds.push(row.kind ?? '');
        }
      }
      return turns;
    };
    // One message after the other, each answered before the next is sent: what one bot says.
    for (let index = 0; index < texts.length; index++)
      expect((await send('one by one', index)).status).toBe(200);
    const expected = (await storedTurns('one by one')).map((turn) => turn.kinds);

    // All ten at once, over the three replicas, in one conversation.
    await sessions.auth('all at once');
    const answers = await Promise.all(texts.map((_, index) => send('all at once', index)));
    expect(answers.map((answer) => answer.status)).toEqual(texts.map(() => 200));
    const turns = await storedTurns('all at once');
    expect(turns.map((turn) => turn.messageId).sort()).toEqual(texts.map((_, i) => `m${i}`).sort());
    // Each turn started from the state the one before it committed: the same answers, in order.
    expect(turns.map((turn) => turn.kinds)).toEqual(expected);
    for (const turn of turns) {
      const answer = answers[Number(turn.messageId.slice(1))]!;
      // Its answer is the rows stored right after it (`items` also holds replies of turns that
      // committed since the request's cursor was read, before them).
      expect(answer.body.replies).toHaveLength(turn.replyIds.length);
      expect(answer.body.items.slice(-turn.replyIds.length).map((item) => item.id)).toEqual(
        turn.replyIds,
      );
    }
  });

  test('a reply stored on one replica reaches the event stream open on another at once (LISTEN/NOTIFY)', async () => {
    const sessions = webchatSessions(() => addresses[0]!);
    const auth = await sessions.auth('live');
    // The stream is open on replica 0; the message goes to replica 2. Without the notification
    // the stream would find the reply only at its heartbeat, which it sends as ": ping" first.
    const controller = new AbortController();
    const stream = await fetch(`${addresses[0]}/webchat/events`, {
      headers: auth,
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const firstReply = (async () => {
      while (!/\nevent: reply\n/.test(seen) && !seen.includes(': ping')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value, { stream: true });
      }
      controller.abort();
      return seen;
    })().catch((error: unknown) => {
      if ((error as Error).name === 'AbortError') return seen;
      throw error;
    });
    // The stream's own first read (nothing stored yet) is over once "retry:" is written.
    await eventually(() => Promise.resolve(seen.includes('retry:')), 'the stream open', 30_000);
    const answer = await postJson<{ replies: { text: string }[] }>(
      `${addresses[2]}/webchat/messages`,
      { messageId: 'live-1', text: 'How long is the warranty?' },
      undefined,
      auth,
    );
    expect(answer.status).toBe(200);
    const received = await firstReply;
    expect(received).not.toContain(': ping');
    expect(received).toMatch(/\nevent: reply\n/);
    const data = JSON.parse(/data: (.*)\n/.exec(received)![1]!) as { reply: { text: string } };
    expect(data.reply.text).toBe(answer.body.replies[0]!.text);
  });

  test('a follow-up that is due is sent once', async () => {
    await telegram.log.waitUntil(
      () => sentTo(FOLLOW_UP_CHAT).length > 0,
      'the follow-up question',
      60_000,
    );
    await eventually(
      async () =>
        (
          await rows<{ n: number }>(
            "SELECT count(*)::int AS n FROM outbox WHERE queue = 'handoff' AND state <> 'sent'",
          )
        )[0]?.n === 0,
      'the hand-off outbox empty',
      60_000,
    );
    expect(sentTo(FOLLOW_UP_CHAT)).toHaveLength(1);
    expect(
      await rows(
        "SELECT follow_up_sent_at IS NOT NULL AS sent FROM tickets WHERE channel = 'telegram'",
      ),
    ).toEqual([{ sent: true }]);
  });

  test('a replica SIGKILLed while Telegram holds its reply open loses nothing: another sends it', async () => {
    telegram.log.holdNext('sendMessage');
    const held = telegram.log.arrivals.filter((method) => method === 'sendMessage').length;
    const update = telegram.textUpdate({ chatId: 6002, text: 'How long is the warranty?' });
    // The doomed replica's answer never comes: it is killed while sending.
    void postUpdate(0, update).catch(() => undefined);
    await telegram.log.waitUntil(
      () => telegram.log.arrivals.filter((method) => method === 'sendMessage').length > held,
      'the reply on its way, held open',
    );
    const [claim] = await rows<{ claimed_by: string; state: string }>(
      "SELECT o.claimed_by, o.state FROM outbox o WHERE o.queue = 'telegram' AND o.lane = '6002' ORDER BY id LIMIT 1",
    );
    expect(claim?.state).toBe('sending');
    replicas[0]!.child.kill('SIGKILL');
    await replicas[0]!.exited();
    expect(sentTo(6002)).toEqual([]);

    await telegram.log.waitUntil(
      () => sentTo(6002).length > 0,
      'the reply sent by another replica',
      60_000,
    );
    await eventually(
      async () =>
        (
          await rows<{ n: number }>(
            "SELECT count(*)::int AS n FROM outbox WHERE queue = 'telegram' AND lane = '6002' AND state <> 'sent'",
          )
        )[0]?.n === 0,
      'every job of the chat sent',
      60_000,
    );
    const [jobs] = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE queue = 'telegram' AND lane = '6002'",
    );
    expect(sentTo(6002)).toHaveLength(jobs!.n);
    expect(sentTo(6002)[0]?.text).toMatch(/warranty|guarantee/i);
    const [sender] = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE channel = 'telegram' AND conversation_id = '6002' AND direction = 'in'",
    );
    expect(sender).toEqual({ n: 1 });
  });
});
