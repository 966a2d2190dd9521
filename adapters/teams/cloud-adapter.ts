/**
 * The Bot Framework CloudAdapter, configured from the MicrosoftApp* settings and mounted as a
 * node:http handler. Without an app id, ConfigurationBotFrameworkAuthentication accepts requests
 * without a token (the Emulator's local development mode); with one, a request without a valid
 * Bot Framework token is refused with 401 before anything is stored.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { HttpHandler } from '../../src/core/channel';
import type { Logger } from '../../src/core/ports';
import { BodyError, readBody, sendJson, sendStatus } from '../../src/server/http-body';
import { errorMessage } from '../../src/core/error-message';
import { parseActivity } from './to-message';

export interface Credentials {
  readonly appId: string;
  readonly appPassword?: string;
  readonly appType?: string;
  readonly tenantId?: string;
}

/** processActivity is protected on CloudAdapter; our HTTP handling calls it directly. */
export class MountedCloudAdapter extends CloudAdapter {
  constructor(credentials: Credentials) {
    super(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword ?? '',
        MicrosoftAppType: credentials.appType ?? (credentials.appId === '' ? '' : 'MultiTenant'),
        MicrosoftAppTenantId: credentials.tenantId ?? '',
      }),
    );
  }

  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

export const statusOf = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/**
 * POST /api/messages: one activity in, the turn run, 200 (or an invoke response) out. With an app
 * id a request without a bearer token is refused before its body is read, and any body is read
 * only up to `maxBodyBytes` before its token is checked.
 */
export function createActivityEndpoint(
  adapter: MountedCloudAdapter,
  onTurn: (context: TurnContext) => Promise<void>,
  logger: Logger,
  maxBodyBytes: number,
  requireToken: boolean,
): HttpHandler {
  const receive = async (...[request, response]: Parameters<HttpHandler>): Promise<void> => {
    if (requireToken && !/^Bearer \S/i.test(request.headers.authorization ?? '')) {
      logger.warn(
        { remote: request.socket.remoteAddress },
        'teams request without a token; refused',
      );
      // Discarded as it arrives, never buffered.
      request.resume();
      sendStatus(response, 401);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request, maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyError) sendJson(response, error.status, { error: error.message });
      else sendJson(response, 400, { error: 'the body must be a Bot Framework activity (JSON)' });
      return;
    }
    if (parseActivity(body) === null) {
      sendJson(response, 400, {
        error: 'not an activity: type, from, recipient and conversation are required',
      });
      return;
    }
    try {
      const invokeResponse = await adapter.handle(
        request.headers.authorization ?? '',
        body as Activity,
        onTurn,
      );
      if (invokeResponse?.body === undefined) sendStatus(response, invokeResponse?.status ?? 200);
      else sendJson(response, invokeResponse.status, invokeResponse.body);
    } catch (error) {
      const status = statusOf(error);
      if (status === 401 || status === 403) {
        logger.warn(
          { status, remote: request.socket.remoteAddress },
          'teams request not authenticated; refused',
        );
        sendStatus(response, 401);
        return;
      }
      logger.error({ error: errorMessage(error) }, 'teams request failed');
      sendStatus(response, 500);
    }
  };
  return (request, response) => void receive(request, response);
}
