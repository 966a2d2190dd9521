/**
 * Closing the app (what SIGTERM does in `aftercare start`, e.g. in a rolling deploy) answers the
 * requests already in flight before the storage goes: a customer whose message was being read
 * gets the answer, not a reset connection, and nothing is logged as failed. New connections are
 * refused from the start of the close, and an open web chat event stream does not hold it up.
 */
import http from 'node:http';
import path from 'node:path';
import { createApp } from '../../src/app';
import { createTestLogger, type LogLine } from '../adapters/support/test-logger';
import { webchatSessions } from '../helpers/http';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

interface Pending {
  /** Sends the rest of the body. */
  finish(): void;
  readonly response: Promise<{ status: number; body: string }>;
}

/** A POST whose headers and first half of the body are sent now, the rest on `finish()`. */
function halfSent(url: string, headers: Record<string, string>, body: string): Pending {
  const target = new URL(url);
  const request = http.request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
  });
  const cut = Math.floor(body.length / 2);
  request.write(body.slice(0, cut));
  return { finish: () => request.end(body.slice(cut)), response };
}

test('close answers the messages in flight, refuses new connections and ends event streams', async () => {
  const lines: LogLine[] = [];
  const app = createApp({
    rootDir: repoRoot,
    dbPath: path.join(makeTempDir('aftercare-close-'), 'bot.db'),
    env: { AFTERCARE_PORT: '0' },
    logger: createTestLogger(lines),
  });
  const url = await app.start();
  const sessions = webchatSessions(() => url);

  // A customer with the web chat open: its event stream stays open until the close ends it.
  const watcher = await sessions.auth('watcher');
  const stream = await fetch(
    `${url}/webchat/events?conversationId=${await sessions.idOf('watcher')}`,
    { headers: watcher },
  );
  expect(stream.status).toBe(200);
  const streamEnded = stream.body!.pipeTo(new WritableStream()).then(
    () => 'ended',
    () => 'ended',
  );

  const questions = ['How long is the warranty?', 'Πόσο διαρκεί η εγγύηση;', 'گارانتی چقدر است؟'];
  const pending: Pending[] = [];
  for (const [index, text] of questions.entries())
    pending.push(
      halfSent(
        `${url}/webchat/messages`,
        await sessions.auth(`customer-${index}`),
        JSON.stringify({ messageId: `m${index}`, text }),
      ),
    );
  // The server has the requests (their headers) before the close starts.
  await new Promise((resolve) => setTimeout(resolve, 300));

  const before = lines.length;
  const closed = app.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  for (const request of pending) request.finish();

  const answers = await Promise.all(pending.map((request) => request.response));
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { replies: { kind: string }[] };
    expect(body.replies[0]?.kind).toBe('answer');
  }
  await closed;
  expect(await streamEnded).toBe('ended');
  const troubles = lines
    .slice(before)
    .filter((line) => line.level !== 'debug' && line.level !== 'info');
  expect(troubles).toEqual([]);
});
