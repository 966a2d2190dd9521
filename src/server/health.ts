/** GET /healthz: 200 with a small status when storage answers and knowledge is loaded, 503 otherwise. */
import type { Brain } from '../core/brain';
import type { HttpRoutes } from '../core/channel';
import type { SqliteDatabase } from '../storage/sqlite/open-database';
import { schemaVersion } from '../storage/sqlite/open-database';
import { sendJson } from './http-body';

export interface HealthSources {
  readonly db: SqliteDatabase;
  readonly brain: () => Brain;
  readonly startedAt: Date;
}

export function mountHealth(routes: HttpRoutes, sources: HealthSources): void {
  routes.add('GET', '/healthz', (_request, response) => {
    try {
      const knowledge = sources.brain().knowledge;
      sendJson(response, 200, {
        status: 'ok',
        schemaVersion: schemaVersion(sources.db),
        faqs: knowledge.faqs.length,
        intents: knowledge.intents.length,
        since: sources.startedAt.toISOString(),
      });
    } catch {
      sendJson(response, 503, { status: 'unavailable' });
    }
  });
}
