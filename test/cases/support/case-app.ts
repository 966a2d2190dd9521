/** The real app on the shipped knowledge and a SQLite file, at a fixed time, with units imported; and a customer who types or presses. */
import { createApp, type App } from '../../../src/app';
import { loadWarrantyRules } from '../../../src/config/load-warranty';
import { readUnitsFile } from '../../../src/config/units-file';
import type { Reply } from '../../../src/core/message';
import { silentLogger } from '../../../src/logger';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';
import { repoRoot } from '../../helpers/paths';

/** Monday 1 June 2026, 12:30 in Tehran. */
export const caseClock = new Date('2026-06-01T09:00:00Z');

export async function openCaseApp(dbPath: string, unitsCsv?: string): Promise<App> {
  const app = createApp({
    rootDir: repoRoot,
    dbPath,
    channels: 'none',
    logger: silentLogger,
    clock: { now: () => caseClock },
  });
  if (unitsCsv) {
    const rules = loadWarrantyRules({
      rootDir: repoRoot,
      knowledgeDir: 'knowledge',
      locales: app.config.locales,
      defaultLocale: app.config.defaultLocale,
    }).rules;
    const units = readUnitsFile('units.csv', unitsCsv, rules);
    if (units.bad.length > 0) throw new Error(`bad unit rows: ${JSON.stringify(units.bad)}`);
    await createSqliteUnitStore(app.db).importUnits(units.rows, { at: caseClock });
  }
  return app;
}

/** Sends as one customer of the `test` channel: text, or a pressed button with its id. */
export function customer(app: App, who: string) {
  let count = 0;
  return (text: string, choiceId?: string): Promise<Reply[]> =>
    app.handle({
      channel: 'test',
      conversationId: who,
      userId: who,
      messageId: `${who}-${count++}`,
      text,
      receivedAt: caseClock,
      ...(choiceId ? { choiceId } : {}),
    });
}
