/**
 * `server.onChannelFailure`: a configured channel that cannot start (here Telegram refusing the
 * bot token, from the local Bot API stand-in) either stops the process non-zero with the reason,
 * or, `degraded`, leaves the rest running with /healthz answering 503 and naming the channel, so
 * a supervisor or a load balancer can tell.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../helpers/bot-process';
import { postJson, webchatSessions } from '../helpers/http';
import { startTelegramStandIn, type TelegramStandIn } from '../stand-ins/telegram-bot-api';

let telegram: TelegramStandIn;
beforeAll(async () => {
  telegram = await startTelegramStandIn('123456:RIGHT-token');
});
afterAll(() => telegram.close());

function envWith(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-channel-failure-'));
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AFTERCARE_PORT: '0',
    AFTERCARE_DB: path.join(dir, 'bot.db'),
    // A well-formed token the platform does not know: getMe answers 401.
    TELEGRAM_BOT_TOKEN: '123456:WRONG-token',
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ...extra,
  };
}

describe('a configured channel that cannot start', () => {
  test('exit (the default): the process stops non-zero and says which channel and why', async () => {
    const bot = startBot(envWith({}));
    const code = await bot.exited();
    expect(code).not.toBe(0);
    expect(bot.log()).toMatch(
      /channel telegram could not start: Telegram refused the bot token \(getMe: Unauthorized\)\. Check TELEGRAM_BOT_TOKEN/,
    );
    expect(bot.log()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(bot.log()).not.toContain('WRONG-token');
    expect(
      telegram.log.calls.filter((call) => call.method === 'getMe').length,
    ).toBeGreaterThanOrEqual(1);
  });

  test('degraded: the web chat keeps answering, /healthz answers 503 naming the channel', async () => {
    const bot = startBot(envWith({ AFTERCARE_ON_CHANNEL_FAILURE: 'degraded' }));
    try {
      const url = await bot.url;
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(503);
      const body = (await health.json()) as {
        status: string;
        channelsDown: { channel: string; error: string }[];
      };
      expect(body.status).toBe('degraded');
      expect(body.channelsDown).toEqual([
        { channel: 'telegram', error: expect.stringMatching(/Telegram refused the bot token/) },
      ]);
      expect(bot.log()).toContain('channel telegram could not start; running without it');

      const sessions = webchatSessions(() => url);
      const answer = await postJson<{ replies: { text: string; locale: string }[] }>(
        `${url}/webchat/messages`,
        { messageId: 'm1', text: 'Πόσο διαρκεί η εγγύηση για ένα λάπτοπ;' },
        undefined,
        await sessions.auth('customer'),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.replies[0]?.locale).toBe('el');
      expect(bot.child.exitCode).toBeNull();
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited();
    }
  });
});
