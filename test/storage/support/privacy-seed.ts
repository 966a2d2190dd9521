/**
 * Two customers with a history, written through the stores' ports so that every backend holds the
 * same rows: Sara (a customer record with a unit, a Telegram id, a conversation in English and
 * Persian ending in a hand-off, a ticket with a staff reply 7 minutes later and a rating, a learned
 * question variant, a reply waiting in the outbox, a repair case with a note and a pending notice)
 * and Bob (a web chat conversation in Vietnamese), who must stay untouched.
 */
import type { CaseStore } from '../../../src/core/cases/ports';
import type { TicketStore } from '../../../src/core/handoff/ports';
import type { Reply } from '../../../src/core/message';
import type { OutboxStore } from '../../../src/core/outbox-store';
import type { ConversationKey, ConversationStore } from '../../../src/core/ports';
import type { UnitStore } from '../../../src/core/warranty/ports';
import type { SuggestionStore } from '../../../src/suggestions/suggestion-store';

export const SARA = {
  name: 'Sara Quokkaberg',
  phone: '+98 912 555 0199',
  email: 'sara.quokkaberg@example.com',
  telegram: '777001234',
  words: ['my quokka blender hums', 'پارسا قوکا مخلوط کن'],
};
export const BOB = { webchat: 'w-bob-5521', words: 'bảo hành máy giặt bao lâu' };

/** What Sara left behind, none of which may survive her erase. */
export const saraTraces = [
  SARA.name,
  'Quokkaberg',
  '9125550199',
  SARA.email,
  SARA.telegram,
  ...SARA.words,
  'quokka thanks',
];

export interface SeedStores {
  readonly units: Pick<UnitStore, 'importUnits'>;
  readonly conversations: Pick<ConversationStore, 'recordIncoming' | 'recordReplies'>;
  readonly tickets: TicketStore;
  readonly cases: CaseStore;
  readonly outbox: OutboxStore;
  readonly suggestions: SuggestionStore;
}

export const seedStart = new Date('2026-03-02T06:30:00Z');
const minutes = (count: number, from = seedStart): Date =>
  new Date(from.getTime() + count * 60_000);

let sequence = 0;

export const reply = (text: string, extra: Partial<Reply> = {}): Reply => ({
  kind: 'answer',
  text,
  locale: 'en',
  choices: [],
  intent: null,
  faq: null,
  confidence: 0.9,
  ...extra,
});

/** One turn: the customer's line and the bot's replies, as the pipeline stores them. */
export async function turn(
  conversations: SeedStores['conversations'],
  key: ConversationKey,
  text: string,
  locale: string,
  replies: readonly Reply[],
  at: Date,
): Promise<void> {
  sequence++;
  await conversations.recordIncoming(
    key,
    {
      channel: key.channel,
      conversationId: key.conversationId,
      userId: key.conversationId,
      messageId: `m-${sequence}`,
      text,
      receivedAt: at,
    },
    locale as Reply['locale'],
  );
  await conversations.recordReplies(key, replies, at);
}

export async function seedPrivacyHistory(stores: SeedStores): Promise<{ ticketId: string }> {
  const { units, conversations, tickets, cases, outbox, suggestions } = stores;
  await units.importUnits(
    [
      {
        line: 2,
        unit: {
          serial: 'NV1225090001',
          orderNumber: null,
          model: 'nova-12',
          purchaseDate: '2025-09-14',
          deliveryDate: null,
          region: null,
          plans: [],
          exclusions: [],
        },
        customer: {
          name: SARA.name,
          phone: SARA.phone,
          email: SARA.email,
          channelIds: { telegram: SARA.telegram },
        },
      },
    ],
    { at: seedStart },
  );
  const sara = { channel: 'telegram', conversationId: SARA.telegram };
  await turn(conversations, sara, SARA.words[0]!, 'en', [reply('Which blender?')], minutes(0));
  await turn(
    conversations,
    sara,
    SARA.words[1]!,
    'fa',
    [reply('کدام؟', { locale: 'fa' })],
    minutes(1),
  );
  await turn(
    conversations,
    sara,
    'I want to talk to a person',
    'en',
    [reply('A colleague will answer.', { kind: 'handoff', handoffReason: 'requested' })],
    minutes(2),
  );
  const ticket = await tickets.create({
    customer: sara,
    userId: SARA.telegram,
    reference: { chatId: Number(SARA.telegram) },
    locale: 'en',
    script: null,
    reason: 'requested',
    repair: false,
    staffTarget: null,
    at: minutes(2),
  });
  await tickets.addMessage(ticket.id, {
    author: 'customer',
    authorName: null,
    text: SARA.words[0]!,
    at: minutes(2),
  });
  await tickets.addMessage(ticket.id, {
    author: 'staff',
    authorName: 'Reza',
    text: `Hello ${SARA.name}, we will call ${SARA.phone}`,
    at: minutes(9),
  });
  await tickets.update(
    ticket.id,
    {
      status: 'resolved',
      resolvedAt: minutes(10),
      satisfactionScore: 4,
      satisfactionComment: 'quokka thanks',
    },
    minutes(10),
  );
  await suggestions.record(
    [{ faq: 'warranty-period', locale: 'en', text: SARA.words[0]!, at: minutes(3), sourceId: 900 }],
    'clarify',
  );
  await outbox.enqueue({
    queue: 'telegram',
    lane: SARA.telegram,
    job: { text: `for ${SARA.name}` },
    atMostOnce: false,
    at: minutes(10),
  });
  const opened = await cases.openCase({
    kind: 'repair',
    status: 'received',
    customer: sara,
    userId: SARA.telegram,
    reference: { chatId: Number(SARA.telegram) },
    locale: 'en',
    script: null,
    customerId: '1',
    serial: 'NV1225090001',
    category: 'phone',
    symptom: 'no-power',
    description: SARA.words[0]!,
    by: 'customer',
    at: minutes(11),
  });
  if (!opened.ok) throw new Error('the case did not open');
  await cases.addNote(opened.case.id, {
    text: `called ${SARA.name}`,
    by: 'staff:Reza',
    at: minutes(12),
  });
  await outbox.enqueue({
    queue: 'cases',
    lane: `customer:${opened.case.id}`,
    job: { kind: 'customer', caseId: opened.case.id, replies: [{ text: `${SARA.name}, ready` }] },
    atMostOnce: false,
    at: minutes(12),
  });
  await turn(
    conversations,
    { channel: 'webchat', conversationId: BOB.webchat },
    BOB.words,
    'vi',
    [reply('Hai năm.', { locale: 'vi', faq: 'warranty-period' })],
    minutes(20),
  );
  return { ticketId: ticket.id };
}
