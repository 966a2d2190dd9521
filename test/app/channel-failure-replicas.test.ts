/**
 * `server.onChannelFailure` on PostgreSQL replicas, where Telegram long polling runs on the replica
 * that leads `telegram-polling`: a polling start that fails, at start-up or when this replica
 * takes the lead over later, follows the same policy as on one process: exit non-zero with the
 * reason, or stay up with /healthz answering 503 and naming the channel.
 */
import { startBot, type BotProcess } from '../helpers/bot-process';
import { createTestDatabase, describePostgres } from '../helpers/postgres';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { startTelegramStandIn, type TelegramStandIn } from '../stand-ins/telegram-bot-api';

jest.setTimeout(120_000);

let telegram: TelegramStandIn;
const bots: BotProcess[] = [];
beforeAll(async () => {
  telegram = await startTelegramStandIn('123456:RIGHT-token');
});
afterEach(async () => {
  for (const bot of bots.splice(0)) {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await bot.exited();
  }
});
afterAll(async () => {
  await telegram.close();
  removeTempDirs();
});

function replica(url: string, token: string, extra: NodeJS.ProcessEnv = {}): BotProcess {
  const bot = startBot({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AFTERCARE_PORT: '0',
    AFTERCARE_DB: `${makeTempDir('aftercare-replica-failure-')}/unused.db`,
    AFTERCARE_DATABASE_URL: url,
    AFTERCARE_WEBCHAT_SECRET: 'b'.repeat(64),
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ...extra,
  });
  bots.push(bot);
  return bot;
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describePostgres('a polling channel that cannot start on a PostgreSQL replica', () => {
  test('exit (the default): the replica that leads polling stops non-zero and says why', async () => {
    const bot = replica(await createTestDatabase(), '123456:WRONG-token');
    const code = await bot.exited();
    expect(code).not.toBe(0);
    expect(bot.log()).toMatch(
      /channel telegram could not start: Telegram refused the bot token \(getMe: Unauthorized\)/,
    );
    expect(bot.log()).not.toContain('WRONG-token');
  });

  test('degraded: the replica keeps serving and /healthz answers 503 naming the channel', async () => {
    const bot = replica(await createTestDatabase(), '123456:WRONG-token', {
      AFTERCARE_ON_CHANNEL_FAILURE: 'degraded',
    });
    const url = await bot.url;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { channelsDown: { channel: string; error: string }[] };
    expect(body.channelsDown).toEqual([
      { channel: 'telegram', error: expect.stringMatching(/Telegram refused the bot token/) },
    ]);
    expect(bot.child.exitCode).toBeNull();
  });

  test('exit: a replica whose takeover of polling fails exits, it does not idle as a follower', async () => {
    const url = await createTestDatabase();
    const leader = replica(url, '123456:RIGHT-token');
    await leader.url;
    await until(() => /this replica leads telegram-polling/.test(leader.log()), 'the first leader');
    // The second replica cannot reach Telegram with its token: as a follower it serves, and when
    // the leader dies it takes the lead, fails to start polling and exits with the reason.
    const follower = replica(url, '123456:WRONG-token');
    const followerUrl = await follower.url;
    expect((await fetch(`${followerUrl}/healthz`)).status).toBe(200);
    leader.child.kill('SIGKILL');
    await leader.exited();
    const code = await follower.exited();
    expect(code).not.toBe(0);
    expect(follower.log()).toMatch(/this replica leads telegram-polling/);
    expect(follower.log()).toMatch(
      /aftercare: channel telegram could not start: Telegram refused the bot token/,
    );
  });
});
