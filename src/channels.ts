/**
 * The channel registry: one line per channel. Each channel starts when every variable it
 * requires is set in the environment; otherwise the start-up log names the missing ones.
 * Adding a channel: a folder in adapters/, its variables in .env.example, one line here,
 * and its end-to-end test.
 */
import { optionalEnv, type Env } from '../adapters/shared/env';
import { slackOptionsFromEnv } from '../adapters/slack/options-from-env';
import { createSlackAdapter } from '../adapters/slack/slack-adapter';
import { telegramOptionsFromEnv } from '../adapters/telegram/options-from-env';
import { createTelegramAdapter } from '../adapters/telegram/telegram-adapter';
import { teamsOptionsFromEnv } from '../adapters/teams/options-from-env';
import { createTeamsAdapter } from '../adapters/teams/teams-adapter';
import type { PhoneServices } from '../adapters/twilio/phone-services';
import { createSmsAdapter } from '../adapters/twilio/sms-adapter';
import { twilioOptionsFromEnv } from '../adapters/twilio/twilio-env';
import { createVoiceAdapter } from '../adapters/twilio/voice-adapter';
import type { AdapterContext, ChannelAdapter } from './core/channel';
import type { Reply } from './core/message';
import type { StaffIdentity } from './core/handoff/staff-access';

export type { Env };

/** What the composition root can give a channel besides the AdapterContext. */
export interface ChannelServices {
  /** The staff warranty report for a serial (Markdown): Slack's `/warranty SERIAL`. */
  readonly staffWarranty?: (serial: string, requester: StaffIdentity) => Promise<string>;
  /** A service case for Slack's `/case ID` (the staff rule applied), as replies. */
  readonly staffCase?: (id: string, requester: StaffIdentity) => Promise<Reply[]>;
  /** Texts, business hours and the `phone` config for voice and SMS. */
  readonly phone?: PhoneServices;
}

export interface ChannelDefinition {
  readonly channel: string;
  /** Variables that must all be set for the channel to start. */
  readonly requiredEnv: readonly string[];
  /** Other sets of variables that start the channel as well (all of one set). */
  readonly alsoStartsWith?: readonly (readonly string[])[];
  /**
   * True when the channel, configured so, pulls its updates from the platform (Telegram long
   * polling, Slack Socket Mode): on a shared database only one replica may do that.
   */
  readonly polls?: (env: Env) => boolean;
  create(env: Env, context: AdapterContext, services?: ChannelServices): ChannelAdapter;
}

const isSet = (env: Env, name: string): boolean => optionalEnv(env, name) !== undefined;

/** The variables still missing for the channel to start; empty when it starts. */
export function missingEnv(definition: ChannelDefinition, env: Env): readonly string[] {
  const missing = definition.requiredEnv.filter((name) => !isSet(env, name));
  if (missing.length === 0) return [];
  const alternative = definition.alsoStartsWith?.some((names) =>
    names.every((name) => isSet(env, name)),
  );
  return alternative === true ? [] : missing;
}

const TWILIO_ENV = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WEBHOOK_BASE_URL'];

function phoneServices(services: ChannelServices | undefined): PhoneServices {
  if (services?.phone === undefined)
    throw new Error('the voice and SMS channels need the phone services of src/app.ts');
  return services.phone;
}

export const channelDefinitions: readonly ChannelDefinition[] = [
  {
    channel: 'telegram',
    requiredEnv: ['TELEGRAM_BOT_TOKEN'],
    polls: (env) => !isSet(env, 'TELEGRAM_WEBHOOK_URL'),
    create: (env, context) => createTelegramAdapter(telegramOptionsFromEnv(env), context),
  },
  {
    channel: 'slack',
    requiredEnv: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    polls: (env) => isSet(env, 'SLACK_APP_TOKEN'),
    create: (env, context, services) =>
      createSlackAdapter(
        {
          ...slackOptionsFromEnv(env),
          ...(services?.staffWarranty ? { staffWarranty: services.staffWarranty } : {}),
          ...(services?.staffCase ? { staffCase: services.staffCase } : {}),
        },
        context,
      ),
  },
  // Teams has no secret it cannot run without (the Emulator needs none): it starts when asked to,
  // or when an app id says it is registered with Azure.
  {
    channel: 'teams',
    requiredEnv: ['TEAMS_ENABLED'],
    alsoStartsWith: [['MicrosoftAppId']],
    create: (env, context) => createTeamsAdapter(teamsOptionsFromEnv(env), context),
  },
  {
    channel: 'voice',
    requiredEnv: TWILIO_ENV,
    create: (env, context, services) =>
      createVoiceAdapter(twilioOptionsFromEnv(env), context, phoneServices(services)),
  },
  {
    channel: 'sms',
    requiredEnv: [...TWILIO_ENV, 'TWILIO_PHONE_NUMBER'],
    create: (env, context, services) => {
      const options = twilioOptionsFromEnv(env);
      return createSmsAdapter(
        { ...options, phoneNumber: options.phoneNumber ?? '' },
        context,
        phoneServices(services),
      );
    },
  },
];
