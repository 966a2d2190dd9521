/** The Telegram stand-in, the core and a real grammY adapter wired together for one test. */
import type { ChannelAdapter } from '../../../src/core/channel';
import type { Reply } from '../../../src/core/message';
import {
  createTelegramAdapter,
  type TelegramAdapterOptions,
} from '../../../adapters/telegram/telegram-adapter';
import { toPlatformReply } from '../../../adapters/telegram/to-platform-reply';
import { startTelegramStandIn, type TelegramStandIn } from '../../stand-ins/telegram-bot-api';
import { startTestCore, type TestCore } from '../support/test-core';

export const fastRetry = { delaysMs: [5, 5], maxRetryAfterMs: 2_000 } as const;

export interface TelegramHarness {
  readonly telegram: TelegramStandIn;
  readonly core: TestCore;
  adapter: ChannelAdapter;
  /**
   * Stops the adapter and the app, then starts both again on the same database; `next` changes
   * the new adapter's options.
   */
  restart(next?: Partial<TelegramAdapterOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startTelegramHarness(
  extra: Partial<TelegramAdapterOptions> = {},
  webhookSecret?: string,
): Promise<TelegramHarness> {
  const telegram = await startTelegramStandIn();
  const core = await startTestCore();
  const create = (next: Partial<TelegramAdapterOptions> = {}): ChannelAdapter =>
    createTelegramAdapter(
      {
        token: telegram.token,
        apiRoot: telegram.apiRoot,
        pollingTimeoutSeconds: 1,
        retry: fastRetry,
        laterDelaysMs: [20, 20, 20],
        ...(webhookSecret === undefined
          ? {}
          : { webhook: { url: `${core.url}/telegram/webhook`, secretToken: webhookSecret } }),
        ...extra,
        ...next,
      },
      core.context,
    );
  const harness: TelegramHarness = {
    telegram,
    core,
    adapter: create(),
    async restart(next = {}) {
      await harness.adapter.stop();
      await core.restart();
      harness.adapter = create(next);
      await harness.adapter.start();
    },
    async close() {
      await harness.adapter.stop();
      await telegram.close();
      await core.close();
    },
  };
  await harness.adapter.start();
  return harness;
}

/** The texts Telegram shows for these replies: the adapter's HTML with the markup parsed away. */
export function visibleTexts(replies: readonly Reply[]): string[] {
  return replies
    .flatMap((reply) => toPlatformReply(reply))
    .map((payload) =>
      payload.text
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
}
