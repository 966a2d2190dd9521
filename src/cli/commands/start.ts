/** `aftercare start` (what `npm start` runs): the web chat plus every channel whose variables are set. */
import { createApp } from '../../app';
import type { CliCommand } from '../io';

export const startCommand: CliCommand = async (_args, io) => {
  const app = createApp({ rootDir: io.rootDir, env: io.env, watchKnowledge: true });
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
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      app.logger.info({ signal }, 'shutting down');
      void app.close().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // Nothing half-alive: a channel this replica took over later could not start (onChannelFailure: exit).
    void app.failed.then((error) => {
      io.stderr(`aftercare: ${error.message}\n`);
      void app.close().then(() => resolve(1));
    });
  });
};
