/**
 * Live replies over Server-Sent Events against the real app: the stream sends what is stored after
 * the client's Last-Event-ID, a reply stored while the stream is open arrives on it, and a
 * reconnect from the last id it saw resumes there: nothing is shown twice, nothing is missed.
 */
import { startApp, type RunningApp } from '../helpers/start-app';
import { removeTempDirs } from '../helpers/temp-dir';

jest.setTimeout(60_000);
let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await running?.close();
  removeTempDirs();
});

interface LiveEvent {
  id: number;
  reply: { text?: string };
}

/** Reads events from GET /webchat/events until `count` replies came, then hangs up. */
async function readEvents(token: string, count: number, lastEventId?: number) {
  const controller = new AbortController();
  const response = await fetch(`${running.url}/webchat/events`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: LiveEvent[] = [];
  let buffer = '';
  const whenOpen = (async () => {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .find((line) => line.startsWith('data: '))
          ?.slice('data: '.length);
        if (data) events.push(JSON.parse(data) as LiveEvent);
      }
    }
    controller.abort();
    return events;
  })().catch((error: unknown) => {
    if ((error as Error).name === 'AbortError') return events;
    throw error;
  });
  return whenOpen;
}

let sequence = 0;
async function say(token: string, text: string): Promise<void> {
  const response = await fetch(`${running.url}/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messageId: `e-${(sequence += 1)}`, text }),
  });
  expect(response.status).toBe(200);
}

describe('web chat live events', () => {
  it('a reconnect from the last id resumes there: every reply once, in order', async () => {
    const created = await fetch(`${running.url}/webchat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const { token } = (await created.json()) as { token: string };
    await say(token, 'How long is the warranty?');
    const first = await readEvents(token, 1);
    expect(first).toHaveLength(1);
    expect(first[0]!.reply.text).toMatch(/warranty/i);

    // While the stream is open, the next answer arrives on it.
    const second = readEvents(token, 1, first[0]!.id);
    await say(token, 'What are your opening hours?');
    const live = await second;
    expect(live).toHaveLength(1);
    expect(live[0]!.id).toBeGreaterThan(first[0]!.id);

    // Offline for two answers, then back from the last id seen: those two, nothing older.
    await say(token, 'Where is your branch in Hanoi?');
    await say(token, 'Can I return a phone?');
    const resumed = await readEvents(token, 2, live[0]!.id);
    expect(resumed).toHaveLength(2);
    const seen = [...first, ...live, ...resumed].map((event) => event.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // From the start, the whole conversation comes back once, in the same order.
    const everything = await readEvents(token, seen.length, 0);
    expect(everything.map((event) => event.id)).toEqual(seen);
  });
});
