/**
 * The retention sweep on the app's injected clock: transcripts older than `retentionDays` go,
 * newer ones stay, closed tickets lose what names the customer, the report's figures for the
 * swept days do not change, and the sweep is in the audit log.
 */
import { loadReport } from '../../src/insights/load-report';
import { removeTempDirs } from '../helpers/temp-dir';
import { DAY } from '../core/handoff/support/fakes';
import {
  SARA,
  say,
  seedHistory,
  startPrivacyWorld,
  tablesHolding,
  type PrivacyWorld,
} from './support/world';

jest.setTimeout(60_000);
let world: PrivacyWorld;
afterEach(() => world.close());
afterAll(removeTempDirs);

const count = (world: PrivacyWorld, sql: string): number =>
  (world.app.db.prepare(sql).get() as { n: number }).n;

test('transcripts older than retentionDays are deleted on the sweep; the report keeps their figures', async () => {
  world = await startPrivacyWorld({ privacy: { retentionDays: 30 } });
  await seedHistory(world); // 2 March 2026
  world.clock.set('2026-03-25T09:00:00Z');
  await say(world.app, { channel: 'webchat', id: 'w-recent' }, 'Πόσο διαρκεί η εγγύηση;');
  world.clock.set('2026-04-10T09:00:00Z'); // 39 days after the history, 16 after the recent one
  const range = { from: '2026-03-01', until: '2026-04-11' };
  const before = await loadReport(world.app.db, world.app.brain().matcher, range);
  expect(before.totals.conversations).toBe(3);

  const counts = await world.app.retention.sweep();

  expect(counts).toEqual(
    expect.objectContaining({ conversations: 2, 'tickets (anonymised)': 1, outbox: 0 }),
  );
  expect(counts!.messages).toBeGreaterThanOrEqual(6);
  expect(counts!.ticket_messages).toBeGreaterThanOrEqual(1);
  expect(count(world, `SELECT count(*) AS n FROM messages WHERE at < '2026-03-11'`)).toBe(0);
  expect(
    count(world, `SELECT count(*) AS n FROM messages WHERE conversation_id = 'w-recent'`),
  ).toBe(2);
  // Transcripts and the closed ticket no longer name Sara; her customer record is the warranty file.
  expect(tablesHolding(world.app.db, [SARA.telegram, ...SARA.words, 'quokka thanks'])).toEqual([
    // The customer's channel id is part of the customer record, which stays until an erase.
    `customer_channels: ${SARA.telegram}`,
    // A reply not delivered yet is kept until it is; a learned variant waits for an admin's review.
    `outbox: ${SARA.telegram}`,
    // A service case is the unit's repair record, like the customer record: kept until an erase.
    `service_cases: ${SARA.telegram}`,
    `service_cases: ${SARA.words[0]}`,
    `suggestions: ${SARA.words[0]}`,
  ]);
  const after = await loadReport(world.app.db, world.app.brain().matcher, range);
  expect(after.totals).toEqual(before.totals);
  expect(after.days).toEqual(before.days);
  expect(after.handoffReasons).toEqual(before.handoffReasons);
  expect(after.channels).toEqual(before.channels);
  expect(after.locales).toEqual(before.locales);
  expect(after.firstStaffReply).toEqual(before.firstStaffReply);
  expect(after.firstStaffReply.medianMinutes).toBe(7);
  expect(after.satisfaction).toEqual(before.satisfaction);

  // A second sweep finds nothing more and counts nothing twice.
  const again = await world.app.retention.sweep();
  expect(again!.messages).toBe(0);
  expect((await loadReport(world.app.db, world.app.brain().matcher, range)).totals).toEqual(
    before.totals,
  );
  const audit = await world.app.audit.list();
  expect(audit.map((entry) => [entry.action, entry.actor, entry.subject])).toEqual([
    ['retention', 'retention', 'before:2026-03-11'],
    ['retention', 'retention', 'before:2026-03-11'],
  ]);
});

test('without retentionDays the sweep keeps everything', async () => {
  world = await startPrivacyWorld();
  await seedHistory(world);
  world.clock.advance(400 * DAY);
  expect(await world.app.retention.sweep()).toBeNull();
  expect(count(world, 'SELECT count(*) AS n FROM messages')).toBeGreaterThan(5);
});
