/** The storage a CLI command works on: the running bot's (SQLite, or AFTERCARE_DATABASE_URL). */
import type { CliIo } from './io';
import { databaseUrlFrom, openStorage, type Storage } from '../storage/open-storage';

export function openCliStorage(io: CliIo, config: { readonly databasePath: string }): Storage {
  return openStorage({
    databasePath: config.databasePath,
    databaseUrl: databaseUrlFrom(io.env),
    applicationName: 'aftercare cli',
  });
}
