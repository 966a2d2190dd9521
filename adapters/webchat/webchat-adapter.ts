/**
 * The web chat: a page served by the bot itself (no build step), an embed script, and JSON
 * endpoints guarded by session tokens (webchat-guard.ts).
 * POST /webchat/sessions  {locale?} -> {conversationId, token}
 * POST /webchat/messages  {messageId, text?, choiceId?, locale?} -> {replies, items, cursor, token}
 * GET  /webchat/history   -> the conversation so far (customer lines and replies), for a reload
 * GET  /webchat/updates?after=N -> replies stored later (the polling fallback)
 * GET  /webchat/events    -> the same, live, as Server-Sent Events (Last-Event-ID resumes)
 */
import type http from 'node:http';
import { z } from 'zod';
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import type { ConversationStore, StoredReply } from '../../src/core/ports';
import type { WebchatConfig } from '../../src/config/webchat-schema';
import { BodyError, readJsonBody, sendJson } from '../../src/server/http-body';
import { createLiveUpdates } from './live-updates';
import { createSessionTokens, newConversationId } from './session-tokens';
import { mountWebchatAssets, type WebchatAssetOptions } from './webchat-assets';
import { createWebchatGuard } from './webchat-guard';
import { toIncomingMessage, webchatRequestSchema } from './webchat-mapping';

export interface WebchatOptions extends Omit<WebchatAssetOptions, 'webchat'> {
  readonly maxBodyBytes: number;
  readonly webchat: WebchatConfig;
  /** Signs session tokens (token-secret.ts). */
  readonly secret: string;
  readonly store: Pick<
    ConversationStore,
    'repliesAfter' | 'latestReplyId' | 'recordReplies' | 'transcript'
  >;
  readonly now: () => Date;
  /**
   * Replicas on one database: a reply stored here is announced to every replica, and one stored
   * elsewhere wakes this replica's event streams (src/storage/postgres/live-events.ts).
   */
  readonly liveEvents?: WebchatLiveEvents;
}

/** What the web chat needs of the cross-replica live events. */
export interface WebchatLiveEvents {
  announce(conversationId: string): Promise<void>;
  /** Calls `listener` for every conversation announced, by any replica; returns the unsubscribe. */
  subscribe(listener: (conversationId: string) => void): () => void;
}

const updatesQuery = z.object({
  conversationId: z.string().min(1).max(128).optional(),
  after: z.coerce.number().int().min(0).default(0),
});
const sessionBody = z.object({ locale: z.string().max(35).optional() }).strict();

