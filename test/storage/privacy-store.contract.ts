/**
 * The shared contract every PrivacyStore backend passes (SQLite and PostgreSQL): export finds
 * everything held about a person by each of the three selectors; erase leaves nothing of them in
 * any table, keeps the report's figures, leaves the other customer alone and writes one audit line,
 * all in one transaction; the retention sweep deletes old transcripts and keeps their figures, and
 * two sweeps at once count nothing twice. History is written through the stores' ports.
 */
import type { AuditLog, PrivacyStore } from '../../src/core/privacy/ports';
import type { ReportFiguresReader } from '../../src/insights/report';
import {
  BOB,
  SARA,
  saraTraces,
  seedPrivacyHistory,
  reply,
  turn,
  type SeedStores,
} from './support/privacy-seed';

export interface PrivacyBackend extends SeedStores {
  readonly privacy: PrivacyStore;
  readonly audit: AuditLog;
  readonly figures: ReportFiguresReader;
  /** Every row of every table as text (rows sorted), per table. */
  dump(): Promise<Map<string, string>>;
  /** From now on, deleting a customer row fails (until the next backend is created). */
  refuseCustomerDelete(): Promise<void>;
}

/** The tables in which any of the strings is still found. */
export async function tablesHolding(
  backend: PrivacyBackend,
  needles: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const [table, text] of await backend.dump())
    for (const needle of needles) if (text.includes(needle)) found.push(`${table}: ${needle}`);
  return found;
}

