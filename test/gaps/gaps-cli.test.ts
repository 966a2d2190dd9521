/**
 * `aftercare gaps`: customers ask, in three languages, things the knowledge does not answer;
 * the report clusters them with counts and the nearest entry, and its drafts pass the check.
 */
import { cpSync, readdirSync } from 'node:fs';
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
