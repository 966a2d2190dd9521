/** TWILIO_* variables → the voice and SMS adapters' options. */
import { optionalEnv, requiredEnv, delaysEnv, type Env } from '../shared/env';

export interface TwilioOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The public address Twilio calls (signatures are computed over it), without a trailing slash. */
  readonly webhookBaseUrl: string;
  /** The bot's own number, the sender of proactive SMS (E.164, +15551234567). */
  readonly phoneNumber?: string;
  /** Where a hand-off on a call rings during business hours. */
  readonly staffNumber?: string;
  /** The REST API's base URL; Twilio's own when unset (tests point it at a stand-in). */
  readonly apiUrl?: string;
  readonly laterDelaysMs?: readonly number[];
}

const E164 = /^\+[1-9]\d{6,14}$/;

function phoneEnv(env: Env, name: string): string | undefined {
  const value = optionalEnv(env, name);
  if (value !== undefined && !E164.test(value))
    throw new Error(
      `${name} "${value}" is not a phone number in E.164 form; write it like +15551234567 (plus, country code, number, no spaces).`,
    );
  return value;
}

export function twilioOptionsFromEnv(env: Env): TwilioOptions {
  const accountSid = requiredEnv(
    env,
    'TWILIO_ACCOUNT_SID',
    'Copy the Account SID (AC…) from the Twilio Console home page.',
  );
  const authToken = requiredEnv(
    env,
    'TWILIO_AUTH_TOKEN',
    'Copy the Auth Token from the Twilio Console home page; it signs every webhook request.',
  );
  const base = requiredEnv(
    env,
    'TWILIO_WEBHOOK_BASE_URL',
    'Set it to the public https address Twilio reaches the bot at, e.g. https://bot.example.com',
  );
  try {
    new URL(base);
  } catch {
    throw new Error(
      `TWILIO_WEBHOOK_BASE_URL "${base}" is not a URL; use the public https address Twilio calls, e.g. https://bot.example.com`,
    );
  }
  const phoneNumber = phoneEnv(env, 'TWILIO_PHONE_NUMBER');
  const staffNumber = phoneEnv(env, 'TWILIO_STAFF_NUMBER');
  const apiUrl = optionalEnv(env, 'TWILIO_API_URL');
  const laterDelaysMs = delaysEnv(env, 'TWILIO_OUTBOX_DELAYS_MS');
  return {
    accountSid,
    authToken,
    webhookBaseUrl: base.replace(/\/+$/, ''),
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    ...(staffNumber === undefined ? {} : { staffNumber }),
    ...(apiUrl === undefined ? {} : { apiUrl }),
    ...(laterDelaysMs === undefined ? {} : { laterDelaysMs }),
  };
}
