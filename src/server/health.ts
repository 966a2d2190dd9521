/** GET /healthz: 200 with a small status when storage answers and knowledge is loaded, 503 otherwise. */
import type { ServerResponse } from 'node:http';
import type { Brain } from '../core/brain';
import type { HttpRoutes } from '../core/channel';
import { sendJson } from './http-body';

export interface HealthSources {
  /** The database's schema version: reading it is the check that storage answers. */
  readonly schemaVersion: () => Promise<number>;
  readonly brain: () => Brain;
  readonly knowledge: () => {
    readonly version: string;
    readonly loadedAt: Date;
    readonly lastFailure: {
      readonly at: Date;
      readonly version: string;
      readonly error: string;
    } | null;
  };
  /** Configured channels that could not start: the process is up but not all of it serves. */
  readonly channelsDown: () => readonly { readonly channel: string; readonly error: string }[];
  readonly startedAt: Date;
}

export function mountHealth(routes: HttpRoutes, sources: HealthSources): void {
  const answer = async (response: ServerResponse): Promise<void> => {
    try {
      const schemaVersion = await sources.schemaVersion();
      const knowledge = sources.brain().knowledge;
      const status = sources.knowledge();
      const down = sources.channelsDown();
      sendJson(response, down.length > 0 ? 503 : 200, {
        status: down.length > 0 ? 'degraded' : 'ok',
        channelsDown: down,
        schemaVersion,
        faqs: knowledge.faqs.length,
        intents: knowledge.intents.length,
        knowledgeVersion: status.version,
        knowledgeLoadedAt: status.loadedAt.toISOString(),
        // An edit that did not load: the bot still answers, from the version above.
        lastFailedReload: status.lastFailure && {
          at: status.lastFailure.at.toISOString(),
          version: status.lastFailure.version,
          error: status.lastFailure.error,
        },
        since: sources.startedAt.toISOString(),
      });
    } catch {
      sendJson(response, 503, { status: 'unavailable' });
    }
  };
  routes.add('GET', '/healthz', (_request, response) => void answer(response));
}
