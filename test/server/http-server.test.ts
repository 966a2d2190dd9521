/**
 * The embedded HTTP server of the real app: health, the web chat endpoint, and clear 4xx answers
 * for malformed requests (bad JSON, wrong content type, a body over the limit, a missing field,
 * an unknown path, the wrong method), after which the server keeps answering.
 */
import { getJson, postChunked, postJson, webchatSessions } from '../helpers/http';
import { startApp, type RunningApp } from '../helpers/start-app';
import { removeTempDirs } from '../helpers/temp-dir';

interface ReplyBody {
  kind: string;
  text: string;
  locale: string;
  choices: { id: string; label: string }[];
  faq: string | null;
  intent: string | null;
}
interface MessagesBody {
  replies: ReplyBody[];
  cursor: number;
}
interface ErrorBody {
  error: string;
}

let running: RunningApp;
let messagesUrl: string;
let sequence = 0;
const message = (fields: Record<string, unknown> = {}): Record<string, unknown> => {
  sequence += 1;
  return {
    messageId: `m-${sequence}`,
    text: 'How long is the warranty?',
    ...fields,
  };
};

const sessions = webchatSessions(() => running.url);
/** POSTs to /webchat/messages in a conversation of its own (or the named one). */
async function postMessage<T>(
  body: unknown,
  contentType?: string,
  conversation = `server-${(sequence += 1)}`,
) {
  return postJson<T>(messagesUrl, body, contentType, await sessions.auth(conversation));
}

beforeAll(async () => {
  running = await startApp();
  messagesUrl = `${running.url}/webchat/messages`;
});
afterAll(async () => {
  await running?.close();
  removeTempDirs();
});

async function expectServerAnswers(): Promise<void> {
  const health = await getJson<{ status: string }>(`${running.url}/healthz`);
  expect(health.status).toBe(200);
  const good = await postMessage<MessagesBody>(message());
  expect(good.status).toBe(200);
  expect(good.body.replies.length).toBeGreaterThan(0);
}

describe('GET /healthz', () => {
  it('is 200 JSON with the schema version and what knowledge is loaded', async () => {
    const response = await getJson<{
      status: string;
      schemaVersion: number;
      faqs: number;
      intents: number;
      since: string;
    }>(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ status: 'ok' });
    expect(response.body.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(response.body.faqs).toBeGreaterThanOrEqual(25);
    expect(response.body.intents).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(response.body.since))).toBe(false);
  });

  it('listens where start() said, on 127.0.0.1 and the free port it was given', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.url).not.toMatch(/:0$/);
  });
});

describe('POST /webchat/messages', () => {
  it('a good message gets 200 with replies and a cursor', async () => {
    const response = await postMessage<MessagesBody>(message());
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.body.replies.length).toBeGreaterThan(0);
    for (const reply of response.body.replies) {
      expect(['answer', 'clarify', 'handoff']).toContain(reply.kind);
      expect(reply.text.trim()).not.toBe('');
      expect(reply.locale).toBe('en');
    }
    expect(response.body.cursor).toBeGreaterThan(0);
  });

  it('a redelivered message id is processed once and answered again with the stored replies', async () => {
    const body = message();
    const first = await postMessage<MessagesBody>(body, undefined, 'redelivered');
    expect(first.body.replies.length).toBeGreaterThan(0);
    const again = await postMessage<MessagesBody>(body, undefined, 'redelivered');
    expect(again.status).toBe(200);
    expect(again.body.replies).toEqual(first.body.replies);
  });

  it('bad JSON is 400', async () => {
    const response = await postMessage<ErrorBody>('{"conversationId": "c", "messageId": ');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/not valid JSON/);
  });

  it('a JSON body that is not an object is 400', async () => {
    const response = await postMessage<ErrorBody>('"just a string"');
    expect(response.status).toBe(400);
  });

  it('a content type other than JSON is 415', async () => {
    const response = await postMessage<ErrorBody>(
      'text=hello',
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(415);
    expect(response.body.error).toMatch(/application\/json/);
  });

  it('a 1 MB message is 413, and the server keeps answering afterwards', async () => {
    const response = await postMessage<ErrorBody>(message({ text: 'a'.repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.error).toMatch(/larger than \d+ bytes/);
    await expectServerAnswers();
  });

  it('a 1 MB body sent in chunks without a length is 413 too, and the server keeps answering', async () => {
    const body = Buffer.from(JSON.stringify(message({ text: 'b'.repeat(1024 * 1024) })));
    const response = await postChunked(messagesUrl, body);
    expect(response.status).toBe(413);
    await expectServerAnswers();
  });

  it("a conversationId other than the token's is 403", async () => {
    const response = await postMessage<ErrorBody>(message({ conversationId: 'someone-else' }));
    expect(response.status).toBe(403);
    expect(response.body.error).toMatch(/another conversation/);
  });

  it('a missing messageId is 400 naming the field', async () => {
    const { messageId: _dropped, ...body } = message();
    const response = await postMessage<ErrorBody>(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^messageId: /);
  });

  it('text that is not a string is 400 naming the field', async () => {
    const response = await postMessage<ErrorBody>(message({ text: 42 }));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^text: /);
  });

  it('an unknown field is 400 naming it', async () => {
    const response = await postMessage<ErrorBody>(message({ txet: 'typo' }));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/txet/);
  });

  it('a conversation id with characters outside letters, digits and _ : . - is 400', async () => {
    const response = await postMessage<ErrorBody>(message({ conversationId: '../../etc/passwd' }));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^conversationId: /);
  });
});

describe('routing', () => {
  it('an unknown path is 404 JSON', async () => {
    const response = await getJson<ErrorBody>(`${running.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not found' });
  });

  it('GET on a POST route is 405', async () => {
    const response = await getJson<ErrorBody>(messagesUrl);
    expect(response.status).toBe(405);
    expect(response.body).toEqual({ error: 'method not allowed' });
  });

  it('POST on a GET route is 405', async () => {
    const response = await postJson<ErrorBody>(`${running.url}/healthz`, {});
    expect(response.status).toBe(405);
  });

  it('the updates endpoint without a session token is 401', async () => {
    const response = await getJson<ErrorBody>(`${running.url}/webchat/updates`);
    expect(response.status).toBe(401);
    expect(response.body.error).toMatch(/Bearer/);
  });

  it('the web chat page and its assets are served', async () => {
    for (const [route, type] of [
      ['/', /^text\/html/],
      ['/webchat/app.js', /^text\/javascript/],
      ['/webchat/style.css', /^text\/css/],
    ] as const) {
      const response = await fetch(`${running.url}${route}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect((await response.text()).length).toBeGreaterThan(100);
    }
  });
});
