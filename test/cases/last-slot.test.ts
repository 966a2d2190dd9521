/**
 * Two customers press the last free place of the same slot at the same moment, each through their
 * own app on the same SQLite file (two connections, as two replicas or processes would be): one
 * gets the booking and a case number, the other is told it was just taken and offered the next
 * free times, and the slot never holds more than its capacity.
 */
import path from 'node:path';
import type { App } from '../../src/app';
import type { Reply } from '../../src/core/message';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { customer, openCaseApp } from './support/case-app';

// The first on-site slot of the repair centre (Tehran), Tuesday 2 June 08:00–12:00 local; capacity 2.
const slot = 'case:slot:2026-06-02T04:30:00.000Z';
const washer =
  'serial,model,purchase_date,delivery_date,region\nWM07-2509-2001,aquawash-7,2025-09-10,2025-09-12,ir\n';

let apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.map((app) => app.close()));
  apps = [];
  removeTempDirs();
});

/** A customer with a washing machine in warranty, up to the slot offer. */
async function toSlotOffer(app: App, who: string): Promise<(choiceId: string) => Promise<Reply[]>> {
  const send = customer(app, who);
  await send('my washing machine WM07-2509-2001 is leaking water');
  await send('Still broken', 'case:broken');
  const offer = await send('Tehran');
  expect(offer[0]?.choices.map((choice) => choice.id)).toContain(slot);
  return (choiceId) => send('the slot', choiceId);
}

it('two concurrent bookings of the last place: one gets it, the other is offered the next', async () => {
  const dbPath = path.join(makeTempDir('aftercare-slot-'), 'aftercare.db');
  const first = await openCaseApp(dbPath, washer);
  const second = await openCaseApp(dbPath);
  apps = [first, second];

  // One of the two places goes first, the usual way.
  const early = await toSlotOffer(first, 'early');
  expect((await early(slot))[0]?.text).toMatch(/Your case number is R-2606-\d{4}/);

  // Both see the last place offered; both press it at once, through different connections.
  const [pressA, pressB] = await Promise.all([toSlotOffer(first, 'a'), toSlotOffer(second, 'b')]);
  const [a, b] = await Promise.all([pressA(slot), pressB(slot)]);
  const texts = [a[0]?.text ?? '', b[0]?.text ?? ''];
  const won = texts.filter((text) => /Your case number is R-2606-\d{4}/.test(text));
  const lost = [a, b].filter((replies) =>
    /that time has just been taken/.test(replies[0]?.text ?? ''),
  );
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  // The loser is offered the next free times, not the full one.
  const offered = lost[0]?.[0]?.choices.map((choice) => choice.id) ?? [];
  expect(offered.length).toBeGreaterThan(0);
  expect(offered).not.toContain(slot);
  expect(offered[0]).toBe('case:slot:2026-06-02T09:30:00.000Z');

  // The store agrees: two bookings in the slot, its capacity.
  const counts = await createSqliteCaseStore(second.db).bookedCounts(
    'repair-centre',
    'on-site',
    new Date('2026-06-02T00:00:00Z'),
    new Date('2026-06-03T00:00:00Z'),
  );
  expect(counts.get('2026-06-02T04:30:00.000Z')).toBe(2);
  expect(counts.get('2026-06-02T09:30:00.000Z') ?? 0).toBe(0);
});
