/**
 * Issue 14, point 4: a proactive case update reaches an SMS customer through the REST API and
 * the outbox, in their language; after STOP it is not sent.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readCasesFile } from '../../../src/config/cases-file';
import { loadCaseStatuses } from '../../../src/config/load-case-statuses';
import { repoRoot } from '../../helpers/paths';
import { removeTempDirs } from '../../helpers/temp-dir';
import { BOT_NUMBER } from '../../stand-ins/twilio';
import { startPhoneWorld, type PhoneWorld } from './phone-world';

jest.setTimeout(120_000);

let world: PhoneWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
afterAll(removeTempDirs);

const GREEK = '+306900000077';

async function importSmsCase(world: PhoneWorld, id: string, number: string): Promise<void> {
  const statuses = loadCaseStatuses({
    rootDir: repoRoot,
    knowledgeDir: 'knowledge',
    locales: world.app.config.locales,
  });
  if (statuses === null) throw new Error('knowledge/case-statuses.yaml is missing');
  const header = readFileSync(path.join(repoRoot, 'examples/cases.csv'), 'utf8').split('\n')[0];
  const row = `${id},repair,received,2026-03-01T08:00:00Z,el,sms,${number},${number},WM07-2401-0032,,washing-machine,,,,,,,`;
  const file = readCasesFile('cases.csv', `${header}\n${row}\n`, {
    statuses,
    locales: world.app.config.locales,
    defaultLocale: world.app.config.defaultLocale,
  });
  expect(file.bad).toEqual([]);
  await world.app.caseDesk.importCases(file.rows, { at: world.clock.now(), source: 'import:test' });
}

it('a status change is texted to the customer in Greek, and not after STOP', async () => {
  world = await startPhoneWorld();
  await world.twilio.sms(world.url, GREEK, 'Πόσο διαρκεί η εγγύηση;');
  await importSmsCase(world, 'R-2603-0177', GREEK);

  const changed = await world.app.caseDesk.changeStatus('R-2603-0177', {
    status: 'diagnosing',
    by: 'staff:test',
  });
  expect(changed.outcome).toBe('changed');
  await world.twilio.log.waitUntil(
    () => world!.twilio.sent().some((sms) => sms.body.includes('R-2603-0177')),
    'the case update by SMS',
  );
  const update = world.twilio.sent().find((sms) => sms.body.includes('R-2603-0177'))!;
  expect(update).toMatchObject({ to: GREEK, from: BOT_NUMBER });
  expect(update.body).toContain('τεχνικός');

  expect(await world.twilio.sms(world.url, GREEK, 'STOP')).toHaveLength(1);
  const before = world.twilio.sent().length;
  await world.app.caseDesk.changeStatus('R-2603-0177', {
    status: 'repairing',
    by: 'staff:test',
  });
  // The desk's run hands the update to the SMS channel, which drops it for an opted-out number.
  await world.app.caseDesk.tick();
  expect(
    world.logger.lines.filter((line) => /STOP; proactive sms not sent/.test(line.message)),
  ).toHaveLength(1);
  expect(world.twilio.sent()).toHaveLength(before);
});
