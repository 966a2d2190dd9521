/**
 * The running bot follows every edit of a knowledge file, however the file is written: an
 * editor's save (a new file renamed over the old one), `git checkout`, an in-place write. Each
 * version is answered in turn, and /healthz names the version and the last failed reload.
 */
import { execFileSync } from 'node:child_process';
import { openSync, renameSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { getJson, postJson, webchatSessions } from '../helpers/http';
import { shippedProjectCopy } from '../helpers/knowledge-tree';

const entry = (answer: string) => `---
id: gift-wrapping
tags: [sales]
questions:
  en:
    - Do you offer gift wrapping?
    - Can you wrap my purchase as a present?
---

## en
${answer}
`;

interface Health {
  knowledgeVersion: string;
  lastFailedReload: { error: string; version: string } | null;
}

function copyProjectIntoGit(): string {
  const dir = shippedProjectCopy('aftercare-watch-');
  writeFileSync(path.join(dir, 'knowledge/faq/gift-wrapping.md'), entry('Wrapped in paper v0.'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'admin',
        GIT_AUTHOR_EMAIL: 'admin@example.com',
        GIT_COMMITTER_NAME: 'admin',
        GIT_COMMITTER_EMAIL: 'admin@example.com',
      },
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'knowledge');
  return dir;
}

async function answerTo(app: App, text: string, id: string): Promise<string> {
  const [reply] = await app.handle({
    channel: 'test',
    conversationId: id,
    userId: 'u',
    messageId: id,
    text,
    receivedAt: new Date(),
  });
  return reply?.text ?? '';
}

/** Asks until the answer contains `marker` (the watcher notices within a second; training on a busy machine takes a few more). */
async function eventuallyAnswers(app: App, marker: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  let last = '';
  for (let n = 0; Date.now() < deadline; n++) {
    last = await answerTo(app, 'Do you offer gift wrapping?', `${marker}-${n}`);
    if (last.includes(marker)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('hot reload follows every edit of the same file', () => {
  let dir: string;
  let app: App;
  let url: string;

  beforeAll(async () => {
    dir = copyProjectIntoGit();
    app = createApp({
      rootDir: dir,
      dbPath: path.join(dir, 'test.db'),
      env: { AFTERCARE_PORT: '0' },
      logger: silentLogger,
      channels: 'none',
      watchKnowledge: true,
    });
    url = await app.start();
  });
  afterAll(() => app.close());

  test('replace, git checkout, in-place edit: each version answered; a broken edit is reported', async () => {
    const file = path.join(dir, 'knowledge/faq/gift-wrapping.md');
    expect(await answerTo(app, 'Do you offer gift wrapping?', 'first')).toContain('v0');
    const versions = [(await getJson<Health>(`${url}/healthz`)).body.knowledgeVersion];

    // 1. An editor's save: the new content is written beside and renamed over the file.
    writeFileSync(`${file}.tmp`, entry('Wrapped in silk v1.'));
    renameSync(`${file}.tmp`, file);
    expect(await eventuallyAnswers(app, 'v1')).toContain('silk v1');
    versions.push((await getJson<Health>(`${url}/healthz`)).body.knowledgeVersion);

    // 2. git checkout puts the committed version back.
    execFileSync('git', ['checkout', '--', 'knowledge/faq/gift-wrapping.md'], { cwd: dir });
    expect(await eventuallyAnswers(app, 'v0')).toContain('paper v0');
    versions.push((await getJson<Health>(`${url}/healthz`)).body.knowledgeVersion);

    // 3. An in-place write into the same inode.
    const handle = openSync(file, 'r+');
    writeSync(handle, entry('Wrapped in foil v3.'), 0);
    closeSync(handle);
    expect(await eventuallyAnswers(app, 'v3')).toContain('foil v3');
    const health = (await getJson<Health>(`${url}/healthz`)).body;
    versions.push(health.knowledgeVersion);
    expect(health.lastFailedReload).toBeNull();
    // v0 came back with the checkout, so its hash did too; every other version is new.
    expect(versions[2]).toBe(versions[0]);
    expect(new Set(versions).size).toBe(3);

    // 4. A broken edit: still answering v3, and /healthz says what failed and where.
    writeFileSync(file, '---\nid: gift-wrapping\nquestions: [\n---\n');
    const deadline = Date.now() + 30_000;
    let failed: Health['lastFailedReload'] = null;
    while (Date.now() < deadline && failed === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      failed = (await getJson<Health>(`${url}/healthz`)).body.lastFailedReload;
    }
    expect(failed?.error).toMatch(/knowledge\/faq\/gift-wrapping\.md:\d+/);
    expect(await answerTo(app, 'Do you offer gift wrapping?', 'after-broken')).toContain('foil v3');
  }, 150_000);

  test('a customer asking during a reload is answered before the reload is done', async () => {
    const file = path.join(dir, 'knowledge/faq/gift-wrapping.md');
    writeFileSync(file, entry('Wrapped in linen v4.'));
    const sessions = webchatSessions(() => url);
    const ask = async (text: string, name: string) => {
      const auth = await sessions.auth(name);
      const sent = performance.now();
      const response = await postJson<{ replies: { text: string }[] }>(
        `${url}/webchat/messages`,
        { messageId: `${name}-m`, text },
        undefined,
        auth,
      );
      return { response, ms: performance.now() - sent, at: performance.now() };
    };
    await sessions.auth('during-1');
    await sessions.auth('during-2');

    // The reload the watcher would start, started here so the test knows when it runs and ends.
    const startedAt = performance.now();
    let doneAt = Number.POSITIVE_INFINITY;
    const reload = app.reloadKnowledge().then((error) => {
      doneAt = performance.now();
      return error;
    });
    // A blocked event loop could not even read these until the training was over.
    const [english, persian] = await Promise.all([
      ask('How long is the warranty on a laptop?', 'during-1'),
      ask('گارانتی لپ تاپ چقدر است؟', 'during-2'),
    ]);
    expect(await reload).toBeNull();
    process.stdout.write(
      `request during reload: ${Math.round(english.ms)} ms and ${Math.round(persian.ms)} ms; reload ${Math.round(doneAt - startedAt)} ms\n`,
    );
    for (const asked of [english, persian]) {
      expect(asked.response.status).toBe(200);
      expect(asked.at).toBeLessThan(doneAt);
    }
    expect(english.response.body.replies[0]?.text).toMatch(/warranty|year/i);
    expect(persian.response.body.replies[0]?.text).toMatch(/[\u0600-\u06FF]/);
    expect(await answerTo(app, 'Do you offer gift wrapping?', 'after-v4')).toContain('linen v4');
  });
});
