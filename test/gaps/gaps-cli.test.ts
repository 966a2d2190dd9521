/**
 * `aftercare gaps`: customers ask, in three languages, things the knowledge does not answer;
 * the report clusters them with counts and the nearest entry, and its drafts pass the check.
 */
import Database from 'better-sqlite3';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const asked: Record<string, string[]> = {
  en: ['Do you sell gift cards?', 'do you sell gift cards', 'Do you sell gift cards here?'],
  fa: ['کارت هدیه می‌فروشید؟', 'کارت هدیه می‌فروشید'],
  vi: ['Bên bạn có bán thẻ quà tặng không?', 'bên bạn có bán thẻ quà tặng không'],
};

test('repeated unanswered questions in three languages are clustered, counted and drafted', async () => {
  const dir = makeTempDir('aftercare-gaps-');
  const env = { AFTERCARE_DB: path.join(dir, 'gaps.db') };
  let day = 1;
  const app = createApp({
    rootDir: repoRoot,
    env,
    logger: silentLogger,
    channels: 'none',
    clock: { now: () => new Date(Date.UTC(2026, 4, day, 9)) },
  });
  let n = 0;
  const send = (text: string, extra: { choiceId?: string } = {}) =>
    app.handle({
      channel: 'webchat',
      conversationId: `c${n}`,
      userId: `u${n}`,
      messageId: `m${n++}`,
      text,
      ...extra,
      receivedAt: app.clock.now(),
    });
  for (const questions of Object.values(asked))
    for (const question of questions) {
      await send(question);
      day++;
    }
  // Answered well: not a gap.
  await send('How long is the warranty?');
  await app.close();

  const result = await runAftercare(['gaps', '--json'], { rootDir: repoRoot, env });
  expect(result.code).toBe(0);
  const clusters = JSON.parse(result.stdout) as {
    locale: string;
    count: number;
    examples: string[];
    nearest: { id: string; score: number } | null;
    firstSeen: string;
    lastSeen: string;
  }[];
  expect(clusters.map((cluster) => [cluster.locale, cluster.count])).toEqual([
    ['en', 3],
    ['fa', 2],
    ['vi', 2],
  ]);
  const en = clusters[0]!;
  expect(en.examples).toEqual(expect.arrayContaining(asked.en!));
  expect(en.firstSeen).toBe('2026-05-01T09:00:00.000Z');
  expect(en.lastSeen).toBe('2026-05-03T09:00:00.000Z');
  for (const cluster of clusters) {
    expect(cluster.nearest?.id).toMatch(/^(faq|intent):[a-z-]+$/);
    expect(cluster.nearest!.score).toBeLessThan(0.5);
  }
  expect(JSON.stringify(clusters)).not.toContain('How long is the warranty');

  const only = await runAftercare(['gaps', '--json', '--locale', 'fa'], { rootDir: repoRoot, env });
  expect((JSON.parse(only.stdout) as unknown[]).length).toBe(1);

  // Drafts: copied into a copy of the knowledge, the check passes.
  const project = makeTempDir('aftercare-gaps-project-');
  for (const part of ['bot.config.json', 'knowledge', 'intents'])
    cpSync(path.join(repoRoot, part), path.join(project, part), { recursive: true });
  const drafts = path.join(dir, 'drafts');
  const written = await runAftercare(['gaps', '--write', drafts], { rootDir: repoRoot, env });
  expect(written.code).toBe(0);
  expect(written.stdout).toContain('3 × [en]');
  const files = readdirSync(path.join(drafts, 'faq'));
  expect(files.length).toBeGreaterThanOrEqual(1);
  cpSync(path.join(drafts, 'faq'), path.join(project, 'knowledge', 'faq'), { recursive: true });
  const check = await runAftercare(['check'], { rootDir: project });
  expect(check.stderr).not.toContain('error');
  expect(check.code).toBe(0);
}, 60_000);