export function runPrivacyStoreContract(
  name: string,
  create: () => PrivacyBackend | Promise<PrivacyBackend>,
): void {
  describe(`PrivacyStore contract: ${name}`, () => {
    const range = { from: '2026-03-01', until: '2026-04-11' };
    const selectors = [
      { kind: 'customer', customerId: 1 },
      { kind: 'phone', phone: '+98-912-555-0199' },
      { kind: 'channel-id', channel: 'telegram', userId: SARA.telegram },
    ] as const;

    test('export by customer id, by phone (written differently) and by channel id', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend);
      for (const selector of selectors) {
        const data = await backend.privacy.exportPerson(selector);
        expect(data).not.toBeNull();
        expect(data!.customers).toEqual([
          expect.objectContaining({ name: SARA.name, email: SARA.email }),
        ]);
        expect(data!.channelIds).toContainEqual({ channel: 'telegram', userId: SARA.telegram });
        expect(data!.channelIds).toContainEqual({ channel: 'sms', userId: '+989125550199' });
        expect(data!.units).toEqual([
          expect.objectContaining({
            serial: 'NV1225090001',
            history: [expect.objectContaining({ event: 'created' })],
          }),
        ]);
        expect(data!.conversations).toEqual([
          expect.objectContaining({ channel: 'telegram', conversationId: SARA.telegram }),
        ]);
        const texts = JSON.stringify(data!.conversations);
        for (const words of SARA.words) expect(texts).toContain(words);
        expect(texts).not.toContain(BOB.words);
        expect(data!.tickets).toEqual([
          expect.objectContaining({
            reason: 'requested',
            messages: [
              expect.objectContaining({ author: 'customer' }),
              expect.objectContaining({ author: 'staff', author_name: 'Reza' }),
            ],
          }),
        ]);
        expect(data!.more.cases).toEqual([
          expect.objectContaining({
            serial: 'NV1225090001',
            history: [expect.objectContaining({ status: 'received' })],
            notes: [expect.objectContaining({ text: `called ${SARA.name}` })],
          }),
        ]);
        expect(data!.ratings).toEqual([
          expect.objectContaining({ score: 4, comment: 'quokka thanks' }),
        ]);
      }
    });

    test('someone unknown has nothing to export or erase, and no audit line is written', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend);
      const nobody = { kind: 'channel-id', channel: 'telegram', userId: '1' } as const;
      expect(await backend.privacy.exportPerson(nobody)).toBeNull();
      expect(await backend.privacy.exportPerson({ kind: 'customer', customerId: 99 })).toBeNull();
      const at = new Date('2026-03-03T10:00:00Z');
      expect(await backend.privacy.erasePerson(nobody, { actor: 'cli:test', at })).toBeNull();
      expect(await backend.audit.list()).toEqual([]);
    });

    test('erase: nothing of the person is left in any table; figures, the unit and Bob stay; one audit line', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend);
      expect((await tablesHolding(backend, saraTraces)).length).toBeGreaterThan(5);
      const before = await backend.figures(range);
      expect(before.days.reduce((sum, day) => sum + day.handedOff, 0)).toBe(1);
      expect(before.tickets).toEqual([
        expect.objectContaining({ firstStaffReplyAt: '2026-03-02T06:39:00.000Z', satisfaction: 4 }),
      ]);

      const at = new Date('2026-03-03T10:00:00Z');
      const counts = await backend.privacy.erasePerson(
        { kind: 'channel-id', channel: 'telegram', userId: SARA.telegram },
        { actor: 'cli:dpo', at },
      );
      expect(counts).toEqual({
        messages: 6,
        conversation_refs: 0,
        conversations: 1,
        outbox: 1,
        ticket_messages: 2,
        'tickets (anonymised)': 1,
        suggestion_sources: 0,
        suggestions: 1,
        'service_cases (anonymised)': 1,
        service_case_notes: 1,
        'service_case_history (notes removed)': 0,
        'outbox (case notices)': 1,
        'units (unlinked)': 1,
        customer_channels: 1,
        customers: 1,
      });
      expect(await tablesHolding(backend, saraTraces)).toEqual([]);

      expect(await backend.figures(range)).toEqual(before);
      const tables = await backend.dump();
      expect(tables.get('messages')).toContain(BOB.words);
      expect(tables.get('units')).toContain('NV1225090001');
      expect(await backend.privacy.exportPerson({ kind: 'customer', customerId: 1 })).toBeNull();

      const audit = await backend.audit.list();
      expect(audit).toEqual([
        expect.objectContaining({
          actor: 'cli:dpo',
          action: 'erase',
          subject: 'customer:1',
          at,
          detail: { selector: 'channel-id', counts },
        }),
      ]);
      expect(JSON.stringify(audit)).not.toContain(SARA.telegram);
    });

    test('an erase that fails part-way leaves everything as it was (one transaction)', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend);
      const before = await backend.dump();
      await backend.refuseCustomerDelete();
      const outcome = await backend.privacy
        .erasePerson(
          { kind: 'customer', customerId: 1 },
          { actor: 'cli:x', at: new Date('2026-03-03T10:00:00Z') },
        )
        .then(
          (counts) => ({ counts }),
          (error: Error) => ({ error: error.message }),
        );
      expect(outcome).toEqual({ error: expect.stringContaining('refused') });
      expect(await backend.dump()).toEqual(before);
    });

    test('retention: transcripts before the cutoff day go, newer ones stay, figures are kept, a second sweep counts nothing twice', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend); // 2 March 2026
      const recent = { channel: 'webchat', conversationId: 'w-recent' };
      await turn(
        backend.conversations,
        recent,
        'Πόσο διαρκεί η εγγύηση;',
        'el',
        [reply('Δύο χρόνια.', { locale: 'el' })],
        new Date('2026-03-25T09:00:00Z'),
      );
      const before = await backend.figures(range);
      expect(before.days.reduce((sum, day) => sum + day.conversations, 0)).toBe(3);

      const now = new Date('2026-04-10T09:00:00Z');
      const cutoff = new Date(now.getTime() - 30 * 86_400_000);
      const counts = await backend.privacy.applyRetention(cutoff, { actor: 'retention', at: now });
      expect(counts).toEqual({
        messages: 8,
        ticket_messages: 2,
        'tickets (anonymised)': 1,
        conversations: 2,
        conversation_refs: 0,
        outbox: 0,
        'report_days (days added)': 1,
      });
      const tables = await backend.dump();
      expect(tables.get('messages')).toContain('Πόσο διαρκεί');
      expect(tables.get('messages')).not.toContain(BOB.words);
      // Transcripts and the closed ticket no longer name Sara; her customer record is the warranty file.
      expect(await tablesHolding(backend, [SARA.telegram, ...SARA.words, 'quokka thanks'])).toEqual(
        [
          `customer_channels: ${SARA.telegram}`,
          // A reply not delivered yet is kept until it is; a learned variant waits for review.
          `outbox: ${SARA.telegram}`,
          // A service case is the unit's repair record, like the customer record: kept until an erase.
          `service_cases: ${SARA.telegram}`,
          `service_cases: ${SARA.words[0]}`,
          `suggestions: ${SARA.words[0]}`,
        ],
      );
      expect(await backend.figures(range)).toEqual(before);

      const again = await backend.privacy.applyRetention(cutoff, { actor: 'retention', at: now });
      expect(again).toEqual(
        expect.objectContaining({ messages: 0, 'report_days (days added)': 0 }),
      );
      expect(await backend.figures(range)).toEqual(before);
      const audit = await backend.audit.list();
      expect(audit.map((entry) => [entry.action, entry.actor, entry.subject])).toEqual([
        ['retention', 'retention', 'before:2026-03-11'],
        ['retention', 'retention', 'before:2026-03-11'],
      ]);
    });

    test('two sweeps at once (two replicas) add each day to the figures once', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend);
      const before = await backend.figures(range);
      const now = new Date('2026-04-10T09:00:00Z');
      const sweep = () =>
        backend.privacy.applyRetention(new Date('2026-03-11T09:00:00Z'), {
          actor: 'retention',
          at: now,
        });
      const [first, second] = await Promise.all([sweep(), sweep()]);
      expect([first.messages, second.messages].sort()).toEqual([0, 8]);
      expect(await backend.figures(range)).toEqual(before);
    });

    test('an erase after the retention sweep keeps the figures too', async () => {
      const backend = await create();
      await seedPrivacyHistory(backend);
      const before = await backend.figures(range);
      const now = new Date('2026-04-10T09:00:00Z');
      await backend.privacy.applyRetention(new Date('2026-03-11T09:00:00Z'), {
        actor: 'retention',
        at: now,
      });
      const counts = await backend.privacy.erasePerson(
        { kind: 'phone', phone: SARA.phone },
        { actor: 'cli:dpo', at: now },
      );
      // Her transcripts had gone with the sweep; what is left is her record and her case.
      expect(counts).toEqual(
        expect.objectContaining({ customers: 1, 'units (unlinked)': 1, service_case_notes: 1 }),
      );
      expect(counts!.messages ?? 0).toBe(0);
      // Her undelivered reply goes with her (its lane is her chat); a learned variant can no longer
      // be traced to her once the transcript it came from is gone: it waits for an admin's review.
      expect(await tablesHolding(backend, saraTraces)).toEqual([`suggestions: ${SARA.words[0]}`]);
      expect(await backend.figures(range)).toEqual(before);
    });
  });
}
