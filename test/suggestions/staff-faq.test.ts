/**
 * Staff who point a ticket at an FAQ entry (`!faq ID` in the thread) teach a variant: the
 * customer's question before it. The command is never relayed to the customer. The same
 * transcript shows in the gaps finder as a clarification abandoned and a low-confidence hand-off.
 */
import { findUnanswered } from '../../src/gaps/find-unanswered';
import { readStaffFaqNotes } from '../../src/storage/sqlite/staff-faq-notes';
import { createSqliteSuggestionStore } from '../../src/storage/sqlite/suggestion-store';
import { readTranscriptLines } from '../../src/storage/sqlite/transcript-reader';
import { startDeskHarness, type DeskHarness } from '../core/handoff/support/desk-harness';

const vague = {
  warranty: [
    { label: 'faq:warranty-period', score: 0.5 },
    { label: 'faq:warranty-claim', score: 0.45 },
  ],
  'the thing with the papers': [{ label: 'faq:warranty-claim', score: 0.4 }],
};

let harness: DeskHarness;
afterEach(async () => {
  await harness.close();
});

test('!faq ID in a ticket thread becomes a staff suggestion and is not relayed', async () => {
  harness = await startDeskHarness({ scripted: vague });
  expect((await harness.send('warranty'))[0]?.kind).toBe('clarify');
  const [handoff] = await harness.send('the thing with the papers');
  expect(handoff).toMatchObject({ kind: 'handoff', handoffReason: 'low-confidence' });
  await harness.settle();
  const ticket = (await harness.desk.tickets.activeFor({
    channel: 'telegram',
    conversationId: 'chat-1',
  }))!;
  const deliveredBefore = harness.customers.delivered.length;

  await harness.staffSays(ticket.id, '!faq warranty-claim');
  await harness.settle();
  expect(harness.customers.delivered.slice(deliveredBefore)).toEqual([]);

  const learned = readStaffFaqNotes(harness.db);
  expect(learned).toEqual([
    expect.objectContaining({ faq: 'warranty-claim', text: 'the thing with the papers' }),
  ]);
  const store = createSqliteSuggestionStore(harness.db);
  expect(await store.record(learned, 'staff')).toBe(1);
  expect(await store.record(readStaffFaqNotes(harness.db), 'staff')).toBe(0);
  expect(await store.list('open')).toEqual([
    expect.objectContaining({ faq: 'warranty-claim', source: 'staff', seen: 1 }),
  ]);

  const gaps = findUnanswered(readTranscriptLines(harness.db));
  expect(gaps.map((gap) => [gap.kind, gap.text])).toEqual([
    ['clarify-abandoned', 'warranty'],
    ['low-confidence-handoff', 'the thing with the papers'],
  ]);
});
