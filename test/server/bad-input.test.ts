/**
 * The "Bad input" list through the real web chat endpoint: empty and whitespace-only
 * text, control characters, lone surrogates and invalid UTF-8, emoji only, mixed scripts, a
 * language that is not configured, a long message. Each gets a sensible reply (never a stack
 * trace, never the "something went wrong" of a failed turn), and a conversation stored before
 * them is intact afterwards.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { TranscriptEntry } from '../../src/core/ports';
import { getJson, postJson, webchatSessions } from '../helpers/http';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { removeTempDirs } from '../helpers/temp-dir';

interface ReplyBody {
  kind: string;
  text: string;
  locale: string;
  choices: { id: string; label: string }[];
}
interface MessagesBody {
  replies: ReplyBody[];
  cursor: number;
}

const messages = parse(
  readFileSync(path.join(repoRoot, 'knowledge', 'messages.yaml'), 'utf8'),
) as Record<string, Record<string, string>>;
const turnErrorTexts = Object.values(messages['turn-error'] ?? {});

let running: RunningApp;
let messagesUrl: string;
let sequence = 0;
const sessions = webchatSessions(() => running.url);

/** Each input in its own conversation: consecutive fallbacks in one would end in a hand-off. */
async function send(text: string, conversationId = `bad-${++sequence}`): Promise<MessagesBody> {
  const response = await postJson<MessagesBody>(
    messagesUrl,
    { messageId: `m-${++sequence}`, text },
    undefined,
    await sessions.auth(conversationId),
  );
  expect(response.status).toBe(200);
  return response.body;
}

function expectSensible(body: MessagesBody): ReplyBody {
  expect(body.replies.length).toBeGreaterThan(0);
  for (const reply of body.replies) {
    expect(['answer', 'clarify', 'handoff']).toContain(reply.kind);
    expect(reply.text.trim()).not.toBe('');
    expect(running.app.config.locales).toContain(reply.locale);
    expect(reply.text).not.toMatch(/^\s+at .+:\d+:\d+/m);
    expect(reply.text).not.toMatch(/Error:|undefined|\[object Object\]|\{[a-z]+\}/);
    expect(turnErrorTexts).not.toContain(reply.text);
    for (const choice of reply.choices) expect(choice.label.trim()).not.toBe('');
  }
  return body.replies[0]!;
}

const keepName = 'keep-this-one';
let keep: { channel: string; conversationId: string };
let storedBefore: TranscriptEntry[];

beforeAll(async () => {
  running = await startApp();
  messagesUrl = `${running.url}/webchat/messages`;
  // A conversation that exists before any bad input arrives.
  keep = { channel: 'webchat', conversationId: await sessions.idOf(keepName) };
  await send('Hello', keepName);
  await send('How long is the warranty?', keepName);
  storedBefore = await running.app.store.transcript(keep);
});
afterAll(async () => {
  await running?.close();
  removeTempDirs();
});

describe('bad input gets a sensible reply', () => {
  it('the conversation stored first really has both turns', async () => {
    expect(
      storedBefore.filter((entry) => entry.direction === 'in').map((entry) => entry.text),
    ).toEqual(['Hello', 'How long is the warranty?']);
    expect(storedBefore.filter((entry) => entry.direction === 'out').length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it.each([
    ['empty text', ''],
    ['whitespace only', ' \t\n  \u00A0 '],
    ['emoji only', '😀👍🙏'],
    ['control characters only', '\u0000\u0007\u001B\u007F'],
    ['lone surrogates only', '\uD800\uDFFF\uDBFF'],
  ])('%s: asked to type a question', async (_name, text) => {
    const reply = expectSensible(await send(text));
    expect(reply).toMatchObject({
      kind: 'answer',
      locale: 'en',
      text: messages['empty-message']?.en,
    });
  });

  it('an empty message with a Persian browser is asked in Persian', async () => {
    const response = await postJson<MessagesBody>(
      messagesUrl,
      { messageId: `m-${++sequence}`, text: '', locale: 'fa-IR' },
      undefined,
      await sessions.auth(`bad-${++sequence}`),
    );
    expect(expectSensible(response.body)).toMatchObject({
      locale: 'fa',
      text: messages['empty-message']?.fa,
    });
  });

  it('control characters and bidi overrides around a real question are dropped, the question answered', async () => {
    const reply = expectSensible(await send('\u0000How\u0007 long is\u202E the warranty?\u001B'));
    expect(reply.text).not.toBe(messages['empty-message']?.en);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(reply.text).not.toMatch(/[\u0000-\u0008\u202E]/);
  });

  it('lone surrogates inside a question are dropped', async () => {
    const reply = expectSensible(await send('How long\uD800 is the warranty?\uDC00'));
    expect(reply.text).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/);
  });

  it('invalid UTF-8 bytes in the body are read as replacement characters, not a crash', async () => {
    const head = Buffer.from(`{"messageId":"m-${++sequence}","text":"`);
    const response = await postJson<MessagesBody>(
      messagesUrl,
      Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
      undefined,
      await sessions.auth(`bad-${++sequence}`),
    );
    expect(response.status).toBe(200);
    expect(expectSensible(response.body).text).toBe(messages['empty-message']?.en);
  });

  it('mixed scripts in one message get a reply in a configured language', async () => {
    expectSensible(await send('warranty گارانتی bảo hành εγγύηση гаранција உத்தரவாதம்'));
  });

  it('a question in German (not configured) gets a sensible reply', async () => {
    expectSensible(await send('Wie lange gilt die Garantie auf meine Waschmaschine?'));
  });

  it('a question in Chinese (not configured) is told which languages the bot speaks', async () => {
    const reply = expectSensible(await send('我的洗衣机保修期多长时间？'));
    expect(reply.text).toContain('English');
    expect(reply.text).toContain('فارسی');
  });

  it('a message longer than maxMessageChars is cut, the customer told, and still answered', async () => {
    const long = `How long is the warranty? ${'really '.repeat(1000)}`;
    expect(long.length).toBeGreaterThan(running.app.config.maxMessageChars);
    const body = await send(long);
    expectSensible(body);
    expect(body.replies[0]!.text).toBe(messages['too-long']?.en);
    expect(body.replies.length).toBeGreaterThanOrEqual(2);
  });
});

describe('after all the bad input', () => {
  it('the server still answers health checks and good questions', async () => {
    expect((await getJson(`${running.url}/healthz`)).status).toBe(200);
    expectSensible(await send('How long is the warranty?'));
  });

  it('nothing stored before is lost or changed', async () => {
    expect(await running.app.store.transcript(keep)).toEqual(storedBefore);
    const updates = await getJson<{ replies: ReplyBody[] }>(
      `${running.url}/webchat/updates?after=0`,
      await sessions.auth(keepName),
    );
    expect(updates.status).toBe(200);
    expect(updates.body.replies.map((reply) => reply.text)).toEqual(
      storedBefore.filter((entry) => entry.direction === 'out').map((entry) => entry.text),
    );
  });

  it('and the stored bad inputs are clean text (no control characters or lone surrogates in the database)', async () => {
    const rows = running.app.db
      .prepare("SELECT text FROM messages WHERE direction = 'in'")
      .all() as { text: string }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(row.text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
      expect(row.text).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
  });
});
