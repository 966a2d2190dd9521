/**
 * A local stand-in of the Slack Web API (auth.test, chat.postMessage, chat.update,
 * chat.postEphemeral, views.*, apps.connections.open) with Block Kit's limits checked, response_url
 * endpoints for slash commands, a call log, failure injection and calls held open
 * (`log.holdNext(method)`). Plus what Slack itself sends to
 * an app: signed Events API, slash command and interaction requests.
 */
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CallLog, parseBody, startServer, type StartedServer } from './server';

export const BOT_USER_ID = 'U0AFTERBOT';
export const BOT_ID = 'B0AFTERBOT';
export const TEAM_ID = 'T0AFTERCARE';
export const APP_ID = 'A0AFTERCARE';

export interface SlackPost {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly thread_ts?: string;
  readonly blocks?: SlackBlock[];
}

export interface SlackBlock {
  readonly type: string;
  readonly block_id?: string;
  readonly text?: { type: string; text: string };
  readonly elements?: {
    type: string;
    action_id: string;
    value?: string;
    text: { type: string; text: string };
  }[];
}

export interface SlackStandIn {
  /** For WebClient's slackApiUrl (ends with a slash). */
  readonly apiUrl: string;
  readonly url: string;
  readonly log: CallLog;
  readonly botToken: string;
  /** Messages posted successfully, in order. */
  posts(): SlackPost[];
  /** Bodies posted to response_url endpoints, in order. */
  responses(): Record<string, unknown>[];
  responseUrl(id: string): string;
  /** Gives the next apps.connections.open this WebSocket URL (Socket Mode). */
  setSocketUrl(url: string): void;
  /** Who conversations.members lists for a channel (two per page, so paging is exercised). */
  setChannelMembers(channel: string, members: readonly string[]): void;
  close(): Promise<void>;
}

function blockKitProblem(blocks: unknown): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > 50) return 'invalid_blocks: more than 50 blocks';
  for (const block of blocks as SlackBlock[]) {
    if (block.type === 'section' && (block.text?.text.length ?? 0) > 3000)
      return 'invalid_blocks: section text longer than 3000 characters';
    if (block.type === 'actions') {
      const elements = block.elements ?? [];
      if (elements.length > 25) return 'invalid_blocks: more than 25 elements';
      const ids = new Set<string>();
      for (const element of elements) {
        if (element.text.text.length > 75)
          return 'invalid_blocks: button text longer than 75 characters';
        if ((element.value?.length ?? 0) > 2000)
          return 'invalid_blocks: button value longer than 2000 characters';
        if (element.action_id.length > 255 || ids.has(element.action_id))
          return 'invalid_blocks: action_id too long or repeated';
        ids.add(element.action_id);
      }
    }
  }
  return null;
}

export async function startSlackStandIn(botToken = 'xoxb-test-token'): Promise<SlackStandIn> {
  const log = new CallLog();
  const posts: SlackPost[] = [];
  const responses: Record<string, unknown>[] = [];
  let nextTs = 1_732_430_000;
  let socketUrl = '';
  const channelMembers = new Map<string, readonly string[]>();

  const answer = (
    response: ServerResponse,
    method: string,
    payload: Record<string, unknown>,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    log.record({ method, payload, status });
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

  const server: StartedServer = await startServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const payload = parseBody(body, request.headers['content-type'], url.searchParams);
    const respondMatch = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    if (respondMatch) {
      responses.push(payload);
      return answer(response, 'response_url', payload, 200, { ok: true });
    }
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (method === undefined)
      return answer(response, 'unknown', payload, 404, { ok: false, error: 'unknown_method' });
    log.arrive(method);
    if (log.takeHold(method))
      // Never answered: Slack has not accepted it (a test kills the app meanwhile).
      return new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
    const failure = log.takeFailure(method);
    if (failure !== null) {
      if (failure.status === 429)
        return answer(
          response,
          method,
          payload,
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(failure.retryAfterSeconds) },
        );
      return answer(response, method, payload, failure.status, { ok: false, error: 'fatal_error' });
    }
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? payload.token;
    const expected = method === 'apps.connections.open' ? 'xapp-test-token' : botToken;
    if (token !== expected)
      return answer(response, method, payload, 200, { ok: false, error: 'invalid_auth' });
    switch (method) {
      case 'conversations.members': {
        const members = channelMembers.get(String(payload.channel));
        if (!members)
          return answer(response, method, payload, 200, { ok: false, error: 'channel_not_found' });
        const start = Number(payload.cursor ?? 0);
        const next = start + 2 < members.length ? String(start + 2) : '';
        return answer(response, method, payload, 200, {
          ok: true,
          members: members.slice(start, start + 2),
          response_metadata: { next_cursor: next },
        });
      }
      case 'auth.test':
        return answer(response, method, payload, 200, {
          ok: true,
          url: 'https://aftercare-test.slack.com/',
          team: 'Aftercare Test',
          user: 'aftercare',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        });
      case 'chat.postMessage': {
        const problem = blockKitProblem(payload.blocks);
        if (problem !== null)
          return answer(response, method, payload, 200, { ok: false, error: problem });
        if (typeof payload.channel !== 'string')
          return answer(response, method, payload, 200, { ok: false, error: 'channel_not_found' });
        if (!payload.text && payload.blocks === undefined)
          return answer(response, method, payload, 200, { ok: false, error: 'no_text' });
        const post: SlackPost = {
          channel: payload.channel,
          ts: `${nextTs++}.000100`,
          text: String(payload.text ?? ''),
          ...(typeof payload.thread_ts === 'string' ? { thread_ts: payload.thread_ts } : {}),
          ...(payload.blocks === undefined ? {} : { blocks: payload.blocks as SlackBlock[] }),
        };
        posts.push(post);
        return answer(response, method, payload, 200, {
          ok: true,
          channel: post.channel,
          ts: post.ts,
          message: { type: 'message', bot_id: BOT_ID, user: BOT_USER_ID, ...post },
        });
      }
      case 'chat.update': {
        const problem = blockKitProblem(payload.blocks);
        if (problem !== null)
          return answer(response, method, payload, 200, { ok: false, error: problem });
        return answer(response, method, payload, 200, {
          ok: true,
          channel: payload.channel,
          ts: payload.ts,
          text: payload.text,
        });
      }
      case 'chat.postEphemeral':
        return answer(response, method, payload, 200, {
          ok: true,
          message_ts: `${nextTs++}.000200`,
        });
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return answer(response, method, payload, 200, { ok: true, view: { id: 'V0VIEW' } });
      case 'apps.connections.open':
        return answer(
          response,
          method,
          payload,
          200,
          socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: 'no socket stand-in' },
        );
      default:
        return answer(response, method, payload, 200, { ok: false, error: 'unknown_method' });
    }
  });

  return {
    apiUrl: `${server.url}/api/`,
    url: server.url,
    log,
    botToken,
    posts: () => [...posts],
    responses: () => [...responses],
    responseUrl: (id) => `${server.url}/respond/${id}`,
    setChannelMembers: (channel, members) => {
      channelMembers.set(channel, members);
    },
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    close: () => server.close(),
  };
}

