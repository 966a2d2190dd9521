/**
 * The web chat: a page served by the bot itself (no build step) and two JSON endpoints.
 * POST /webchat/messages  {conversationId, messageId, text?, choiceId?, locale?} -> {replies, cursor}
 * GET  /webchat/updates?conversationId=..&after=N -> replies stored later (staff replies, follow-ups)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { z } from 'zod';
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import type { ConversationStore } from '../../src/core/ports';
import { BodyError, readJsonBody, sendJson } from '../../src/server/http-body';
import { toIncomingMessage, webchatRequestSchema } from './webchat-mapping';

export interface WebchatOptions {
  readonly maxBodyBytes: number;
  /** Read access to stored replies, for the updates endpoint. */
  readonly store: Pick<ConversationStore, 'repliesAfter' | 'latestReplyId' | 'recordReplies'>;
  readonly now: () => Date;
}

const publicDir = path.join(__dirname, 'public');
const assets: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/webchat/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/webchat/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

const updatesQuery = z.object({
  conversationId: z.string().min(1).max(128),
  after: z.coerce.number().int().min(0).default(0),
});

export function createWebchatAdapter(
  options: WebchatOptions,
  context: AdapterContext,
): ChannelAdapter {
  const channel = 'webchat';
  for (const [route, asset] of Object.entries(assets)) {
    const body = readFileSync(path.join(publicDir, asset.file));
    context.routes.add('GET', route, (_request, response) => {
      response.writeHead(200, {
        'content-type': asset.type,
        'cache-control': 'no-cache',
        'content-length': body.length,
      });
      response.end(body);
    });
  }

  context.routes.add('POST', '/webchat/messages', (request, response) => {
    void receive(request, response);
  });

  context.routes.add('GET', '/webchat/updates', (request, response) => {
    const query = updatesQuery.safeParse(
      Object.fromEntries(new URL(request.url ?? '/', 'http://localhost').searchParams),
    );
    if (!query.success) {
      sendJson(response, 400, {
        error: 'conversationId is required; after must be a non-negative integer',
      });
      return;
    }
    const stored = options.store.repliesAfter(
      { channel, conversationId: query.data.conversationId },
      query.data.after,
    );
    sendJson(response, 200, {
      replies: stored.map((item) => item.reply),
      cursor: stored.at(-1)?.id ?? query.data.after,
    });
  });

  async function receive(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    try {
      const body = webchatRequestSchema.safeParse(
        await readJsonBody(request, options.maxBodyBytes),
      );
      if (!body.success) {
        const issue = body.error.issues[0];
        sendJson(response, 400, {
          error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
        });
        return;
      }
      const message = toIncomingMessage(body.data, options.now());
      const replies = await context.handle(message);
      sendJson(response, 200, {
        replies,
        cursor: options.store.latestReplyId({ channel, conversationId: message.conversationId }),
      });
    } catch (error) {
      if (error instanceof BodyError) {
        sendJson(response, error.status, { error: error.message });
        return;
      }
      context.logger.error({ err: error }, 'webchat request failed');
      sendJson(response, 500, { error: 'internal error' });
    }
  }

  return {
    channel,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    deliver(conversationId, replies) {
      // The page polls /webchat/updates; storing the reply is delivering it.
      options.store.recordReplies({ channel, conversationId }, replies, options.now());
      return Promise.resolve();
    },
  };
}
