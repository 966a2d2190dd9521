/**
 * The shared contract every StaffFaqNotesReader backend passes (SQLite and PostgreSQL): a staff
 * `!faq ID` note in a ticket thread teaches the customer's latest message before it, in the
 * ticket's language; a note with no customer question before it, or another note, teaches nothing.
 */
import type { TicketStore } from '../../src/core/handoff/ports';
import type { StaffFaqNotesReader } from '../../src/suggestions/learn';

export interface StaffFaqNotesBackend {
  readonly notes: StaffFaqNotesReader;
  readonly tickets: TicketStore;
}

export function runStaffFaqNotesContract(
  name: string,
  create: () => StaffFaqNotesBackend | Promise<StaffFaqNotesBackend>,
): void {
  describe(`StaffFaqNotesReader contract: ${name}`, () => {
    const at = (minute: number): Date => new Date(Date.UTC(2026, 2, 4, 10, minute));

    test('no tickets, nothing learned', async () => {
      const { notes } = await create();
      expect(await notes()).toEqual([]);
    });

    test("each !faq note teaches the customer's latest question before it, in the ticket's language", async () => {
      const { notes, tickets } = await create();
      const open = (conversationId: string, locale: 'en' | 'fa') =>
        tickets.create({
          customer: { channel: 'telegram', conversationId },
          userId: conversationId,
          reference: null,
          locale,
          script: null,
          reason: 'low-confidence',
          repair: false,
          staffTarget: null,
          at: at(0),
        });
      const say = (
        id: string,
        author: 'customer' | 'note' | 'staff',
        text: string,
        minute: number,
      ) => tickets.addMessage(id, { author, text, at: at(minute) });

      const english = await open('c1', 'en');
      await say(english.id, 'customer', 'first try', 1);
      await say(english.id, 'customer', '  the thing with the papers ', 2);
      await say(english.id, 'staff', 'Let me check.', 3);
      await say(english.id, 'note', '!faq  warranty-claim ', 4);
      await say(english.id, 'customer', 'later words', 5);
      await say(english.id, 'note', 'called back', 6);
      await say(english.id, 'note', '!faqwarranty-period', 7);

      const persian = await open('c2', 'fa');
      await say(persian.id, 'note', '!faq too-early', 8);
      await say(persian.id, 'customer', 'گارانتی چقدر است؟', 9);
      await say(persian.id, 'note', '!FAQ warranty-period', 10);
      // Written by the customer, not a staff note: teaches nothing.
      await say(persian.id, 'customer', '!faq warranty-period', 11);

      const learned = await notes();
      expect(learned).toEqual([
        {
          faq: 'warranty-claim',
          locale: 'en',
          text: 'the thing with the papers',
          at: at(4),
          sourceId: expect.any(Number),
        },
        {
          faq: 'warranty-period',
          locale: 'fa',
          text: 'گارانتی چقدر است؟',
          at: at(10),
          sourceId: expect.any(Number),
        },
      ]);
      expect(learned[0]!.sourceId).toBeLessThan(learned[1]!.sourceId);
      // The same notes read again are the same variants (the suggestion store counts a source once).
      expect(await notes()).toEqual(learned);
    });
  });
}