test('a bad date is a usage error', async () => {
  const result = await runAftercare(['gaps', '--since', 'yesterday-ish']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('usage: aftercare gaps');
});

test('"that\'s not what I asked" after an answer is reported as answer-rejected', async () => {
  const dir = makeTempDir('aftercare-gaps-rejected-');
  const env = { AFTERCARE_DB: path.join(dir, 'gaps.db') };
  const app = createApp({ rootDir: repoRoot, env, logger: silentLogger, channels: 'none' });
  for (const [index, text] of ['How long is the warranty?', "That's not what I asked"].entries())
    await app.handle({
      channel: 'webchat',
      conversationId: 'rejected',
      userId: 'u1',
      messageId: `m${index}`,
      text,
      receivedAt: app.clock.now(),
    });
  await app.close();
  const result = await runAftercare(['gaps', '--json'], { rootDir: repoRoot, env });
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual([
    expect.objectContaining({
      locale: 'en',
      count: 1,
      examples: ['How long is the warranty?'],
      kinds: { 'answer-rejected': 1 },
    }),
  ]);
}, 60_000);

test('--since and --channel filter, examples stop at 5, a near answer drafts variants, progress shows', async () => {
  const dir = makeTempDir('aftercare-gaps-filters-');
  const dbPath = path.join(dir, 'gaps.db');
  const env = { AFTERCARE_DB: dbPath };
  let day = 1;
  const app = createApp({
    rootDir: repoRoot,
    env,
    logger: silentLogger,
    channels: 'none',
    clock: { now: () => new Date(Date.UTC(2026, 4, day, 9)) },
  });
  let n = 0;
  const send = (channel: string, conversationId: string, text: string) =>
    app.handle({
      channel,
      conversationId,
      userId: conversationId,
      messageId: `m${n++}`,
      text,
      receivedAt: app.clock.now(),
    });
  // Seven wordings of one question on Telegram, one a day from 1 May.
  const giftCards = [
    'Do you sell gift cards?',
    'do you sell gift cards',
    'Do you sell gift cards here?',
    'Do you sell gift cards online?',
    'Do you sell any gift cards?',
    'Do you still sell gift cards?',
    'Do you sell gift cards in shops?',
  ];
  for (const question of giftCards) {
    await send('telegram', `t${day}`, question);
    day++;
  }
  // On the web chat on 10 May: an answer the customer says missed the point.
  day = 10;
  await send('webchat', 'w1', 'how many years does the warranty last');
  await send('webchat', 'w1', "That's not what I asked");
  await app.close();

  const gaps = async (...args: string[]) => {
    const result = await runAftercare(['gaps', '--json', ...args], { rootDir: repoRoot, env });
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as {
      locale: string;
      count: number;
      examples: string[];
      nearest: { id: string; score: number } | null;
      firstSeen: string;
    }[];
  };
  const all = await gaps();
  expect(all.map((cluster) => cluster.count)).toEqual([7, 1]);
  expect(all[0]!.examples).toHaveLength(5);
  expect(all[1]).toMatchObject({
    examples: ['how many years does the warranty last'],
    nearest: { id: 'faq:warranty-period' },
  });
  expect((await gaps('--channel', 'webchat')).map((cluster) => cluster.count)).toEqual([1]);
  expect((await gaps('--channel', 'telegram')).map((cluster) => cluster.count)).toEqual([7]);
  const since = await gaps('--since', '2026-05-05');
  expect(since.map((cluster) => cluster.count)).toEqual([3, 1]);
  expect(since[0]!.firstSeen).toBe('2026-05-05T09:00:00.000Z');

  // The rejected answer is close to warranty-period: its draft is that entry with a new question.
  const drafts = path.join(dir, 'drafts');
  expect((await runAftercare(['gaps', '--write', drafts], { rootDir: repoRoot, env })).code).toBe(
    0,
  );
  const draft = readFileSync(path.join(drafts, 'faq', 'warranty-period.md'), 'utf8');
  const original = readFileSync(path.join(repoRoot, 'knowledge/faq/warranty-period.md'), 'utf8');
  expect(draft).toContain('how many years does the warranty last');
  expect(original).not.toContain('how many years does the warranty last');
  expect(draft.split('\n').length).toBe(original.split('\n').length + 1);
  const project = makeTempDir('aftercare-gaps-variant-');
  for (const part of ['bot.config.json', 'knowledge', 'intents'])
    cpSync(path.join(repoRoot, part), path.join(project, part), { recursive: true });
  // The variant keeps the entry valid even under --strict (a new entry's skeleton has one language).
  writeFileSync(path.join(project, 'knowledge/faq/warranty-period.md'), draft);
  const check = await runAftercare(['check', '--strict'], { rootDir: project });
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);

  // A long transcript reports its progress on stderr.
  const db = new Database(dbPath);
  const insert = db.prepare(
    `INSERT INTO messages (channel, conversation_id, direction, text, locale, kind, at)
     VALUES ('webchat', ?, 'out', 'Hello', 'en', 'answer', '2026-05-20T09:00:00.000Z')`,
  );
  db.transaction(() => {
    for (let index = 0; index < 10_000; index++) insert.run(`bulk-${index}`);
  })();
  db.close();
  const long = await runAftercare(['gaps', '--json'], { rootDir: repoRoot, env });
  expect(long.code).toBe(0);
  expect(long.stderr).toContain('read 10000/');
  expect(long.stderr).toMatch(/read (\d+)\/\1 transcript lines\n$/);
}, 120_000);
