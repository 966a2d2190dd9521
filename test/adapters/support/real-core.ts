/**
 * The real app (src/app.ts) for adapter tests: a temp folder with the project's bot.config.json,
 * intents, messages, branches and warranty data, the FAQ entries of test/adapters/fixtures/faq,
 * and a SQLite file. `restart()` closes the app and opens a new one on the same database, as a
 * process restart would.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, projectRoot, type App } from '../../../src/app';
import type { AdapterContext } from '../../../src/core/channel';
import { createTestLogger } from './test-logger';
import type { ProbeMessage, TestCore } from './test-core';
import { gateFor } from '../../../src/storage/sqlite/gate';

const fixtureFaqDir = path.join(__dirname, '..', 'fixtures', 'faq');

export function createRootDir(): string {
  const rootDir = mkdtempSync(path.join(tmpdir(), 'aftercare-adapters-'));
  cpSync(path.join(projectRoot, 'bot.config.json'), path.join(rootDir, 'bot.config.json'));
  cpSync(path.join(projectRoot, 'intents'), path.join(rootDir, 'intents'), { recursive: true });
  for (const entry of ['messages.yaml', 'branches.yaml', 'warranty']) {
    const source = path.join(projectRoot, 'knowledge', entry);
    if (existsSync(source))
      cpSync(source, path.join(rootDir, 'knowledge', entry), { recursive: true });
  }
  cpSync(fixtureFaqDir, path.join(rootDir, 'knowledge', 'faq'), { recursive: true });
  return rootDir;
}

/**
 * `env` and `channels: 'all'` start the channels of src/channels.ts too, as `npm start` does;
 * by default the tests build their adapter themselves.
 */
export async function startRealCore(
  env: Readonly<Record<string, string>> = {},
  channels: 'all' | 'none' = 'none',
): Promise<TestCore & { readonly app: App; readonly rootDir: string }> {
  const rootDir = createRootDir();
  const dbPath = path.join(rootDir, 'data', 'aftercare.db');
  const logger = createTestLogger();
  const open = async (): Promise<{ app: App; url: string }> => {
    const app = createApp({
      rootDir,
      dbPath,
      env: { AFTERCARE_HOST: '127.0.0.1', AFTERCARE_PORT: '0', ...env },
      logger,
      channels,
    });
    return { app, url: await app.start() };
  };
  let current = await open();
  let probes = 0;
  const count = (sql: string, channel: string): number =>
    (current.app.db.prepare(sql).get(channel) as { n: number }).n;

  return {
    rootDir,
    get app() {
      return current.app;
    },
    get context(): AdapterContext {
      const { app } = current;
      return {
        handle: app.handle,
        logger,
        references: app.references,
        routes: app.routes,
        outbox: app.outbox,
        maxBodyBytes: app.config.server.maxBodyBytes,
      };
    },
    get url() {
      return current.url;
    },
    logger,
    storedIncoming: (channel) =>
      count("SELECT COUNT(*) AS n FROM messages WHERE channel = ? AND direction = 'in'", channel),
    storedTexts: (channel) =>
      (
        current.app.db
          .prepare("SELECT text FROM messages WHERE channel = ? AND direction = 'in' ORDER BY id")
          .all(channel) as { text: string }[]
      ).map((row) => row.text),
    storedReferences: (channel) =>
      count('SELECT COUNT(*) AS n FROM conversation_refs WHERE channel = ?', channel),
    async expectedReplies(...messages: ProbeMessage[]) {
      probes += 1;
      let replies: Awaited<ReturnType<App['handle']>> = [];
      // The probe leaves no trace (rolled back), so a hand-off it makes does not take the ticket
      // number the conversation under test gets next.
      // Through the connection's transaction gate, as every store goes (a bare BEGIN would make
      // the desk's own transaction fail); the throw at the end rolls the probe back.
      const rollback = new Error('probe rolled back');
      await gateFor(current.app.db)
        .atomically(async () => {
          for (const [index, probe] of messages.entries()) {
            replies = await current.app.handle({
              channel: 'probe',
              conversationId: `probe-${probes}`,
              userId: 'probe',
              messageId: `probe-${probes}-${index}`,
              receivedAt: current.app.clock.now(),
              ...probe,
            });
          }
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      return replies;
    },
    async restart() {
      await current.app.close();
      current = await open();
    },
    async close() {
      await current.app.close();
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
}
