/**
 * The figures behind /metrics, the same on every backend: outbox depth, retries and failures per
 * queue, open tickets and open cases, read from what the stores wrote.
 */
import type { CaseStore } from '../../src/core/cases/ports';
import type { TicketStore } from '../../src/core/handoff/ports';
import type { OutboxStore } from '../../src/core/outbox-store';
import type { StoredFigures } from '../../src/storage/sqlite/metrics-figures';

export interface FiguresUnderTest {
  readonly figures: () => Promise<StoredFigures>;
  readonly outbox: OutboxStore;
  readonly tickets: TicketStore;
  readonly cases: CaseStore;
}

export function runMetricsFiguresContract(
  name: string,
  create: () => FiguresUnderTest | Promise<FiguresUnderTest>,
): void {
  describe(`metrics figures: ${name}`, () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);

    test('an empty database: no queues, nothing open', async () => {
      const { figures } = await create();
      expect(await figures()).toEqual({ outbox: [], ticketsOpen: 0, casesOpen: 0 });
    });

    test('depth, retries and failures per queue; open tickets and cases', async () => {
      const { figures, outbox, tickets, cases } = await create();
      const job = (queue: string, lane: string) =>
        outbox.enqueue({ queue, lane, job: { text: lane }, at });
      const retried = await job('telegram', 'a');
      await job('telegram', 'b');
      const failed = await job('telegram', 'c');
      const sent = await job('slack', 'd');
      await outbox.claim(retried, at);
      await outbox.reschedule(retried, later(30), 'HTTP 502', at);
      await outbox.claim(retried, later(30));
      await outbox.reschedule(retried, later(60), 'HTTP 502', later(30));
      await outbox.claim(failed, at);
      await outbox.giveUp(failed, 'HTTP 403', at);
      await outbox.claim(sent, at);
      await outbox.markSent(sent, at);
      const ticket = (conversationId: string) =>
        tickets.create({
          customer: { channel: 'telegram', conversationId },
          userId: conversationId,
          reference: null,
          locale: 'en',
          script: null,
          reason: 'requested',
          repair: false,
          staffTarget: null,
          at,
        });
      await ticket('t1');
      const resolved = await ticket('t2');
      await tickets.update(resolved.id, { status: 'resolved', resolvedAt: at }, at);
      const newCase = (userId: string) =>
        cases.openCase({
          kind: 'repair',
          status: 'received',
          customer: { channel: 'telegram', conversationId: userId },
          userId,
          reference: null,
          locale: 'en',
          script: null,
          customerId: null,
          serial: null,
          category: 'phone',
          symptom: 'no-power',
          description: null,
          by: 'customer',
          at,
        });
      await newCase('c1');
      const closed = await newCase('c2');
      if (!closed.ok) throw new Error('the case did not open');
      await cases.changeStatus(closed.case.id, { status: 'closed', final: true, by: 'x', at });

      expect(await figures()).toEqual({
        outbox: [
          { queue: 'slack', depth: 0, retries: 0, failures: 0 },
          { queue: 'telegram', depth: 2, retries: 1, failures: 1 },
        ],
        ticketsOpen: 1,
        casesOpen: 1,
      });
    });
  });
}
