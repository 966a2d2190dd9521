/** GET /healthz: 200 with a small status when storage answers and knowledge is loaded, 503 otherwise. */
import type { Brain } from '../core/brain';
import type { HttpRoutes } from '../core/channel';
import type { SqliteDatabase } from '../storage/sqlite/open-database';
import { schemaVersion } from '../storage/sqlite/open-database';
import { sendJson } from './http-body';

export interface HealthSources {
  readonly db: SqliteDatabase;
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
  routes.add('GET', '/healthz', (_request, response) => {
    try {
      const knowledge = sources.brain().knowledge;
      const status = sources.knowledge();
      const down = sources.channelsDown();
      sendJson(response, down.length > 0 ? 503 : 200, {
        status: down.length > 0 ? 'degraded' : 'ok',
        channelsDown: down,
        schemaVersion: schemaVersion(sources.db),
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
  });
}
