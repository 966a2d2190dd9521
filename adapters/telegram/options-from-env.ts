/** TELEGRAM_* variables → the Telegram adapter's options. */
import { optionalEnv, requiredEnv, sendDelaysEnv, type Env } from '../shared/env';
import type { TelegramAdapterOptions } from './telegram-adapter';

export function telegramOptionsFromEnv(env: Env): TelegramAdapterOptions {
  const token = requiredEnv(
    env,
    'TELEGRAM_BOT_TOKEN',
    'Create a bot with @BotFather and put its token here.',
  );
  if (!/^\d+:[\w-]+$/.test(token)) {
    throw new Error(
      'TELEGRAM_BOT_TOKEN does not look like a bot token (123456789:AA…); copy it again from @BotFather (/mybots → API Token).',
    );
  }
  const webhookUrl = optionalEnv(env, 'TELEGRAM_WEBHOOK_URL');
  const secretToken = optionalEnv(env, 'TELEGRAM_WEBHOOK_SECRET');
  if (webhookUrl !== undefined && secretToken === undefined) {
    throw new Error(
      'TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL: Telegram sends it with every update so the bot can refuse forged ones. Generate one with: openssl rand -hex 32',
    );
  }
  const apiRoot = optionalEnv(env, 'TELEGRAM_API_ROOT');
  const path = optionalEnv(env, 'TELEGRAM_WEBHOOK_PATH');
  const delays = sendDelaysEnv(env, {
    retry: 'TELEGRAM_RETRY_DELAYS_MS',
    outbox: 'TELEGRAM_OUTBOX_DELAYS_MS',
  });
  return {
    token,
    ...delays,
    ...(apiRoot === undefined ? {} : { apiRoot }),
    ...(webhookUrl !== undefined && secretToken !== undefined
      ? { webhook: { url: webhookUrl, secretToken, ...(path === undefined ? {} : { path }) } }
      : {}),
  };
}
