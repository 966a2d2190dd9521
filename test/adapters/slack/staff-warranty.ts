/**
 * Warranty data for the `/warranty` tests: the sample units of examples/units.csv imported into
 * the app's database, and the staff report of a serial computed independently of Slack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, type App } from '../../../src/app';
import { loadWarrantyRules } from '../../../src/config/load-warranty';
import { readUnitsFile } from '../../../src/config/units-file';
import { createWarrantyService } from '../../../src/core/warranty/service';
import { formatStaffReport } from '../../../src/core/warranty/staff-report';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';

export async function importSampleUnits(
  app: App,
  rootDir: string,
): Promise<(serial: string) => Promise<string>> {
  const { rules } = loadWarrantyRules({
    rootDir,
    knowledgeDir: app.config.knowledgeDir,
    locales: app.config.locales,
    defaultLocale: app.config.defaultLocale,
  });
  const units = createSqliteUnitStore(app.db);
  const file = path.join(projectRoot, 'examples', 'units.csv');
  await units.importUnits(readUnitsFile('units.csv', readFileSync(file, 'utf8'), rules).rows, {
    at: app.clock.now(),
    source: 'units.csv',
  });
  const service = createWarrantyService({
    rules,
    units,
    clock: app.clock,
    timeZone: app.config.businessHours.timeZone,
  });
  return async (serial) =>
    formatStaffReport(await service.status(serial), await service.record(serial), { rules });
}
