/**
 * GET /metrics on the real app: a scripted web chat conversation (English, Persian, a duplicate
 * delivery, a request for a person) moves the counters; without the token the answer is 401.
 */
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { postJson, webchatSessions } from '../helpers/http';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const token = 'metrics-test-token';
let app: App;
let url: string;

beforeAll(async () => {
  app = createApp({
    rootDir: repoRoot,
    dbPath: path.join(makeTempDir('aftercare-metrics-'), 'aftercare.db'),
    env: { AFTERCARE_PORT: '0', AFTERCARE_METRICS_TOKEN: token },
    logger: silentLogger,
  });
  url = await app.start();
});
afterAll(async () => {
  await app?.close();
  removeTempDirs();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample line, e.g. `aftercare_messages_total{channel="webchat",locale="en"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith(name) &&
        (candidate[name.length] === ' ' || candidate[name.length] === '{') &&
        wanted.every((label) => candidate.includes(label)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

const sessions = webchatSessions(() => url);
const say = async (name: string, messageId: string, text: string) =>
  postJson(
    `${url}/webchat/messages`,
    { conversationId: await sessions.idOf(name), messageId, text },
    'application/json',
    await sessions.auth(name),
  );

describe('GET /metrics', () => {
  it('answers 401 without the token or with a wrong one, and 200 with it', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await scrape()).toContain('# TYPE aftercare_messages_total counter');
  });

  it('counts messages per channel and locale, decisions, latency and duplicates after a conversation', async () => {
    const before = await scrape();
    expect((await say('m-1', 'm-1-a', 'How long is the warranty?')).status).toBe(200);
    expect((await say('m-1', 'm-1-a', 'How long is the warranty?')).status).toBe(200);
    expect((await say('m-2', 'm-2-a', 'گارانتی چند سال است؟')).status).toBe(200);
    expect((await say('m-3', 'm-3-a', 'I want to talk to a person')).status).toBe(200);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('aftercare_messages_total', { channel: 'webchat', locale: 'en' })).toBe(2);
    expect(moved('aftercare_messages_total', { channel: 'webchat', locale: 'fa' })).toBe(1);
    expect(moved('aftercare_duplicates_ignored_total', { channel: 'webchat' })).toBe(1);
    expect(moved('aftercare_replies_total', { kind: 'answer' })).toBeGreaterThanOrEqual(2);
    expect(moved('aftercare_replies_total', { kind: 'handoff', reason: 'requested' })).toBe(1);
    expect(moved('aftercare_turn_seconds_count')).toBe(3);
    expect(moved('aftercare_match_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(after).toContain('aftercare_outbox_depth');
    expect(moved('aftercare_tickets_open')).toBe(1);
  });

  it('counts service cases not yet closed', async () => {
    const before = sample(await scrape(), 'aftercare_cases_open');
    const cases = createSqliteCaseStore(app.db);
    const opened = await cases.openCase({
      kind: 'repair',
      status: 'received',
      customer: { channel: 'webchat', conversationId: 'w-metrics' },
      userId: 'w-metrics',
      reference: null,
      locale: 'en',
      script: null,
      customerId: null,
      serial: null,
      category: 'phone',
      symptom: 'no-power',
      description: null,
      by: 'customer',
      at: new Date(),
    });
    if (!opened.ok) throw new Error('the case did not open');
    expect(sample(await scrape(), 'aftercare_cases_open')).toBe(before + 1);
  });

  it('counts knowledge reloads', async () => {
    const before = sample(await scrape(), 'aftercare_knowledge_reloads_total', { result: 'ok' });
    expect(await app.reloadKnowledge()).toBeNull();
    expect(sample(await scrape(), 'aftercare_knowledge_reloads_total', { result: 'ok' })).toBe(
      before + 1,
    );
  });
});
