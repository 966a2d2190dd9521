/**
 * The shared contract every ReportFiguresReader backend passes (SQLite and PostgreSQL): the days
 * are the kept aggregates followed by those counted from the transcripts; the tickets are those
 * opened in the range (by UTC day), with their first staff reply and rating, and nothing that
 * names the customer.
 */
import type { TicketStore } from '../../src/core/handoff/ports';
import type { ReportFiguresReader } from '../../src/insights/report';
import type { ConversationDays } from '../../src/storage/conversation-days';
import { reply, turn, type SeedStores } from './support/privacy-seed';

export interface ReportFiguresBackend {
  readonly figures: ReportFiguresReader;
  readonly days: ConversationDays;
  readonly tickets: TicketStore;
  readonly conversations: SeedStores['conversations'];
}

export function runReportFiguresContract(
  name: string,
  create: () => ReportFiguresBackend | Promise<ReportFiguresBackend>,
): void {
  describe(`ReportFiguresReader contract: ${name}`, () => {
    const at = (day: number, hour: number, minute = 0): Date =>
      new Date(Date.UTC(2026, 2, day, hour, minute));

    test('an empty database: no days, no tickets', async () => {
      const { figures } = await create();
      expect(await figures({ from: '2026-03-01', until: '2026-04-01' })).toEqual({
        days: [],
        tickets: [],
      });
    });

    test('kept days, then counted days; tickets opened in the range with first staff reply and rating', async () => {
      const { figures, days, tickets, conversations } = await create();
      const kept = {
        day: '2026-02-27',
        channel: 'sms',
        locale: 'ta',
        conversations: 3,
        handedOff: 1,
        reasons: { requested: 1 },
      };
      await days.keep([kept]);
      await turn(
        conversations,
        { channel: 'telegram', conversationId: 'c1' },
        'hi',
        'sr',
        [reply('zdravo', { locale: 'sr' })],
        at(2, 9),
      );
      const open = (conversationId: string, when: Date) =>
        tickets.create({
          customer: { channel: 'telegram', conversationId },
          userId: `user-${conversationId}`,
          reference: null,
          locale: 'sr',
          script: 'latin',
          reason: 'requested',
          repair: false,
          staffTarget: null,
          at: when,
        });
      const rated = await open('c1', at(2, 22, 30));
      await tickets.addMessage(rated.id, { author: 'customer', text: 'hello?', at: at(2, 22, 31) });
      await tickets.addMessage(rated.id, {
        author: 'staff',
        authorName: 'Mila',
        text: 'Hi',
        at: at(2, 22, 42),
      });
      await tickets.addMessage(rated.id, {
        author: 'staff',
        authorName: 'Mila',
        text: 'Done',
        at: at(2, 23),
      });
      await tickets.update(
        rated.id,
        { status: 'resolved', resolvedAt: at(2, 23), satisfactionScore: 5 },
        at(2, 23),
      );
      await open('c2', at(3, 8));
      await open('c3', at(1, 8));

      expect(await figures({ from: '2026-02-01', until: '2026-03-03' })).toEqual({
        days: [
          kept,
          {
            day: '2026-03-02',
            channel: 'telegram',
            locale: 'sr',
            conversations: 1,
            handedOff: 0,
            reasons: {},
          },
        ],
        tickets: [
          {
            day: '2026-03-02',
            channel: 'telegram',
            locale: 'sr',
            reason: 'requested',
            createdAt: '2026-03-02T22:30:00.000Z',
            firstStaffReplyAt: '2026-03-02T22:42:00.000Z',
            satisfaction: 5,
          },
          {
            day: '2026-03-01',
            channel: 'telegram',
            locale: 'sr',
            reason: 'requested',
            createdAt: '2026-03-01T08:00:00.000Z',
            firstStaffReplyAt: null,
            satisfaction: null,
          },
        ],
      });
      const march3 = await figures({ from: '2026-03-03', until: '2026-03-04' });
      expect(march3.days).toEqual([]);
      expect(march3.tickets.map((ticket) => ticket.createdAt)).toEqual([
        '2026-03-03T08:00:00.000Z',
      ]);
    });
  });
}
