/**
 * Issue 10, point 1: a turn is committed (message, state, replies, one outbox job per reply)
 * before anything is sent. The real app runs as a child process and is killed with SIGKILL at the
 * worst moment: Telegram (the stand-in) holds the reply's sendMessage open, unanswered. The app
 * started again on the same database sends the committed reply once, and the redelivered update
 * is not processed again. Slack the same, with chat.postMessage held open and the event delivered
 * again as Slack retries an event it got no answer for. Teams the same, with the connector's reply held open (the turn was
 * answered 200 at its commit), and SMS with Twilio's Messages API held open. The web chat, killed after it answered, answers the same messageId
 * posted again with the same replies, from what is stored.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startBot, type BotProcess } from '../helpers/bot-process';
import { postJson, webchatSessions } from '../helpers/http';
import { startTelegramStandIn, type TelegramStandIn } from '../stand-ins/telegram-bot-api';
import {
  directMessage,
  eventEnvelope,
  postToApp,
  startSlackStandIn,
} from '../stand-ins/slack-web-api';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  BOT_NUMBER,
  PUBLIC_BASE,
  startTwilioStandIn,
} from '../stand-ins/twilio';
import {
  postActivity,
  startConnectorStandIn,
  teamsMessage,
} from '../stand-ins/bot-framework-connector';

// Each test starts the app twice (a knowledge build each time): slow on a busy 2-core machine.
jest.setTimeout(120_000);

const TOKEN = '123456:RIGHT-token';
let telegram: TelegramStandIn;
const running: BotProcess[] = [];
beforeEach(async () => {
  telegram = await startTelegramStandIn(TOKEN);
});
afterEach(async () => {
  for (const bot of running.splice(0)) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited();
    }
  }
  await telegram.close();
});

function envFor(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AFTERCARE_PORT: '0',
    AFTERCARE_DB: path.join(dir, 'bot.db'),
    ...extra,
  };
}

function start(env: NodeJS.ProcessEnv): BotProcess {
  const bot = startBot(env);
  running.push(bot);
  return bot;
}

async function kill(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGKILL');
  await bot.exited();
}

function stored(file: string, sql: string, ...values: unknown[]): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...values);
  } finally {
    db.close();
  }
}

test('Telegram: killed while sendMessage is held open, the restarted app sends the reply exactly once', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-crash-tg-'));
  const env = envFor(dir, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
  const first = start(env);
  await first.url;
  telegram.log.holdNext('sendMessage');
  const update = telegram.pushUpdate(
    telegram.textUpdate({ chatId: 501, text: 'How long is the warranty?' }),
  );
  await telegram.log.waitUntil(
    () => telegram.log.arrivals.includes('sendMessage'),
    'the reply on its way, held open',
  );
  await kill(first);
  expect(telegram.sentMessages()).toEqual([]);
  const db = path.join(dir, 'bot.db');
  // Committed before the send: the message, and its jobs not marked sent.
  expect(
    stored(db, "SELECT message_id FROM messages WHERE channel = 'telegram' AND direction = 'in'"),
  ).toEqual([{ message_id: `update:${String(update.update_id)}` }]);
  const jobs = stored(db, "SELECT state FROM outbox WHERE queue = 'telegram'") as {
    state: string;
  }[];
  expect(jobs.length).toBeGreaterThan(0);
  expect(jobs.some((job) => job.state === 'sent')).toBe(false);

  const second = start(env);
  await second.url;
  await telegram.log.waitUntil(
    () =>
      telegram.sentMessages().filter((message) => message.chat.id === 501).length >= jobs.length,
    'the committed replies sent',
  );
  // Another chat's answer after it: a reply sent twice would show by then.
  telegram.pushUpdate(telegram.textUpdate({ chatId: 502, text: 'How long is the warranty?' }));
  await telegram.log.waitUntil(
    () => telegram.sentMessages().some((message) => message.chat.id === 502),
    'the other chat answered',
  );
  const texts = telegram
    .sentMessages()
    .filter((message) => message.chat.id === 501)
    .map((message) => message.text);
  expect(texts).toHaveLength(jobs.length);
  expect(texts.join('\n')).toMatch(/warranty|guarantee/i);
  second.child.kill('SIGTERM');
  await second.exited();
  // The redelivered update was not processed again; every job is marked sent once.
  expect(
    stored(
      db,
      "SELECT COUNT(*) AS n FROM messages WHERE channel = 'telegram' AND direction = 'in' AND conversation_id = '501'",
    ),
  ).toEqual([{ n: 1 }]);
  expect(
    stored(db, "SELECT COUNT(*) AS n FROM outbox WHERE queue = 'telegram' AND state <> 'sent'"),
  ).toEqual([{ n: 0 }]);
  expect(stored(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
});

test('web chat: after a SIGKILL the same messageId posted again returns the same replies, processed once', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-crash-web-'));
  const env = envFor(dir);
  const first = start(env);
  const url = await first.url;
  const sessions = webchatSessions(() => url);
  const auth = await sessions.auth('customer');
  type Answer = { replies: { text: string }[] };
  const question = { messageId: 'm1', text: 'Πόσο διαρκεί η εγγύηση για ένα λάπτοπ;' };
  const answered = await postJson<Answer>(`${url}/webchat/messages`, question, undefined, auth);
  expect(answered.status).toBe(200);
  expect(answered.body.replies.length).toBeGreaterThan(0);
  await kill(first);

  const second = start(env);
  const again = await second.url;
  const repeated = await postJson<Answer>(`${again}/webchat/messages`, question, undefined, auth);
  expect(repeated.status).toBe(200);
  expect(repeated.body.replies).toEqual(answered.body.replies);
  // Another conversation may use the same messageId: it is another message (point 3).
  const other = await postJson<Answer>(
    `${again}/webchat/messages`,
    question,
    undefined,
    await webchatSessions(() => again).auth('someone else'),
  );
  expect(other.body.replies).toEqual(answered.body.replies);
  second.child.kill('SIGTERM');
  await second.exited();
  const db = path.join(dir, 'bot.db');
  expect(
    stored(db, "SELECT COUNT(*) AS n FROM messages WHERE channel = 'webchat' AND direction = 'in'"),
  ).toEqual([{ n: 2 }]);
  expect(stored(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
});

test('Teams: killed while the connector holds the reply open, the restarted app sends it exactly once', async () => {
  const connector = await startConnectorStandIn();
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-crash-teams-'));
    const env = envFor(dir, { TEAMS_ENABLED: '1' });
    const first = start(env);
    const url = await first.url;
    connector.log.holdNext('activities');
    const activity = teamsMessage({
      serviceUrl: connector.serviceUrl,
      text: 'How long is the warranty?',
    });
    const conversationId = (activity.conversation as { id: string }).id;
    // Answered once the turn is committed, before the reply is sent.
    expect((await postActivity(`${url}/api/messages`, activity)).status).toBe(200);
    await connector.log.waitUntil(
      () => connector.log.arrivals.includes('activities'),
      'the reply on its way, held open',
    );
    await kill(first);
    expect(connector.sent()).toEqual([]);
    const db = path.join(dir, 'bot.db');
    expect(
      stored(db, "SELECT message_id FROM messages WHERE channel = 'teams' AND direction = 'in'"),
    ).toEqual([{ message_id: activity.id }]);
    const jobs = stored(db, "SELECT state FROM outbox WHERE queue = 'teams'") as {
      state: string;
    }[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.some((job) => job.state === 'sent')).toBe(false);

    const second = start(env);
    const again = await second.url;
    await connector.log.waitUntil(
      () =>
        connector.sent().filter((sent) => sent.conversationId === conversationId).length >=
        jobs.length,
      'the committed replies sent',
    );
    // Delivered again (the service retries what it thinks failed): not processed a second time.
    expect((await postActivity(`${again}/api/messages`, activity)).status).toBe(200);
    // Another conversation's answer after it: a reply sent twice would show by then.
    const other = teamsMessage({
      serviceUrl: connector.serviceUrl,
      text: 'How long is the warranty?',
      where: 'channel',
    });
    await postActivity(`${again}/api/messages`, other);
    await connector.log.waitUntil(
      () => connector.sent().some((sent) => sent.conversationId !== conversationId),
      'the other conversation answered',
    );
    const answers = connector.sent().filter((sent) => sent.conversationId === conversationId);
    expect(answers).toHaveLength(jobs.length);
    expect(answers.map((sent) => sent.replyToId)).toEqual(answers.map(() => activity.id));
    expect(answers.map((sent) => String(sent.activity.text)).join('\n')).toMatch(/warranty/i);
    second.child.kill('SIGTERM');
    await second.exited();
    expect(
      stored(
        db,
        "SELECT COUNT(*) AS n FROM messages WHERE channel = 'teams' AND direction = 'in' AND conversation_id = ?",
        conversationId,
      ),
    ).toEqual([{ n: 1 }]);
    expect(
      stored(db, "SELECT COUNT(*) AS n FROM outbox WHERE queue = 'teams' AND state <> 'sent'"),
    ).toEqual([{ n: 0 }]);
    expect(stored(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    await connector.close();
  }
});

test('SMS: killed while Twilio holds the reply open, the restarted app sends it exactly once', async () => {
  const twilio = await startTwilioStandIn();
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-crash-sms-'));
    const env = envFor(dir, {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_WEBHOOK_BASE_URL: PUBLIC_BASE,
      TWILIO_PHONE_NUMBER: BOT_NUMBER,
      TWILIO_API_URL: twilio.apiUrl,
    });
    const customer = '+15550009991';
    const sid = 'SMcrash0000000000000000000000001';
    const first = start(env);
    const url = await first.url;
    twilio.log.holdNext('messages.create');
    // The webhook is answered after the first attempt, which never ends: the kill ends it.
    const webhook = twilio.sms(url, customer, 'How long is the warranty?', sid).then(
      () => 'answered',
      () => 'cut off',
    );
    await twilio.log.waitUntil(
      () => twilio.log.arrivals.includes('messages.create'),
      'the reply on its way, held open',
    );
    await kill(first);
    expect(await webhook).toBe('cut off');
    expect(twilio.sent()).toEqual([]);
    const db = path.join(dir, 'bot.db');
    expect(
      stored(db, "SELECT message_id FROM messages WHERE channel = 'sms' AND direction = 'in'"),
    ).toEqual([{ message_id: sid }]);
    const jobs = stored(db, "SELECT state FROM outbox WHERE queue = 'sms'") as { state: string }[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.some((job) => job.state === 'sent')).toBe(false);

    const second = start(env);
    const again = await second.url;
    await twilio.log.waitUntil(
      () => twilio.sent().filter((sms) => sms.to === customer).length >= jobs.length,
      'the committed replies sent',
    );
    // Twilio delivering the same MessageSid again: not processed a second time, nothing sent.
    expect(await twilio.sms(again, customer, 'How long is the warranty?', sid)).toEqual([]);
    // Another customer's answer after it: a reply sent twice would show by then.
    expect(await twilio.sms(again, '+15550009992', 'How long is the warranty?')).not.toEqual([]);
    const answers = twilio.sent().filter((sms) => sms.to === customer);
    expect(answers).toHaveLength(jobs.length);
    expect(answers.map((sms) => sms.from)).toEqual(answers.map(() => BOT_NUMBER));
    expect(answers.map((sms) => sms.body).join('\n')).toMatch(/warranty/i);
    second.child.kill('SIGTERM');
    await second.exited();
    expect(
      stored(
        db,
        "SELECT COUNT(*) AS n FROM messages WHERE channel = 'sms' AND direction = 'in' AND conversation_id = ?",
        customer,
      ),
    ).toEqual([{ n: 1 }]);
    expect(
      stored(db, "SELECT COUNT(*) AS n FROM outbox WHERE queue = 'sms' AND state <> 'sent'"),
    ).toEqual([{ n: 0 }]);
    expect(stored(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    await twilio.close();
  }
});

test('Slack: killed while chat.postMessage is held open, the reply arrives exactly once after the redelivery', async () => {
  const slack = await startSlackStandIn();
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-crash-slack-'));
    const signingSecret = 'crash-test-signing-secret-0123456789';
    const env = envFor(dir, {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
    });
    const channel = 'D0CRASH01';
    const event = JSON.stringify(
      eventEnvelope(directMessage('How long is the warranty?', 'U0CUSTOMER1', channel)),
    );
    const deliver = (url: string, retryNum?: number) =>
      postToApp(`${url}/slack/events`, event, 'application/json', {
        signingSecret,
        ...(retryNum === undefined ? {} : { retryNum }),
      });
    const first = start(env);
    const url = await first.url;
    slack.log.holdNext('chat.postMessage');
    // The event is acknowledged after it was handled, so the held reply holds the ack too.
    const acknowledged = deliver(url).then(
      () => 'acknowledged',
      () => 'cut off',
    );
    await slack.log.waitUntil(
      () => slack.log.arrivals.includes('chat.postMessage'),
      'the reply on its way, held open',
    );
    await kill(first);
    expect(await acknowledged).toBe('cut off');
    expect(slack.posts()).toEqual([]);
    const db = path.join(dir, 'bot.db');
    const eventId = (JSON.parse(event) as { event_id: string }).event_id;
    expect(
      stored(db, "SELECT message_id FROM messages WHERE channel = 'slack' AND direction = 'in'"),
    ).toEqual([{ message_id: eventId }]);
    const jobs = stored(db, "SELECT state FROM outbox WHERE queue = 'slack'") as {
      state: string;
    }[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.some((job) => job.state === 'sent')).toBe(false);

    const second = start(env);
    const again = await second.url;
    // Slack retries the event it never got a 200 for: the same event_id, x-slack-retry-num 1.
    expect((await deliver(again, 1)).status).toBe(200);
    await slack.log.waitUntil(
      () => slack.posts().filter((post) => post.channel === channel).length >= jobs.length,
      'the committed replies sent',
    );
    // Another conversation's answer after it: a reply sent twice would show by then.
    const other = await postToApp(
      `${again}/slack/events`,
      JSON.stringify(
        eventEnvelope(directMessage('How long is the warranty?', 'U0CUSTOMER2', 'D0CRASH02')),
      ),
      'application/json',
      { signingSecret },
    );
    expect(other.status).toBe(200);
    await slack.log.waitUntil(
      () => slack.posts().some((post) => post.channel === 'D0CRASH02'),
      'the other conversation answered',
    );
    const answers = slack.posts().filter((post) => post.channel === channel);
    expect(answers).toHaveLength(jobs.length);
    expect(answers.map((post) => post.text).join('\n')).toMatch(/warranty/i);
    second.child.kill('SIGTERM');
    await second.exited();
    expect(
      stored(
        db,
        "SELECT COUNT(*) AS n FROM messages WHERE channel = 'slack' AND direction = 'in' AND conversation_id = ?",
        channel,
      ),
    ).toEqual([{ n: 1 }]);
    expect(
      stored(db, "SELECT COUNT(*) AS n FROM outbox WHERE queue = 'slack' AND state <> 'sent'"),
    ).toEqual([{ n: 0 }]);
    expect(stored(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    await slack.close();
  }
});
