/**
 * Privacy requests on the real app's database: export finds everything held about a person, by
 * each of the three selectors; erase leaves nothing of them in any table (FTS or virtual tables
 * included, should one appear), keeps the report's aggregates, leaves the other customer alone,
 * and writes one audit line with who, when and the counts.
 */
import { loadReport } from '../../src/insights/load-report';
import { removeTempDirs } from '../helpers/temp-dir';
import {
  BOB,
  SARA,
  everyTable,
  seedHistory,
  startPrivacyWorld,
  tablesHolding,
  type PrivacyWorld,
} from './support/world';

jest.setTimeout(60_000);
let world: PrivacyWorld;
afterEach(() => world.close());
afterAll(removeTempDirs);

const saraTraces = [
  SARA.name,
  'Quokkaberg',
  '9125550199',
  SARA.email,
  SARA.telegram,
  ...SARA.words,
  'quokka thanks',
];
const range = { from: '2026-03-01', until: '2026-03-10' };

const selectors = [
  { kind: 'customer', customerId: 1 },
  { kind: 'phone', phone: '+98-912-555-0199' },
  { kind: 'channel-id', channel: 'telegram', userId: SARA.telegram },
] as const;

describe('export', () => {
  test('by customer id, by phone (written differently) and by channel id: customer, units, conversations, tickets and ratings', async () => {
    world = await startPrivacyWorld();
    await seedHistory(world);
    for (const selector of selectors) {
      const data = await world.app.privacy.exportPerson(selector);
      expect(data).not.toBeNull();
      expect(data!.customers).toEqual([
        expect.objectContaining({ name: SARA.name, email: SARA.email }),
      ]);
      expect(data!.channelIds).toContainEqual({ channel: 'telegram', userId: SARA.telegram });
      expect(data!.units).toEqual([expect.objectContaining({ serial: 'NV1225090001' })]);
      expect(data!.conversations).toHaveLength(1);
      const texts = JSON.stringify(data!.conversations);
      for (const words of SARA.words) expect(texts).toContain(words);
      expect(texts).not.toContain(BOB.words);
      expect(data!.tickets).toEqual([
        expect.objectContaining({
          reason: expect.any(String),
          messages: expect.arrayContaining([expect.objectContaining({ author: 'staff' })]),
        }),
      ]);
      expect(data!.more.cases).toEqual([
        expect.objectContaining({
          serial: 'NV1225090001',
          notes: [expect.objectContaining({ text: `called ${SARA.name}` })],
        }),
      ]);
      expect(data!.ratings).toEqual([
        expect.objectContaining({ score: 4, comment: 'quokka thanks' }),
      ]);
    }
  });

  test('someone unknown has nothing to export or erase', async () => {
    world = await startPrivacyWorld();
    await seedHistory(world);
    const nobody = { kind: 'channel-id', channel: 'telegram', userId: '1' } as const;
    expect(await world.app.privacy.exportPerson(nobody)).toBeNull();
    expect(
      await world.app.privacy.erasePerson(nobody, { actor: 'cli:test', at: world.clock.now() }),
    ).toBeNull();
    expect(await world.app.audit.list()).toEqual([]);
  });
});

describe('erase', () => {
  test('nothing of the person is left in any table; aggregates, the unit and Bob stay; one audit line', async () => {
    world = await startPrivacyWorld();
    await seedHistory(world);
    const { app } = world;
    expect(tablesHolding(app.db, saraTraces).length).toBeGreaterThan(5);
    const before = await loadReport(app.db, app.brain().matcher, range);
    const bobBefore = everyTable(app.db).get('messages')!.includes(BOB.words);
    expect(bobBefore).toBe(true);

    const counts = await app.privacy.erasePerson(
      { kind: 'channel-id', channel: 'telegram', userId: SARA.telegram },
      { actor: 'cli:dpo', at: world.clock.now() },
    );
    expect(counts).toEqual(
      expect.objectContaining({
        customers: 1,
        customer_channels: 1,
        conversations: 1,
        'tickets (anonymised)': 1,
        'units (unlinked)': 1,
        suggestions: 1,
        'service_cases (anonymised)': 1,
        service_case_notes: 1,
        'outbox (case notices)': 1,
      }),
    );
    expect(counts!.messages).toBeGreaterThanOrEqual(5);
    expect(counts!.outbox).toBe(1);
    expect(tablesHolding(app.db, saraTraces)).toEqual([]);

    const after = await loadReport(app.db, app.brain().matcher, range);
    expect(before.totals.handedOff).toBe(1);
    expect(after.totals).toEqual(before.totals);
    expect(after.days).toEqual(before.days);
    expect(after.handoffReasons).toEqual(before.handoffReasons);
    expect(after.locales).toEqual(before.locales);
    expect(after.satisfaction).toEqual(before.satisfaction);
    expect(after.firstStaffReply).toEqual(before.firstStaffReply);
    expect(everyTable(app.db).get('messages')).toContain(BOB.words);
    expect(everyTable(app.db).get('units')).toContain('NV1225090001');

    const audit = await app.audit.list();
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'cli:dpo',
        action: 'erase',
        subject: 'customer:1',
        at: world.clock.now(),
        detail: { selector: 'channel-id', counts },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(SARA.telegram);
  });

  test('an erase that fails part-way leaves everything as it was (one transaction)', async () => {
    world = await startPrivacyWorld();
    await seedHistory(world);
    const { app } = world;
    const before = everyTable(app.db);
    // A trigger makes the last step (the customer row) fail.
    app.db.exec(
      "CREATE TRIGGER refuse BEFORE DELETE ON customers BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    // Sara is found first, so that a resolved erase below can only mean the transaction did not hold.
    expect(await app.privacy.exportPerson({ kind: 'customer', customerId: 1 })).not.toBeNull();
    const outcome = await app.privacy
      .erasePerson({ kind: 'customer', customerId: 1 }, { actor: 'cli:x', at: world.clock.now() })
      .then(
        (counts) => ({ counts }),
        (error: Error) => ({ error: error.message }),
      );
    expect(outcome).toEqual({ error: expect.stringContaining('refused') });
    expect(everyTable(app.db)).toEqual(before);
  });
});