export function createWebchatAdapter(
  options: WebchatOptions,
  context: AdapterContext,
): ChannelAdapter {
  const channel = 'webchat';
  const key = (conversationId: string) => ({ channel, conversationId });
  const tokens = createSessionTokens({
    secret: options.secret,
    idleMs: options.webchat.sessionIdleMinutes * 60_000,
    now: options.now,
  });
  const guard = createWebchatGuard(options.webchat, tokens, () => options.now().getTime());
  const live = createLiveUpdates((id, after) => options.store.repliesAfter(key(id), after));
  const unsubscribe = options.liveEvents?.subscribe((id) => live.notify(id)) ?? (() => undefined);
  /** Wakes the conversation's streams here, and on every other replica. */
  const stored = async (conversationId: string): Promise<void> => {
    live.notify(conversationId);
    await options.liveEvents?.announce(conversationId);
  };
  mountWebchatAssets(context.routes, options);

  const api = (
    method: 'GET' | 'POST',
    path: string,
    handler: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | void,
  ): void => {
    context.routes.add('OPTIONS', path, (request, response) => {
      if (guard.cors(request, response)) response.writeHead(204).end();
    });
    context.routes.add(method, path, (request, response) => {
      if (!guard.cors(request, response)) return;
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        if (error instanceof BodyError) {
          sendJson(response, error.status, { error: error.message });
          return;
        }
        context.logger.error({ err: error, path }, 'webchat request failed');
        sendJson(response, 500, { error: 'internal error' });
      });
    });
  };
  const query = (request: http.IncomingMessage) =>
    updatesQuery.safeParse(
      Object.fromEntries(new URL(request.url ?? '/', 'http://localhost').searchParams),
    );

  api('POST', '/webchat/sessions', async (request, response) => {
    if (!guard.admitAddress(request, response)) return;
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0;
    const body = sessionBody.safeParse(
      hasBody ? await readJsonBody(request, options.maxBodyBytes) : {},
    );
    if (!body.success) {
      sendJson(response, 400, { error: 'the body is {"locale"?: "fa"} or empty' });
      return;
    }
    const conversationId = newConversationId();
    context.logger.info({ conversationId, locale: body.data.locale }, 'webchat session started');
    sendJson(response, 201, { conversationId, token: tokens.issue(conversationId) });
  });

  api('POST', '/webchat/messages', async (request, response) => {
    const body = webchatRequestSchema.safeParse(await readJsonBody(request, options.maxBodyBytes));
    if (!body.success) {
      const issue = body.error.issues[0];
      sendJson(response, 400, {
        error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      });
      return;
    }
    const conversationId = guard.authenticate(request, response, body.data.conversationId);
    if (conversationId === null) return;
    // The replies as the turn stored them, read inside its transaction: no reads around it.
    let items: readonly StoredReply[] = [];
    const replies = await context.handle(
      toIncomingMessage({ ...body.data, conversationId }, options.now()),
      {
        answersRedeliveries: true,
        commit: (_replies, storedReplies) => {
          if (storedReplies) items = storedReplies;
          return Promise.resolve();
        },
      },
    );
    await stored(conversationId);
    sendJson(response, 200, {
      replies,
      items,
      // A turn that stored no reply (a redelivery, a silent turn) leaves the cursor where it was.
      cursor: items.at(-1)?.id ?? (await options.store.latestReplyId(key(conversationId))),
      token: tokens.issue(conversationId),
    });
  });

  api('GET', '/webchat/history', async (request, response) => {
    const conversationId = guard.authenticate(
      request,
      response,
      query(request).data?.conversationId,
    );
    if (conversationId === null) return;
    const lines = (await options.store.transcript(key(conversationId), 200))
      .filter((entry) => entry.direction === 'in')
      .map((entry) => ({
        at: entry.at.toISOString(),
        // A pressed button is stored as "label [choice id]"; the customer saw the label.
        text: entry.text.replace(/ \[[^\]]+\]$/, ''),
      }));
    const items = await options.store.repliesAfter(key(conversationId), 0);
    sendJson(response, 200, {
      customer: lines,
      items,
      cursor: items.at(-1)?.id ?? 0,
      token: tokens.issue(conversationId),
    });
  });

  api('GET', '/webchat/updates', async (request, response) => {
    const parsed = query(request);
    if (!parsed.success) {
      sendJson(response, 400, { error: 'after must be a non-negative integer' });
      return;
    }
    const conversationId = guard.authenticate(request, response, parsed.data.conversationId);
    if (conversationId === null) return;
    const items = await options.store.repliesAfter(key(conversationId), parsed.data.after);
    sendJson(response, 200, {
      replies: items.map((item) => item.reply),
      items,
      cursor: items.at(-1)?.id ?? parsed.data.after,
    });
  });

  api('GET', '/webchat/events', (request, response) => {
    const parsed = query(request);
    const conversationId = guard.authenticate(request, response, parsed.data?.conversationId);
    if (conversationId === null) return;
    const lastEventId = Number(request.headers['last-event-id'] ?? parsed.data?.after ?? 0);
    live.subscribe(
      conversationId,
      Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : 0,
      response,
    );
  });

  return {
    channel,
    start: () => Promise.resolve(),
    stop: () => {
      unsubscribe();
      live.closeAll();
      return Promise.resolve();
    },
    async deliver(conversationId, replies) {
      // Storing the reply is delivering it: open event streams are woken, polling finds it.
      await options.store.recordReplies(key(conversationId), replies, options.now());
      await stored(conversationId);
    },
  };
}
