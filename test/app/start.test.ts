/**
 * `npm start` with no tokens: the real process, its start-up log (the URL, and for each channel
 * that is off, the variable that is missing), the web chat page and /healthz.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../helpers/bot-process';

const repo = path.resolve(__dirname, '../..');

describe('npm start with no tokens', () => {
  test('serves the web chat and health check, and logs why each other channel is off', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-start-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AFTERCARE_PORT: '0',
      AFTERCARE_DB: path.join(dir, 'bot.db'),
    };
    const bot = startBot(env);
    try {
      const url = await bot.url;
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form');
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const log = bot.log();
      expect(log).toContain('channel telegram is off: set TELEGRAM_BOT_TOKEN');
      expect(log).toContain('channel slack is off: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET');
      expect(log).not.toMatch(/token"\s*:\s*"[^"]/i);
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited();
    }
  });

  test('a broken knowledge file stops the start with file:line, not a stack trace', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-broken-'));
    for (const item of ['bot.config.json', 'knowledge', 'intents'])
      cpSync(path.join(repo, item), path.join(dir, item), { recursive: true });
    writeFileSync(
      path.join(dir, 'knowledge/faq/warranty-period.md'),
      '---\nid: warranty-period\nquestions:\n  en: [How long?\n---\n## en\nx\n',
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AFTERCARE_PORT: '0',
      AFTERCARE_ROOT: dir,
      AFTERCARE_DB: path.join(dir, 'bot.db'),
    };
    const bot = startBot(env);
    const code = await bot.exited();
    expect(code).toBe(1);
    expect(bot.log()).toMatch(/error: knowledge\/faq\/warranty-period\.md:\d+/);
    expect(bot.log()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
