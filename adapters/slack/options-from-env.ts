/** SLACK_* variables → the Slack adapter's options. */
import { optionalEnv, requiredEnv, sendDelaysEnv, type Env } from '../shared/env';
import type { SlackAdapterOptions } from './slack-adapter';

export function slackOptionsFromEnv(env: Env): SlackAdapterOptions {
  const botToken = requiredEnv(
    env,
    'SLACK_BOT_TOKEN',
    'Install the Slack app (slack-app-manifest.yaml) and copy the Bot User OAuth Token.',
  );
  if (!botToken.startsWith('xoxb-')) {
    throw new Error(
      'SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-…), from the app\'s "OAuth & Permissions" page; a user token (xoxp-) or app token (xapp-) will not work here.',
    );
  }
  const signingSecret = requiredEnv(
    env,
    'SLACK_SIGNING_SECRET',
    'Copy the Signing Secret from the app\'s "Basic Information" page.',
  );
  const appToken = optionalEnv(env, 'SLACK_APP_TOKEN');
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new Error(
      'SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope ("Basic Information" → "App-Level Tokens"); leave it unset for HTTP mode.',
    );
  }
  const apiUrl = optionalEnv(env, 'SLACK_API_URL');
  const path = optionalEnv(env, 'SLACK_EVENTS_PATH');
  const delays = sendDelaysEnv(env, {
    retry: 'SLACK_RETRY_DELAYS_MS',
    outbox: 'SLACK_OUTBOX_DELAYS_MS',
  });
  return {
    botToken,
    signingSecret,
    ...delays,
    ...(appToken === undefined ? {} : { appToken }),
    ...(apiUrl === undefined ? {} : { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` }),
    ...(path === undefined ? {} : { path }),
  };
}
