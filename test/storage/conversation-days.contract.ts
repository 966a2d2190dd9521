/**
 * The shared contract every ConversationDays backend passes (SQLite and PostgreSQL): conversations
 * counted per UTC day, channel and language from the stored transcripts (once per day with a
 * customer message, in the language of its first line that day, handed off once with the first
 * hand-off's reason), within a range or for one conversation; and the kept aggregates, which add up.
 */
import type { ConversationDays } from '../../src/storage/conversation-days';
import { reply, turn, type SeedStores } from './support/privacy-seed';

export interface ConversationDaysBackend {
  readonly days: ConversationDays;
  readonly conversations: SeedStores['conversations'];
  /** Runs `work` with the database session in a time zone far from UTC (days must not move). */
  inOtherTimeZone<T>(work: () => Promise<T>): Promise<T>;
}

export function runConversationDaysContract(
  name: string,
  create: () => ConversationDaysBackend | Promise<ConversationDaysBackend>,
): void {
  describe(`ConversationDays contract: ${name}`, () => {
    const at = (day: number, hour: number, minute = 0): Date =>
      new Date(Date.UTC(2026, 2, day, hour, minute));
    const handoff = (reason?: 'requested' | 'complaint') =>
      reply('A colleague will answer.', {
        kind: 'handoff',
        ...(reason ? { handoffReason: reason } : {}),
      });

    async function seeded(): Promise<ConversationDaysBackend> {
      const backend = await create();
      const say = (
        channel: string,
        id: string,
        locale: string,
        replies = [reply('ok')],
        when = at(2, 9),
      ) =>
        turn(
          backend.conversations,
          { channel, conversationId: id },
          `words of ${id}`,
          locale,
          replies,
          when,
        );
      // c1: Persian first, then English, handed off twice on 2 March: one conversation, fa, one hand-off.
      await say('telegram', 'c1', 'fa', [handoff('complaint')], at(2, 8));
      await say('telegram', 'c1', 'en', [handoff('requested')], at(2, 9));
      // c1 again late on 2 March and just after midnight UTC: two days.
      await say('telegram', 'c1', 'en', [reply('ok')], at(2, 23, 50));
      await say('telegram', 'c1', 'en', [reply('ok')], at(3, 0, 10));
      // c2: a hand-off without a stored reason counts as "unknown".
      await say('telegram', 'c2', 'fa', [handoff()], at(2, 10));
      await say('webchat', 'w1', 'el', [reply('ok')], at(2, 11));
      // Late evening UTC: already the next day in Tehran, still 4 March here.
      await say('webchat', 'w2', 'el', [reply('ok')], at(4, 22));
      return backend;
    }

    test('counted per UTC day, channel and language, oldest first', async () => {
      const { days, inOtherTimeZone } = await seeded();
      const expected = [
        {
          day: '2026-03-02',
          channel: 'telegram',
          locale: 'fa',
          conversations: 2,
          handedOff: 2,
          reasons: { complaint: 1, unknown: 1 },
        },
        {
          day: '2026-03-02',
          channel: 'webchat',
          locale: 'el',
          conversations: 1,
          handedOff: 0,
          reasons: {},
        },
        {
          day: '2026-03-03',
          channel: 'telegram',
          locale: 'en',
          conversations: 1,
          handedOff: 0,
          reasons: {},
        },
        {
          day: '2026-03-04',
          channel: 'webchat',
          locale: 'el',
          conversations: 1,
          handedOff: 0,
          reasons: {},
        },
      ];
      expect(await days.read({})).toEqual(expected);
      expect(await inOtherTimeZone(() => days.read({}))).toEqual(expected);
      expect(await days.read({ from: '2026-03-03', until: '2026-03-04' })).toEqual([expected[2]]);
      expect(
        await days.read({ conversation: { channel: 'telegram', conversationId: 'c1' } }),
      ).toEqual([
        { ...expected[0], conversations: 1, handedOff: 1, reasons: { complaint: 1 } },
        expected[2],
      ]);
      expect(await days.readKept({})).toEqual([]);
    });

    test('kept days add up, with their reasons, and are read by range', async () => {
      const { days, inOtherTimeZone } = await seeded();
      const counted = await days.read({ until: '2026-03-04' });
      await days.keep(counted);
      await days.keep(counted.slice(0, 1));
      const kept = await inOtherTimeZone(() => days.readKept({}));
      expect(kept).toEqual([
        { ...counted[0], conversations: 4, handedOff: 4, reasons: { complaint: 2, unknown: 2 } },
        ...counted.slice(1),
      ]);
      expect(await days.readKept({ from: '2026-03-03' })).toEqual([counted[2]]);
      expect(await days.readKept({ until: '2026-03-02' })).toEqual([]);
    });
  });
}