// ---- What Slack sends to the app ----

export interface SignedRequestOptions {
  readonly signingSecret: string;
  /** Seconds since the epoch; now unless given (a stale one must be refused). */
  readonly timestamp?: number;
  readonly retryNum?: number;
  /** Overrides the computed signature (a forged request). */
  readonly signature?: string | null;
}

export interface SlackRequestResult {
  readonly status: number;
  readonly body: string;
}

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs `body` to the app the way Slack does, signed with the signing secret. */
export async function postToApp(
  url: string,
  body: string,
  contentType: string,
  options: SignedRequestOptions,
): Promise<SlackRequestResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined
      ? slackSignature(options.signingSecret, timestamp, body)
      : options.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
      ...(options.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(options.retryNum),
            'x-slack-retry-reason': 'http_timeout',
          }),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

let eventCounter = 0;

/** An Events API envelope around `event`. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev0${(++eventCounter).toString().padStart(8, '0')}`,
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM_ID,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

let tsCounter = 1_732_500_000;
export const nextMessageTs = (): string => `${tsCounter++}.000300`;

/** A direct message from a user to the bot. */
export const directMessage = (
  text: string,
  user = 'U0STAFF01',
  channel = 'D0STAFF01',
): Record<string, unknown> => ({
  type: 'message',
  channel,
  user,
  text,
  ts: nextMessageTs(),
  channel_type: 'im',
  team: TEAM_ID,
});

/** An @mention of the bot in a channel, as Slack writes it: `<@BOTID> text`. */
export const mention = (
  text: string,
  options: { user?: string; channel?: string; threadTs?: string } = {},
): Record<string, unknown> => ({
  type: 'app_mention',
  channel: options.channel ?? 'C0SUPPORT1',
  user: options.user ?? 'U0STAFF01',
  text: `<@${BOT_USER_ID}> ${text}`,
  ts: nextMessageTs(),
  ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
  team: TEAM_ID,
});

let triggerCounter = 0;
export const nextTriggerId = (): string =>
  `${1000 + ++triggerCounter}.4242.abcdef${triggerCounter}`;

/** A slash command, form-encoded like Slack sends it. */
export function slashCommand(
  command: string,
  text: string,
  responseUrl: string,
  options: { channel?: string; user?: string; triggerId?: string } = {},
): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'aftercare-test',
    channel_id: options.channel ?? 'C0SUPPORT1',
    channel_name: 'support',
    user_id: options.user ?? 'U0STAFF01',
    user_name: 'staff',
    command,
    text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: options.triggerId ?? nextTriggerId(),
  }).toString();
}

/** A press on a Block Kit button of `post`, as the form-encoded `payload` Slack sends. */
export function buttonPress(
  post: SlackPost,
  label: string,
  responseUrl: string,
  user = 'U0STAFF01',
): string {
  const element = post.blocks
    ?.flatMap((block) => block.elements ?? [])
    .find((candidate) => candidate.text.text === label);
  if (element === undefined) throw new Error(`no button "${label}" on message ${post.ts}`);
  const block = post.blocks?.find((candidate) => candidate.elements?.includes(element));
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'staff', name: 'staff', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: post.ts,
      channel_id: post.channel,
      is_ephemeral: false,
      ...(post.thread_ts ? { thread_ts: post.thread_ts } : {}),
    },
    trigger_id: nextTriggerId(),
    team: { id: TEAM_ID, domain: 'aftercare-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: post.channel, name: post.channel.startsWith('D') ? 'directmessage' : 'support' },
    message: {
      type: 'message',
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      text: post.text,
      ts: post.ts,
      ...(post.thread_ts ? { thread_ts: post.thread_ts } : {}),
      blocks: post.blocks,
    },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: element.action_id,
        block_id: block?.block_id ?? 'b',
        text: { type: 'plain_text', text: label, emoji: true },
        value: element.value,
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
