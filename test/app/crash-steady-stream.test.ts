/**
 * Issue 10: the app killed (SIGKILL, a real child process) in the middle of a steady stream of
 * web chat messages from several clients at once, then started again on the same SQLite file.
 * Every message that got a 2xx has its replies stored: posted again with the same messageId, it
 * gets the same replies back, without being processed again. No message is stored twice, and the
 * file passes `PRAGMA integrity_check` right after the kill and at the end.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startBot, type BotProcess } from '../helpers/bot-process';
import { repoRoot } from '../helpers/paths';

// Two starts of the app (a knowledge build each) and a stream in between.
jest.setTimeout(180_000);

const CLIENTS = 8;
/** Answered messages before the kill: enough that the stream is well under way. */
const ANSWERED_BEFORE_KILL = 60;
const QUESTIONS = [
  'How long is the warranty?',
  'What are your opening hours?',
  'Πόσο διαρκεί η εγγύηση για ένα λάπτοπ;',
  'Where is your nearest branch?',
  'گارانتی لپ تاپ چقدر است؟',
];

interface Reply {
  readonly text: string;
}
interface Answer {
  readonly replies: Reply[];
}
interface Posted {
  readonly client: number;
  readonly messageId: string;
  readonly text: string;
  /** The HTTP status, or null when the request got no answer (the kill). */
  readonly status: number | null;
  readonly replies: Reply[] | null;
}

const running: BotProcess[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited();
    }
  }
});

/** The shipped knowledge with the web chat's rate limits lifted: one address sends it all. */
function appRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aftercare-stream-'));
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as {
    webchat?: object;
  };
  const unlimited = { perMinute: 100_000_000, burst: 1_000_000 };
  writeFileSync(
    path.join(root, 'bot.config.json'),
    JSON.stringify({
      ...config,
      webchat: { ...config.webchat, rateLimit: { perToken: unlimited, perAddress: unlimited } },
    }),
  );
  for (const folder of ['knowledge', 'intents'])
    symlinkSync(path.join(repoRoot, folder), path.join(root, folder));
  return root;
}

function start(root: string): BotProcess {
  const bot = startBot({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AFTERCARE_PORT: '0',
    AFTERCARE_ROOT: root,
    AFTERCARE_DB: path.join(root, 'bot.db'),
  });
  running.push(bot);
  return bot;
}

function query(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

async function session(url: string): Promise<string> {
  const response = await fetch(`${url}/webchat/sessions`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`POST /webchat/sessions: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function post(
  url: string,
  token: string,
  messageId: string,
  text: string,
): Promise<{ status: number; replies: Reply[] }> {
  const response = await fetch(`${url}/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messageId, text }),
  });
  const body = (await response.json()) as Partial<Answer>;
  return { status: response.status, replies: body.replies ?? [] };
}

test('killed in a steady stream of web chat messages, every answered message keeps its replies, none twice', async () => {
  const root = appRoot();
  const db = path.join(root, 'bot.db');
  const first = start(root);
  const url = await first.url;
  const tokens = await Promise.all(Array.from({ length: CLIENTS }, () => session(url)));
  const posted: Posted[] = [];
  let answered = 0;
  let killed: Promise<void> | null = null;
  const kill = (): Promise<void> => {
    killed ??= (async () => {
      first.child.kill('SIGKILL');
      await first.exited();
    })();
    return killed;
  };

  // Each client posts its next message as soon as the last one was answered, until one is not.
  const client = async (index: number): Promise<void> => {
    const token = tokens[index] as string;
    for (let sequence = 1; ; sequence += 1) {
      const messageId = `c${index}-m${sequence}`;
      const text = QUESTIONS[(index + sequence) % QUESTIONS.length] as string;
      try {
        const { status, replies } = await post(url, token, messageId, text);
        posted.push({ client: index, messageId, text, status, replies });
        if (status >= 200 && status < 300) answered += 1;
        if (answered >= ANSWERED_BEFORE_KILL) void kill();
      } catch {
        posted.push({ client: index, messageId, text, status: null, replies: null });
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
  await kill();

  const ok = posted.filter((entry) => entry.status !== null && entry.status < 300);
  expect(ok.length).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL);
  // Nothing but 2xx before the kill, and every client was cut off mid-request.
  expect(posted.filter((entry) => entry.status !== null && entry.status >= 300)).toEqual([]);
  expect(posted.filter((entry) => entry.status === null)).toHaveLength(CLIENTS);
  expect(ok.every((entry) => (entry.replies ?? []).length > 0)).toBe(true);
  expect(query(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);

  const second = start(root);
  const again = await second.url;
  // Every message posted again: an answered one returns what it returned before, from the
  // database; one cut off by the kill is answered now (stored then or not).
  for (const entry of posted) {
    const repeated = await post(again, tokens[entry.client] as string, entry.messageId, entry.text);
    expect({ messageId: entry.messageId, status: repeated.status }).toEqual({
      messageId: entry.messageId,
      status: 200,
    });
    if (entry.replies !== null)
      expect({ messageId: entry.messageId, replies: repeated.replies }).toEqual({
        messageId: entry.messageId,
        replies: entry.replies,
      });
    else expect(repeated.replies.length).toBeGreaterThan(0);
  }
  second.child.kill('SIGTERM');
  await second.exited();

  // Each message once in the transcript, and each with its replies stored after it.
  expect(
    query(
      db,
      "SELECT conversation_id, message_id, COUNT(*) AS n FROM messages WHERE channel = 'webchat' AND direction = 'in' GROUP BY conversation_id, message_id HAVING n > 1",
    ),
  ).toEqual([]);
  expect(
    query(db, "SELECT COUNT(*) AS n FROM messages WHERE channel = 'webchat' AND direction = 'in'"),
  ).toEqual([{ n: posted.length }]);
  expect(
    query(
      db,
      `SELECT m.message_id FROM messages m WHERE m.channel = 'webchat' AND m.direction = 'in'
         AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.channel = 'webchat' AND r.direction = 'out'
           AND r.conversation_id = m.conversation_id AND r.id > m.id)`,
    ),
  ).toEqual([]);
  expect(query(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
});
