/** `aftercare start` (what `npm start` runs): the web chat plus every channel whose variables are set. */
import { watch } from 'node:fs';
import path from 'node:path';
import { createApp } from '../../app';
import type { CliCommand } from '../io';

export const startCommand: CliCommand = async (_args, io) => {
  const app = createApp({ rootDir: io.rootDir, env: io.env });
  const url = await app.start();
  app.logger.info(
    { url, database: app.config.databasePath },
    `Aftercare is running: web chat at ${url}`,
  );
  for (const status of app.channels) {
    if (status.started)
      app.logger.info({ channel: status.channel }, `channel ${status.channel} started`);
    else
      app.logger.info(
        { channel: status.channel, missing: status.missing },
        `channel ${status.channel} is off: set ${status.missing.join(', ')} to start it`,
      );
  }
  const stopWatching = watchKnowledge(app, io.rootDir);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      app.logger.info({ signal }, 'shutting down');
      stopWatching();
      void app.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
};

/** Picks up an admin's edits (a `git pull` on the server): reload shortly after the last change. */
function watchKnowledge(app: ReturnType<typeof createApp>, rootDir: string): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => app.reloadKnowledge(), 300);
  };
  const watchers = [app.config.knowledgeDir, app.config.intentsDir].map((dir) =>
    watch(path.resolve(rootDir, dir), { recursive: true }, schedule),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
