/**
 * The shared contract every CaseStore backend passes (SQLite and PostgreSQL). A backend's
 * test file calls `runCaseStoreContract('name', () => ({ cases, outbox }))` with an empty store and
 * the outbox on the same database (status changes queue their notices in the same transaction);
 * the suite uses the ports only.
 */
import type { CaseImport, CaseStore, NewCase } from '../../src/core/cases/ports';
import type { ServiceCase } from '../../src/core/cases/types';
import type { OutboxStore } from '../../src/core/outbox-store';
import type { AsyncPort } from '../../src/storage/postgres/async-port';
import { asAsync } from './backend';

export interface CaseStoreUnderTest {
  readonly cases: CaseStore;
  readonly outbox: OutboxStore | AsyncPort<OutboxStore>;
}

export function runCaseStoreContract(
  name: string,
  create: () => CaseStoreUnderTest | Promise<CaseStoreUnderTest>,
): void {
  describe(`CaseStore contract: ${name}`, () => {
    const at = new Date('2026-12-07T10:00:00Z');
    const later = (minutes: number): Date => new Date(at.getTime() + minutes * 60_000);
    const slot = {
      branch: 'belgrade-centre',
      mode: 'carry-in' as const,
      start: new Date('2026-12-09T09:00:00Z'),
      end: new Date('2026-12-09T10:00:00Z'),
    };
    let cases: CaseStore;
    let outbox: AsyncPort<OutboxStore>;
    beforeEach(async () => {
      const backend = await create();
      cases = backend.cases;
      outbox = asAsync(backend.outbox);
    });
    const newCase = (overrides: Partial<NewCase> = {}): NewCase => ({
      kind: 'repair',
      status: 'received',
      customer: { channel: 'telegram', conversationId: '42' },
      userId: 'u42',
      reference: { chatId: 42 },
      locale: 'fa',
      script: null,
      serial: 'WM-1001',
      category: 'washing-machine',
      symptom: 'leaking',
      description: 'آب نشت می‌کند',
      by: 'bot',
      at,
      ...overrides,
    });
    const opened = async (overrides: Partial<NewCase> = {}) => {
      const result = await cases.openCase(newCase(overrides));
      if (!result.ok) throw new Error('expected the case to open');
      return result.case;
    };
    const importRow = (line: number, overrides: Partial<CaseImport> = {}): CaseImport => ({
      line,
      id: `R-2611-${String(line).padStart(4, '0')}`,
      kind: 'repair',
      status: 'diagnosing',
      final: false,
      locale: 'en',
      customer: { channel: 'telegram', conversationId: `c${line}` },
      userId: null,
      serial: `SN-${line}`,
      orderNumber: null,
      category: 'laptop',
      symptom: 'no-power',
      description: null,
      appointment: null,
      externalRef: `EXT-${line}`,
      openedAt: new Date('2026-11-20T08:00:00Z'),
      ...overrides,
    });

    test('an unknown case is null and an empty store lists nothing', async () => {
      expect(await cases.getCase('R-2612-0001')).toBeNull();
      expect(await cases.getCase('not a number')).toBeNull();
      expect(await cases.listCases()).toEqual([]);
      expect(await cases.addNote('R-2612-0001', { text: 'x', by: 'cli', at })).toBeNull();
      const result = await cases.changeStatus('R-2612-0001', {
        status: 'closed',
        final: true,
        by: 'cli',
        at,
      });
      expect(result.outcome).toBe('not-found');
    });

    test('case numbers: R- for repairs, RMA- for returns and exchanges, per-month counters', async () => {
      const first = await opened();
      const second = await opened();
      const rma = await opened({ kind: 'return', symptom: 'changed-mind' });
      const exchange = await opened({ kind: 'exchange' });
      const january = await opened({ at: new Date('2027-01-02T10:00:00Z') });
      expect([first.id, second.id, rma.id, exchange.id, january.id]).toEqual([
        'R-2612-0001',
        'R-2612-0002',
        'RMA-2612-0001',
        'RMA-2612-0002',
        'R-2701-0001',
      ]);
    });

    test('the period follows the configured time zone', async () => {
      // 23:30 UTC on 31 December is already January in Tehran.
      const result = await cases.openCase(newCase({ at: new Date('2026-12-31T23:30:00Z') }), {
        timeZone: 'Asia/Tehran',
      });
      expect(result.ok && result.case.id).toBe('R-2701-0001');
    });

    test('a new case keeps every field, with its first status line, and is found in any case', async () => {
      const created = await opened({ appointment: slot, staffTarget: 'slack', script: null });
      expect(created).toMatchObject({
        kind: 'repair',
        status: 'received',
        customer: { channel: 'telegram', conversationId: '42' },
        userId: 'u42',
        reference: { chatId: 42 },
        locale: 'fa',
        serial: 'WM-1001',
        category: 'washing-machine',
        symptom: 'leaking',
        description: 'آب نشت می‌کند',
        appointment: slot,
        staff: { target: 'slack', threadId: null },
        closedAt: null,
      });
      expect(created.history).toEqual([{ status: 'received', at, by: 'bot', note: null }]);
      expect(created.notes).toEqual([]);
      expect(await cases.getCase('r-2612-0001')).toEqual(created);
      expect(await cases.getCase(' R-2612-0001 ')).toEqual(created);
    });

    test('a status change is recorded with time and actor and queues its jobs in the same step', async () => {
      const created = await opened();
      const result = await cases.changeStatus(
        created.id,
        { status: 'diagnosing', final: false, by: 'staff:U1', note: 'on the bench', at: later(5) },
        {
          jobs: (updated, previous) => [
            {
              queue: 'cases',
              lane: updated.id,
              job: { notice: `${previous}→${updated.status}` },
              at: later(5),
            },
          ],
        },
      );
      expect(result.outcome).toBe('changed');
      if (result.outcome !== 'changed') return;
      expect(result.previousStatus).toBe('received');
      expect(result.case.status).toBe('diagnosing');
      expect(result.case.history.at(-1)).toEqual({
        status: 'diagnosing',
        at: later(5),
        by: 'staff:U1',
        note: 'on the bench',
      });
      const due = await outbox.due('cases', later(5), 10);
      expect(due.map((job) => job.job)).toEqual([{ notice: 'received→diagnosing' }]);
    });

    test('the same status again records nothing and queues nothing', async () => {
      const created = await opened();
      const jobs = jest.fn(() => [{ queue: 'cases', lane: 'x', job: {}, at }]);
      const result = await cases.changeStatus(
        created.id,
        { status: 'received', final: false, by: 'api', at: later(1) },
        { jobs },
      );
      expect(result.outcome).toBe('unchanged');
      expect(jobs).not.toHaveBeenCalled();
      expect((await cases.getCase(created.id))!.history).toHaveLength(1);
      expect(await outbox.pending('cases')).toBe(0);
    });

    test('a change whose jobs cannot be built leaves the case as it was', async () => {
      const created = await opened();
      await expect(
        cases.changeStatus(
          created.id,
          { status: 'repairing', final: false, by: 'cli', at: later(1) },
          {
            jobs: () => {
              throw new Error('boom');
            },
          },
        ),
      ).rejects.toThrow('boom');
      expect((await cases.getCase(created.id))!.status).toBe('received');
    });

    test('a final status closes the case; a later non-final one reopens it', async () => {
      const created = await opened();
      const closed = await cases.changeStatus(created.id, {
        status: 'closed',
        final: true,
        by: 'cli',
        at: later(60),
      });
      expect(closed.outcome === 'changed' && closed.case.closedAt).toEqual(later(60));
      expect(await cases.listCases({ openOnly: true })).toEqual([]);
      const reopened = await cases.changeStatus(created.id, {
        status: 'diagnosing',
        final: false,
        by: 'cli',
        at: later(70),
      });
      expect(reopened.outcome === 'changed' && reopened.case.closedAt).toBeNull();
      expect(reopened.outcome === 'changed' && reopened.case.history.map((h) => h.status)).toEqual([
        'received',
        'closed',
        'diagnosing',
      ]);
    });

    test('notes, staff thread and a fresh reference are kept', async () => {
      const created = await opened();
      await cases.addNote(created.id, { text: 'customer called', by: 'staff:U2', at: later(1) });
      await cases.setStaffThread(created.id, 'slack', 'C1/1700.1', later(2));
      await cases.setReference(created.id, { chatId: 43 }, later(3));
      const read = (await cases.getCase(created.id))!;
      expect(read.notes).toEqual([{ text: 'customer called', by: 'staff:U2', at: later(1) }]);
      expect(read.staff).toEqual({ target: 'slack', threadId: 'C1/1700.1' });
      expect((await cases.findByStaffThread('slack', 'C1/1700.1'))?.id).toBe(created.id);
      expect(await cases.findByStaffThread('teams', 'C1/1700.1')).toBeNull();
      expect(read.reference).toEqual({ chatId: 43 });
      expect(read.updatedAt).toEqual(later(3));
    });

    test('lists filter by status, kind, open, conversation, user and customer; newest first', async () => {
      const a = await opened();
      const b = await opened({
        kind: 'return',
        customer: { channel: 'telegram', conversationId: '7' },
        userId: 'u7',
        customerId: 'cust-7',
        at: later(1),
      });
      const c = await opened({ at: later(2) });
      await cases.changeStatus(c.id, { status: 'closed', final: true, by: 'cli', at: later(3) });
      const ids = async (filter: Parameters<CaseStore['listCases']>[0]) =>
        (await cases.listCases(filter)).map((item) => item.id);
      expect(await ids({})).toEqual([c.id, b.id, a.id]);
      expect(await ids({ status: 'received' })).toEqual([b.id, a.id]);
      expect(await ids({ kind: 'return' })).toEqual([b.id]);
      expect(await ids({ openOnly: true })).toEqual([b.id, a.id]);
      expect(await ids({ customer: { channel: 'telegram', conversationId: '42' } })).toEqual([
        c.id,
        a.id,
      ]);
      expect(
        await ids({ customer: { channel: 'telegram', conversationId: 'other' }, userId: 'u7' }),
      ).toEqual([b.id]);
      expect(await ids({ customerId: 'cust-7' })).toEqual([b.id]);
      expect(await ids({ limit: 1 })).toEqual([c.id]);
    });

    test('a slot holds its capacity; a case closed before its slot frees the place', async () => {
      const first = await cases.openCase(newCase({ appointment: slot }), { capacity: 2 });
      const second = await cases.openCase(newCase({ appointment: slot }), { capacity: 2 });
      const third = await cases.openCase(newCase({ appointment: slot }), { capacity: 2 });
      expect([first.ok, second.ok, third]).toEqual([
        true,
        true,
        { ok: false, reason: 'slot-full' },
      ]);
      const counts = await cases.bookedCounts(
        slot.branch,
        'carry-in',
        new Date('2026-12-09T00:00:00Z'),
        new Date('2026-12-10T00:00:00Z'),
      );
      expect([...counts]).toEqual([[slot.start.toISOString(), 2]]);
      expect((await cases.bookedCounts(slot.branch, 'on-site', slot.start, slot.end)).size).toBe(0);
      if (!first.ok) return;
      await cases.changeStatus(first.case.id, {
        status: 'cancelled',
        final: true,
        by: 'customer',
        at: later(1),
      });
      const again = await cases.openCase(newCase({ appointment: slot }), { capacity: 2 });
      expect(again.ok).toBe(true);
    });

    test('two concurrent bookings of the last place: one wins, the other is told the slot is full', async () => {
      await cases.openCase(newCase({ appointment: slot }), { capacity: 2 });
      const results = await Promise.all([
        cases.openCase(newCase({ appointment: slot, userId: 'a' }), { capacity: 2 }),
        cases.openCase(newCase({ appointment: slot, userId: 'b' }), { capacity: 2 }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'slot-full' }]);
    });

    test('openCase queues the jobs built from the new case', async () => {
      const result = await cases.openCase(newCase(), {
        jobs: (created) => [{ queue: 'cases', lane: created.id, job: { post: created.id }, at }],
      });
      expect(result.ok).toBe(true);
      expect((await outbox.due('cases', at, 10)).map((job) => job.job)).toEqual([
        { post: 'R-2612-0001' },
      ]);
    });

    test('import: added, then the same rows change nothing; a changed status is a history line', async () => {
      const rows = [importRow(1), importRow(2, { status: 'closed', final: true }), importRow(3)];
      const options = { at, source: 'import:cases.csv', defaultLocale: 'en' };
      expect(await cases.importCases(rows, options)).toEqual({
        added: 3,
        updated: 0,
        unchanged: 0,
      });
      const before = await cases.listCases();
      expect(await cases.importCases(rows, { ...options, at: later(9) })).toEqual({
        added: 0,
        updated: 0,
        unchanged: 3,
      });
      expect(await cases.listCases()).toEqual(before);
      const moved = [importRow(1, { status: 'repairing' }), rows[1]!, rows[2]!];
      expect(await cases.importCases(moved, { ...options, at: later(10) })).toEqual({
        added: 0,
        updated: 1,
        unchanged: 2,
      });
      const one = (await cases.getCase('R-2611-0001'))!;
      expect(one.history.map((line) => [line.status, line.by])).toEqual([
        ['diagnosing', 'import:cases.csv'],
        ['repairing', 'import:cases.csv'],
      ]);
      expect((await cases.getCase('R-2611-0002'))!.closedAt).toEqual(at);
      expect(one.externalRef).toBe('EXT-1');
    });

    test('import: a changed status queues the jobs built from the case in the same transaction; a row without a conversation keeps the stored one', async () => {
      await cases.importCases([importRow(1), importRow(2)], {
        at,
        source: 'x',
        defaultLocale: 'en',
      });
      const jobs = (updated: ServiceCase, previous: string) => [
        {
          queue: 'cases',
          lane: updated.id,
          job: { id: updated.id, from: previous, to: updated.status },
          at,
        },
      ];
      const moved = [
        importRow(1, { status: 'repairing', customer: null }),
        importRow(2, { externalRef: 'EXT-2b' }),
      ];
      await cases.importCases(moved, {
        at: later(5),
        source: 'x',
        defaultLocale: 'en',
        jobs,
        dryRun: true,
      });
      expect(await outbox.due('cases', later(60), 10)).toEqual([]);
      expect(
        await cases.importCases(moved, { at: later(5), source: 'x', defaultLocale: 'en', jobs }),
      ).toEqual({
        added: 0,
        updated: 2,
        unchanged: 0,
      });
      expect((await outbox.due('cases', later(60), 10)).map((job) => job.job)).toEqual([
        { id: 'R-2611-0001', from: 'diagnosing', to: 'repairing' },
      ]);
      expect((await cases.getCase('R-2611-0001'))!.customer).toEqual({
        channel: 'telegram',
        conversationId: 'c1',
      });
    });

    test('import is all or nothing, a dry run changes nothing, and new numbers skip imported ones', async () => {
      await expect(
        cases.importCases([importRow(1), importRow(2, { id: 'bogus' })], {
          at,
          source: 'x',
          defaultLocale: 'en',
        }),
      ).rejects.toThrow(/line 2/);
      expect(await cases.listCases()).toEqual([]);
      expect(
        await cases.importCases([importRow(1)], {
          at,
          source: 'x',
          dryRun: true,
          defaultLocale: 'en',
        }),
      ).toEqual({
        added: 1,
        updated: 0,
        unchanged: 0,
      });
      expect(await cases.listCases()).toEqual([]);
      await cases.importCases([importRow(1, { id: 'R-2612-0007' })], {
        at,
        source: 'x',
        defaultLocale: 'en',
      });
      expect((await opened()).id).toBe('R-2612-0008');
    });
    test('import: blank cells keep what is stored (the conversation, the language, the booked slot)', async () => {
      const mine = await opened({ appointment: slot });
      const row = importRow(5, {
        id: mine.id,
        status: 'repairing',
        locale: null,
        customer: null,
        userId: null,
        serial: null,
        category: null,
        symptom: null,
        externalRef: 'SVC-9',
        openedAt: at,
      });
      const options = { at: later(5), source: 'import:svc.csv', defaultLocale: 'en' };
      expect(await cases.importCases([row], options)).toEqual({
        added: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(await cases.getCase(mine.id)).toMatchObject({
        status: 'repairing',
        customer: { channel: 'telegram', conversationId: '42' },
        userId: 'u42',
        locale: 'fa',
        serial: 'WM-1001',
        category: 'washing-machine',
        symptom: 'leaking',
        description: 'آب نشت می‌کند',
        appointment: slot,
        externalRef: 'SVC-9',
      });
      // The slot stays taken by the case.
      expect(
        (await cases.bookedCounts(slot.branch, slot.mode, slot.start, slot.end)).get(
          slot.start.toISOString(),
        ),
      ).toBe(1);
      expect(await cases.importCases([row], { ...options, at: later(6) })).toEqual({
        added: 0,
        updated: 0,
        unchanged: 1,
      });
      // A new case with a blank locale gets the default one.
      await cases.importCases([importRow(6, { locale: null })], options);
      expect((await cases.getCase('R-2611-0006'))!.locale).toBe('en');
    });
  });
}
