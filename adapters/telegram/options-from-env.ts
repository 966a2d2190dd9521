/** TELEGRAM_* variables → the Telegram adapter's options. */
import { delaysEnv, optionalEnv, requiredEnv, type Env } from '../shared/env';
import { defaultRetryPolicy } from '../shared/retry';
import type { TelegramAdapterOptions } from './telegram-adapter';

export function telegramOptionsFromEnv(env: Env): TelegramAdapterOptions {
  const token = requiredEnv(env, 'TELEGRAM_BOT_TOKEN', 'Create a bot with @BotFather and put its token here.');
  if (!/^\d+:[\w-]+$/.test(token)) {
    throw new Error('TELEGRAM_BOT_TOKEN does not look like a bot token (123456789:AA…); copy it again from @BotFather (/mybots → API Token).');
  }
  const webhookUrl = optionalEnv(env, 'TELEGRAM_WEBHOOK_URL');
  const secretToken = optionalEnv(env, 'TELEGRAM_WEBHOOK_SECRET');
  if (webhookUrl !== undefined && secretToken === undefined) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL: Telegram sends it with every update so the bot can refuse forged ones. Generate one with: openssl rand -hex 32');
  }
  const apiRoot = optionalEnv(env, 'TELEGRAM_API_ROOT');
  const path = optionalEnv(env, 'TELEGRAM_WEBHOOK_PATH');
  const retryDelays = delaysEnv(env, 'TELEGRAM_RETRY_DELAYS_MS');
  const laterDelays = delaysEnv(env, 'TELEGRAM_OUTBOX_DELAYS_MS');
  return {
    token,
    ...(retryDelays === undefined ? {} : { retry: { ...defaultRetryPolicy, delaysMs: retryDelays } }),
    ...(laterDelays === undefined ? {} : { laterDelaysMs: laterDelays }),
    ...(apiRoot === undefined ? {} : { apiRoot }),
    ...(webhookUrl !== undefined && secretToken !== undefined ? { webhook: { url: webhookUrl, secretToken, ...(path === undefined ? {} : { path }) } } : {}),
  };
}
