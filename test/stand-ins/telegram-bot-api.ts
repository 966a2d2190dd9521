/**
 * A local stand-in of the Telegram Bot API (https://core.telegram.org/bots/api): getMe,
 * getUpdates with long polling and offsets, sendMessage (with Telegram's HTML and length checks),
 * answerCallbackQuery, editMessageReplyMarkup, setWebhook/deleteWebhook, and delivery of updates
 * to a webhook the way Telegram does it. Every call is logged; failures can be injected.
 */
import type { ServerResponse } from 'node:http';
import { CallLog, parseBody, startServer, type StartedServer } from './server';

export interface TelegramUser {
  readonly id: number;
  readonly first_name: string;
  readonly language_code?: string;
}

interface SentMessage {
  readonly message_id: number;
  readonly chat: { readonly id: number; readonly type: string };
  readonly text: string;
  readonly reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

export interface TelegramStandIn {
  readonly apiRoot: string;
  readonly log: CallLog;
  readonly token: string;
  /** Queues an update for getUpdates and returns it (with its update_id). */
  pushUpdate(update: Record<string, unknown>): Record<string, unknown>;
  /** Builds a private-chat text message update (commands get a bot_command entity). */
  textUpdate(options: {
    chatId: number;
    text: string;
    user?: TelegramUser;
    updateId?: number;
  }): Record<string, unknown>;
  /** Builds the callback query Telegram sends when `user` presses the button labelled `label`. */
  pressUpdate(message: SentMessage, label: string, user?: TelegramUser): Record<string, unknown>;
  /** A message with an inline keyboard as if the bot had sent it earlier (e.g. before a restart). */
  earlierKeyboard(
    chatId: number,
    text: string,
    buttons: readonly { text: string; callback_data: string }[],
  ): SentMessage;
  /** Messages the bot sent successfully, as Telegram stored them. */
  sentMessages(): SentMessage[];
  /** POSTs the update to the webhook the bot registered, as Telegram would. */
  deliverToWebhook(update: Record<string, unknown>, secretToken?: string | null): Promise<number>;
  readonly webhook: { url: string; secretToken: string | undefined } | null;
  close(): Promise<void>;
}

export const customer: TelegramUser = { id: 4201, first_name: 'Sara', language_code: 'en' };

const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'blockquote',
  'span',
]);

