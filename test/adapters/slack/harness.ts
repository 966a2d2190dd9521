/** The Slack Web API stand-in, the real app and a real Bolt adapter wired together for one test. */
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from '../../../adapters/slack/slack-adapter';
import { toPlatformReply } from '../../../adapters/slack/to-platform-reply';
import type { Reply } from '../../../src/core/message';
import {
  eventEnvelope,
  postToApp,
  startSlackStandIn,
  type SignedRequestOptions,
  type SlackRequestResult,
  type SlackStandIn,
} from '../../stand-ins/slack-web-api';
import { startTestCore, type TestCore } from '../support/test-core';

export const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';

export interface SlackHarness {
  readonly slack: SlackStandIn;
  readonly core: TestCore;
  readonly adapter: SlackAdapter;
  /** Posts an Events API envelope to the app, signed unless told otherwise. */
  sendEvent(
    envelope: Record<string, unknown>,
    options?: Partial<SignedRequestOptions>,
  ): Promise<SlackRequestResult>;
  /** Posts a form body (slash command, interaction) to the app, signed. */
  sendForm(body: string, options?: Partial<SignedRequestOptions>): Promise<SlackRequestResult>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  extra: Partial<SlackAdapterOptions> = {},
): Promise<SlackHarness> {
  const slack = await startSlackStandIn();
  const core = await startTestCore();
  const adapter = createSlackAdapter(
    {
      botToken: slack.botToken,
      signingSecret,
      apiUrl: slack.apiUrl,
      retry: { delaysMs: [5, 5], maxRetryAfterMs: 2_000 },
      laterDelaysMs: [20, 20, 20],
      ...extra,
    },
    core.context,
  );
  await adapter.start();
  const eventsUrl = `${core.url}/slack/events`;
  return {
    slack,
    core,
    adapter,
    sendEvent: (envelope, options = {}) =>
      postToApp(eventsUrl, JSON.stringify(envelope), 'application/json', {
        signingSecret,
        ...options,
      }),
    sendForm: (body, options = {}) =>
      postToApp(eventsUrl, body, 'application/x-www-form-urlencoded', {
        signingSecret,
        ...options,
      }),
    async close() {
      await adapter.stop();
      await slack.close();
      await core.close();
    },
  };
}

/** The mrkdwn texts Slack receives for these replies. */
export function slackTexts(replies: readonly Reply[]): string[] {
  return replies.flatMap((reply) => toPlatformReply(reply)).map((payload) => payload.text);
}

export { eventEnvelope };
