/**
 * A local stand-in of the Bot Framework connector a Teams bot talks to (the activity's
 * serviceUrl): POST /v3/conversations/:id/activities and /activities/:replyToId, PUT
 * /activities/:activityId (an update of a sent activity), records every activity, failure
 * injection, a send held open (`log.holdNext('activities')`). Plus activities shaped the way Teams
 * sends them, and a helper that posts one to the bot's /api/messages.
 */
import { CallLog, parseBody, startServer, type StartedServer } from './server';

export const BOT_APP_ID = '00000000-0000-0000-0000-00000000b0a7';
export const TENANT_ID = '72f988bf-0000-0000-0000-2d7cd011db47';

export interface SentActivity {
  readonly conversationId: string;
  readonly replyToId?: string;
  readonly id: string;
  readonly activity: Record<string, unknown>;
}

export interface UpdatedActivity {
  readonly conversationId: string;
  /** The id of the activity replaced. */
  readonly activityId: string;
  readonly activity: Record<string, unknown>;
}

export interface ConnectorStandIn {
  readonly serviceUrl: string;
  /** Method `activities`: both sendToConversation and replyToActivity; `updateActivity`: a PUT. */
  readonly log: CallLog;
  /** Activities the bot sent successfully. */
  sent(): SentActivity[];
  /** Updates the bot made successfully, oldest first. */
  updated(): UpdatedActivity[];
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const log = new CallLog();
  const sent: SentActivity[] = [];
  const updated: UpdatedActivity[] = [];
  let nextId = 1;
  const server: StartedServer = await startServer(async (request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (match !== null && match[2] !== undefined && request.method === 'PUT') {
      const update = {
        conversationId: decodeURIComponent(match[1] ?? ''),
        activityId: decodeURIComponent(match[2]),
        activity: parseBody(body, 'application/json', new URLSearchParams()),
      };
      const failure = log.takeFailure('updateActivity');
      const known = sent.some((item) => item.id === update.activityId);
      const status = failure?.status ?? (known ? 200 : 404);
      log.record({ method: 'updateActivity', payload: update, status });
      if (status !== 200) {
        response.writeHead(status, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: {
              code: known ? 'ServiceError' : 'NotFound',
              message: known ? 'injected failure' : `no activity ${update.activityId}`,
            },
          }),
        );
        return;
      }
      updated.push(update);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: update.activityId }));
      return;
    }
    if (match === null || request.method !== 'POST') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { code: 'NotFound', message: `${request.method} ${url.pathname}` },
        }),
      );
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? '');
    const replyToId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    const activity = parseBody(body, 'application/json', new URLSearchParams());
    const payload = {
      ...activity,
      conversationId,
      ...(replyToId === undefined ? {} : { replyToId }),
    };
    log.arrive('activities');
    if (log.takeHold('activities')) {
      // Never answered: the connector has not accepted it (a test kills the bot meanwhile).
      await new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
      return;
    }
    const failure = log.takeFailure('activities');
    if (failure !== null) {
      log.record({ method: 'activities', payload, status: failure.status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(failure.retryAfterSeconds);
      response.writeHead(failure.status, headers).end(
        JSON.stringify({
          error: {
            code: failure.status === 429 ? 'Throttled' : 'ServiceError',
            message: 'injected failure',
          },
        }),
      );
      return;
    }
    const id = `bot-activity-${nextId++}`;
    sent.push({ conversationId, id, activity, ...(replyToId === undefined ? {} : { replyToId }) });
    log.record({ method: 'activities', payload, status: 200 });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  return {
    serviceUrl: server.url,
    log,
    sent: () => [...sent],
    updated: () => [...updated],
    close: () => server.close(),
  };
}

let activityCounter = 0;

export interface TeamsMessageOptions {
  readonly serviceUrl: string;
  readonly text?: string;
  readonly id?: string;
  /** A personal chat (default) or a channel post mentioning the bot. */
  readonly where?: 'personal' | 'channel';
  readonly locale?: string;
  readonly value?: Record<string, unknown>;
  readonly user?: { id: string; name: string; aadObjectId: string };
  readonly fromBot?: boolean;
}

export const teamsUser = {
  id: '29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrGdQWA',
  name: 'Sara Ahmadi',
  aadObjectId: 'c9f1a2b3-0000-4000-8000-5a2a6f0e1d11',
};

/** A message activity as Teams posts it to the bot. */
export function teamsMessage(options: TeamsMessageOptions): Record<string, unknown> {
  const id = options.id ?? `17324300000${(++activityCounter).toString().padStart(2, '0')}`;
  const channel = options.where === 'channel';
  const botMention = '<at>Aftercare</at>';
  const text =
    options.text === undefined
      ? undefined
      : channel
        ? `${botMention} ${options.text}`
        : options.text;
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: options.fromBot
      ? { id: '28:another-bot', name: 'Other bot', role: 'bot' }
      : (options.user ?? teamsUser),
    conversation: channel
      ? {
          isGroup: true,
          conversationType: 'channel',
          id: `19:4dc1c0d1b2f1468fa0d1@thread.tacv2;messageid=${id}`,
          tenantId: TENANT_ID,
        }
      : {
          conversationType: 'personal',
          id: 'a:1vU0k2d3oFbY3CqT0aUq0Yx0cJ8e5mZ8dQpVh7w',
          tenantId: TENANT_ID,
        },
    recipient: { id: `28:${BOT_APP_ID}`, name: 'Aftercare' },
    textFormat: 'plain',
    locale: options.locale ?? 'en-US',
    ...(text === undefined ? {} : { text }),
    ...(options.value === undefined ? {} : { value: options.value }),
    entities: [
      {
        type: 'clientInfo',
        locale: options.locale ?? 'en-US',
        country: 'US',
        platform: 'Web',
        timezone: 'Asia/Tehran',
      },
      ...(channel
        ? [
            {
              type: 'mention',
              text: botMention,
              mentioned: { id: `28:${BOT_APP_ID}`, name: 'Aftercare' },
            },
          ]
        : []),
    ],
    channelData: {
      tenant: { id: TENANT_ID },
      ...(channel
        ? {
            teamsChannelId: '19:4dc1c0d1b2f1468fa0d1@thread.tacv2',
            teamsTeamId: '19:team0000@thread.tacv2',
            channel: { id: '19:4dc1c0d1b2f1468fa0d1@thread.tacv2' },
            team: { id: '19:team0000@thread.tacv2' },
          }
        : {}),
    },
  };
}

/** Posts an activity to the bot like the Bot Framework service does. */
export async function postActivity(
  url: string,
  activity: Record<string, unknown>,
  authorization?: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}