/** Telegram's HTML rules: returns the visible text, or an error description like Telegram's. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let index = 0;
  while (index < html.length) {
    const character = html[index] as string;
    if (character === '<') {
      const tag = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(html.slice(index));
      if (tag === null)
        return {
          error: `Bad Request: can't parse entities: unsupported start tag at byte offset ${index}`,
        };
      const [whole, closing, name] = tag as unknown as [string, string, string];
      if (!ALLOWED_TAGS.has(name))
        return { error: `Bad Request: can't parse entities: unsupported start tag "${name}"` };
      if (closing === '/') {
        if (stack.pop() !== name)
          return { error: `Bad Request: can't parse entities: unmatched end tag "${name}"` };
      } else {
        stack.push(name);
      }
      index += whole.length;
    } else if (character === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(index));
      if (entity === null)
        return {
          error: `Bad Request: can't parse entities: unsupported entity at byte offset ${index}`,
        };
      const name = (entity[1] as string).toLowerCase();
      text += ({ lt: '<', gt: '>', amp: '&', quot: '"' } as Record<string, string>)[name] ?? '?';
      index += entity[0].length;
    } else if (character === '>') {
      return { error: `Bad Request: can't parse entities: unexpected ">" at byte offset ${index}` };
    } else {
      text += character;
      index += 1;
    }
  }
  if (stack.length > 0)
    return {
      error: `Bad Request: can't parse entities: can't find end tag corresponding to start tag "${stack.at(-1) ?? ''}"`,
    };
  return { text };
}

export async function startTelegramStandIn(token = '123456:TEST-token'): Promise<TelegramStandIn> {
  const log = new CallLog();
  const pending: Record<string, unknown>[] = [];
  const pollers = new Set<() => void>();
  const sent: SentMessage[] = [];
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let nextCallbackId = 1;
  let webhook: { url: string; secretToken: string | undefined } | null = null;

  const reply = (
    response: ServerResponse,
    method: string,
    payload: Record<string, unknown>,
    status: number,
    body: unknown,
  ): void => {
    log.record({ method, payload, status });
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const ok = (
    response: ServerResponse,
    method: string,
    payload: Record<string, unknown>,
    result: unknown,
  ): void => reply(response, method, payload, 200, { ok: true, result });
  const badRequest = (
    response: ServerResponse,
    method: string,
    payload: Record<string, unknown>,
    description: string,
  ): void => reply(response, method, payload, 400, { ok: false, error_code: 400, description });

  const wakePollers = (): void => {
    for (const wake of [...pollers]) wake();
  };

  const server: StartedServer = await startServer(async (request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (match === null) {
      response.writeHead(404).end();
      return;
    }
    const [, requestToken, method] = match as unknown as [string, string, string];
    const payload = parseBody(body, request.headers['content-type'], url.searchParams);
    log.arrive(method);
    if (requestToken !== token) {
      reply(response, method, payload, 401, {
        ok: false,
        error_code: 401,
        description: 'Unauthorized',
      });
      return;
    }
    if (log.takeHold(method)) {
      await new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
      return;
    }
    const failure = log.takeFailure(method);
    if (failure !== null) {
      if (failure.status === 429) {
        reply(response, method, payload, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${failure.retryAfterSeconds}`,
          parameters: { retry_after: failure.retryAfterSeconds },
        });
      } else {
        reply(response, method, payload, failure.status, {
          ok: false,
          error_code: failure.status,
          description: 'Internal Server Error',
        });
      }
      return;
    }
    switch (method) {
      case 'getMe':
        return ok(response, method, payload, {
          id: 123456,
          is_bot: true,
          first_name: 'Aftercare',
          username: 'aftercare_test_bot',
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case 'getUpdates': {
        if (webhook !== null) {
          return reply(response, method, payload, 409, {
            ok: false,
            error_code: 409,
            description:
              "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          });
        }
        const offset = Number(payload.offset ?? 0);
        const timeoutSeconds = Math.min(Number(payload.timeout ?? 0), 5);
        const limit = Number(payload.limit ?? 100);
        const take = (): Record<string, unknown>[] => {
          while (pending.length > 0 && Number(pending[0]?.update_id) < offset) pending.shift();
          return pending.slice(0, limit);
        };
        const ready = take();
        if (ready.length > 0 || timeoutSeconds <= 0) return ok(response, method, payload, ready);
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            pollers.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, timeoutSeconds * 1000);
          pollers.add(wake);
          request.socket.once('close', wake);
        });
        if (response.writableEnded || request.socket.destroyed) return;
        return ok(response, method, payload, take());
      }
      case 'sendMessage': {
        const text = String(payload.text ?? '');
        const parsed = payload.parse_mode === 'HTML' ? parseTelegramHtml(text) : { text };
        if ('error' in parsed) return badRequest(response, method, payload, parsed.error);
        if (parsed.text.trim() === '')
          return badRequest(response, method, payload, 'Bad Request: message text is empty');
        if (parsed.text.length > 4096)
          return badRequest(response, method, payload, 'Bad Request: message is too long');
        const markup = payload.reply_markup as SentMessage['reply_markup'];
        for (const row of markup?.inline_keyboard ?? []) {
          for (const button of row) {
            if (
              Buffer.byteLength(button.callback_data, 'utf8') > 64 ||
              button.callback_data === ''
            ) {
              return badRequest(response, method, payload, 'Bad Request: BUTTON_DATA_INVALID');
            }
          }
        }
        const message: SentMessage = {
          message_id: nextMessageId++,
          chat: { id: Number(payload.chat_id), type: 'private' },
          text: parsed.text,
          ...(markup ? { reply_markup: markup } : {}),
        };
        sent.push(message);
        return ok(response, method, payload, { ...message, date: Math.floor(Date.now() / 1000) });
      }
      case 'answerCallbackQuery':
        return ok(response, method, payload, true);
      case 'editMessageReplyMarkup':
        return ok(response, method, payload, true);
      case 'setWebhook':
        webhook = {
          url: String(payload.url),
          secretToken:
            payload.secret_token === undefined ? undefined : String(payload.secret_token),
        };
        return ok(response, method, payload, true);
      case 'deleteWebhook':
        webhook = null;
        return ok(response, method, payload, true);
      case 'getWebhookInfo':
        return ok(response, method, payload, {
          url: webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: pending.length,
        });
      default:
        return reply(response, method, payload, 404, {
          ok: false,
          error_code: 404,
          description: 'Not Found: method not found',
        });
    }
  });

  const withId = (update: Record<string, unknown>): Record<string, unknown> => {
    if (update.update_id === undefined) return { update_id: nextUpdateId++, ...update };
    nextUpdateId = Math.max(nextUpdateId, Number(update.update_id) + 1);
    return update;
  };

  return {
    apiRoot: server.url,
    log,
    token,
    get webhook() {
      return webhook;
    },
    pushUpdate(update) {
      const stored = withId(update);
      pending.push(stored);
      wakePollers();
      return stored;
    },
    textUpdate({ chatId, text, user = customer, updateId }) {
      const command = /^\/[a-z_]+(@\w+)?/i.exec(text);
      return withId({
        ...(updateId === undefined ? {} : { update_id: updateId }),
        message: {
          message_id: nextMessageId++,
          from: { is_bot: false, ...user },
          chat: { id: chatId, type: 'private', first_name: user.first_name },
          date: Math.floor(Date.now() / 1000),
          text,
          ...(command
            ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
            : {}),
        },
      });
    },
    pressUpdate(message, label, user = customer) {
      const button = message.reply_markup?.inline_keyboard
        .flat()
        .find((candidate) => candidate.text === label);
      if (button === undefined)
        throw new Error(`no button "${label}" on message ${message.message_id}`);
      return withId({
        callback_query: {
          id: `cb-${nextCallbackId++}`,
          from: { is_bot: false, ...user },
          chat_instance: '-7000',
          message: {
            ...message,
            from: { id: 123456, is_bot: true, first_name: 'Aftercare' },
            date: Math.floor(Date.now() / 1000),
          },
          data: button.callback_data,
        },
      });
    },
    earlierKeyboard: (chatId, text, buttons) => ({
      message_id: nextMessageId++,
      chat: { id: chatId, type: 'private' },
      text,
      reply_markup: { inline_keyboard: buttons.map((button) => [{ ...button }]) },
    }),
    sentMessages: () => [...sent],
    async deliverToWebhook(update, secretToken) {
      if (webhook === null) throw new Error('the bot has not called setWebhook');
      const secret = secretToken === undefined ? webhook.secretToken : secretToken;
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret === null || secret === undefined
            ? {}
            : { 'x-telegram-bot-api-secret-token': secret }),
        },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    },
    async close() {
      wakePollers();
      await server.close();
    },
  };
}
