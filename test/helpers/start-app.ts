/**
 * The real app (src/app.ts createApp) on the shipped knowledge, listening on a free port of
 * 127.0.0.1, with its SQLite file in a temp folder and a silent logger.
 */
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { repoRoot } from './paths';
import { makeTempDir } from './temp-dir';

export interface RunningApp {
  readonly app: App;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dbPath: string;
  close(): Promise<void>;
}

export async function startApp(
  options: { rootDir?: string; configPath?: string } = {},
): Promise<RunningApp> {
  const dbPath = path.join(makeTempDir('aftercare-app-'), 'aftercare.db');
  const app = createApp({
    rootDir: options.rootDir ?? repoRoot,
    ...(options.configPath ? { configPath: options.configPath } : {}),
    dbPath,
    env: { AFTERCARE_PORT: '0' },
    logger: silentLogger,
  });
  const url = await app.start();
  return { app, url, dbPath, close: () => app.close() };
}
