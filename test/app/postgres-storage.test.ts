/**
 * Issue 17: AFTERCARE_DATABASE_URL=postgres://… puts the whole app and the CLI on PostgreSQL
 * (src/storage/open-storage.ts); unset keeps SQLite. Two apps starting together on an empty
 * database migrate it once (the advisory lock); the web chat's turn, /healthz and the CLI's
 * commands all read and write the PostgreSQL database, and no SQLite file is created.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createApp, type App } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { readPostgresMigrations } from '../../src/storage/postgres/migrate';
import { postJson, webchatSessions } from '../helpers/http';
import { repoRoot } from '../helpers/paths';
import { createTestDatabase, describePostgres } from '../helpers/postgres';
import { runAftercare } from '../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { createTestLogger, type LogLine } from '../adapters/support/test-logger';
import { startTelegramStandIn } from '../stand-ins/telegram-bot-api';

// Each test builds the app (its brain) more than once.
jest.setTimeout(180_000);

const secret = 'a'.repeat(64);
const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(removeTempDirs);

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function appOn(url: string, dbPath: string, env: Record<string, string> = {}): App {
  const app = createApp({
    rootDir: repoRoot,
    dbPath,
    env: {
      AFTERCARE_PORT: '0',
      AFTERCARE_DATABASE_URL: url,
      AFTERCARE_WEBCHAT_SECRET: secret,
      ...env,
    },
    logger: silentLogger,
  });
  apps.push(app);
  return app;
}

describePostgres('the app and the CLI on PostgreSQL', () => {
  test('two apps on an empty database migrate it once and answer the web chat from it', async () => {
    const url = await createTestDatabase();
    const dbPath = path.join(makeTempDir('aftercare-pg-app-'), 'unused.db');
    const [one, two] = [appOn(url, dbPath), appOn(url, dbPath)];
    expect(one.storage.backend).toBe('postgres');
    const [first, second] = await Promise.all([one.start(), two.start()]);
    const migrations = readPostgresMigrations();
    expect(
      await rows<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY 1'),
    ).toEqual(migrations.map((migration) => ({ version: migration.version })));

    const health = await fetch(`${second}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      schemaVersion: migrations.at(-1)?.version,
    });

    // A session opened on one app is good on the other: they share the token key.
    const sessions = webchatSessions(() => first);
    const answer = await postJson<{ replies: { text: string }[] }>(
      `${second}/webchat/messages`,
      { messageId: 'm1', text: 'How long is the warranty?' },
      undefined,
      await sessions.auth('customer'),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.replies.length).toBeGreaterThan(0);
    const stored = await rows<{ direction: string; n: number }>(
      url,
      "SELECT direction, count(*)::int AS n FROM messages WHERE channel = 'webchat' GROUP BY direction ORDER BY direction",
    );
    expect(stored).toEqual([
      { direction: 'in', n: 1 },
      { direction: 'out', n: answer.body.replies.length },
    ]);
    // The report and the suggestions read the same database.
    const env = { AFTERCARE_DATABASE_URL: url, AFTERCARE_DB: dbPath };
    const report = await runAftercare(['report', '--format', 'json'], { env });
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ totals: { conversations: 1 } });
    expect(await runAftercare(['suggestions', '--json'], { env })).toMatchObject({ code: 0 });
    expect(existsSync(dbPath)).toBe(false);
    expect(() => one.db).toThrow(/PostgreSQL/);
  });

  test('the CLI imports units into PostgreSQL and looks them up there', async () => {
    const url = await createTestDatabase();
    const dir = makeTempDir('aftercare-pg-cli-');
    const env = { AFTERCARE_DATABASE_URL: url, AFTERCARE_DB: path.join(dir, 'unused.db') };
    const imported = await runAftercare(
      ['import', 'units', path.join(repoRoot, 'examples/units.csv')],
      { env },
    );
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('changed: 50 (added 50, updated 0)');
    expect(await rows<{ n: number }>(url, 'SELECT count(*)::int AS n FROM units')).toEqual([
      { n: 50 },
    ]);
    const [unit] = await rows<{ serial: string }>(
      url,
      'SELECT serial FROM units ORDER BY serial LIMIT 1',
    );
    const looked = await runAftercare(['warranty', unit!.serial, '--json'], { env });
    expect(looked.code).toBe(0);
    expect(JSON.parse(looked.stdout)).toMatchObject({ serial: unit!.serial });
    // The lookup is in PostgreSQL's audit log, which `aftercare audit` reads.
    const audit = await runAftercare(['audit', '--json'], { env });
    expect(JSON.parse(audit.stdout)).toEqual([
      expect.objectContaining({ action: 'lookup', subject: `serial:${unit!.serial}` }),
    ]);
    expect(existsSync(env.AFTERCARE_DB)).toBe(false);
  });

  test('Telegram long polling runs on one replica, and the other says which one polls', async () => {
    const url = await createTestDatabase();
    const telegram = await startTelegramStandIn('123456:POLL-token');
    try {
      const dbPath = path.join(makeTempDir('aftercare-pg-poll-'), 'unused.db');
      const logs: LogLine[][] = [[], []];
      const replicas = logs.map((lines) => {
        const app = createApp({
          rootDir: repoRoot,
          dbPath,
          env: {
            AFTERCARE_PORT: '0',
            AFTERCARE_DATABASE_URL: url,
            AFTERCARE_WEBCHAT_SECRET: secret,
            TELEGRAM_BOT_TOKEN: telegram.token,
            TELEGRAM_API_ROOT: telegram.apiRoot,
          },
          logger: createTestLogger(lines),
        });
        apps.push(app);
        return app;
      });
      for (const app of replicas) await app.start();
      const said = (lines: LogLine[], pattern: RegExp) =>
        lines.some((line) => pattern.test(line.message));
      const pollers = logs.filter((lines) => said(lines, /^this replica leads telegram-polling$/));
      expect(pollers).toHaveLength(1);
      const leader = pollers[0]!.find((line) => line.message.includes('leads telegram-polling'))!
        .fields.replica as string;
      const follower = logs.find((lines) => lines !== pollers[0])!;
      expect(
        follower.some((line) =>
          line.message.startsWith(`telegram-polling runs on replica ${leader};`),
        ),
      ).toBe(true);
      expect(said(follower, /^telegram started$/)).toBe(false);
      // The update is answered once, by the replica that polls.
      telegram.pushUpdate(telegram.textUpdate({ chatId: 9101, text: 'How long is the warranty?' }));
      await telegram.log.waitForSucceeded('sendMessage');
      expect(said(follower, /telegram update failed/)).toBe(false);
    } finally {
      await Promise.all(apps.splice(0).map((app) => app.close()));
      await telegram.close();
    }
  });

  test('a URL that is not postgres:// and a missing shared web chat key are refused, saying what to set', async () => {
    const dbPath = path.join(makeTempDir('aftercare-pg-bad-'), 'bot.db');
    expect(() =>
      createApp({
        rootDir: repoRoot,
        dbPath,
        env: { AFTERCARE_DATABASE_URL: 'mysql://db/aftercare' },
        logger: silentLogger,
      }),
    ).toThrow(/AFTERCARE_DATABASE_URL must be a PostgreSQL URL/);
    expect(() =>
      createApp({
        rootDir: repoRoot,
        dbPath,
        env: { AFTERCARE_DATABASE_URL: 'postgres://aftercare@127.0.0.1:1/none' },
        logger: silentLogger,
      }),
    ).toThrow(/AFTERCARE_WEBCHAT_SECRET is required with AFTERCARE_DATABASE_URL/);
  });
});
