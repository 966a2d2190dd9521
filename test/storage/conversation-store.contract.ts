/**
 * The shared contract every ConversationStore backend passes (SQLite today, a shared database
 * for several replicas later). A backend's test file calls
 * `runConversationStoreContract('name', () => newEmptyStore())`; the suite only uses the port, so
 * it never branches on which backend it runs against.
 */
import type { AsyncPort } from '../../src/storage/postgres/async-port';
import { asAsync, type Backend } from './backend';
import type { ReferenceStore } from '../../src/core/channel';
import type { IncomingMessage, Reply } from '../../src/core/message';
import {
  emptyState,
  type ConversationKey,
  type ConversationState,
  type ConversationStore,
} from '../../src/core/ports';

export type StoreUnderTest = ConversationStore & ReferenceStore;

/** `createStore` returns a new, empty store each time it is called (one per test). */
export function runConversationStoreContract(
  name: string,
  createStore: () => Backend<StoreUnderTest>,
): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let store: AsyncPort<StoreUnderTest>;
    beforeEach(async () => {
      store = asAsync(await createStore());
    });

    const at = (second: number): Date => new Date(Date.UTC(2025, 0, 15, 9, 0, second));
    const key = (conversationId = 'conv-1', channel = 'webchat'): ConversationKey => ({
      channel,
      conversationId,
    });
    const incoming = (
      messageId: string,
      text: string,
      where: ConversationKey = key(),
      second = 0,
    ): IncomingMessage => ({
      channel: where.channel,
      conversationId: where.conversationId,
      userId: 'user-1',
      messageId,
      text,
      receivedAt: at(second),
    });
    const answer = (text: string, extra: Partial<Reply> = {}): Reply => ({
      kind: 'answer',
      text,
      locale: 'en',
      choices: [],
      intent: null,
      faq: 'warranty-period',
      confidence: 0.91,
      ...extra,
    });

    describe('commitTurn and repliesTo', () => {
      it('a turn that throws leaves nothing behind: message, state and replies roll back together', async () => {
        const failure = new Error('the turn failed');
        await expect(
          store.commitTurn(async () => {
            await store.recordIncoming(key(), incoming('m-1', 'How long?'), 'en');
            await store.saveState(key(), { ...emptyState(), locale: 'fa' }, at(1));
            await store.recordReplies(key(), [answer('Two years.')], at(1));
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.transcript(key())).toEqual([]);
        expect(await store.loadState(key())).toEqual(emptyState());
        // The redelivery is processed as new, since nothing was committed.
        expect(
          await store.commitTurn(() =>
            store.recordIncoming(key(), incoming('m-1', 'How long?'), 'en'),
          ),
        ).toBe(true);
      });

      it('returns the replies committed with a message, not those of the next turn', async () => {
        await store.commitTurn(async () => {
          await store.recordIncoming(key(), incoming('m-1', 'How long?'), 'en');
          await store.recordReplies(key(), [answer('Two years.'), answer('Anything else?')], at(1));
        });
        await store.commitTurn(async () => {
          await store.recordIncoming(key(), incoming('m-2', 'Thanks', key(), 2), 'en');
          await store.recordReplies(key(), [answer('You are welcome.')], at(3));
        });
        expect((await store.repliesTo(key(), 'm-1')).map((reply) => reply.text)).toEqual([
          'Two years.',
          'Anything else?',
        ]);
        expect((await store.repliesTo(key(), 'm-2')).map((reply) => reply.text)).toEqual([
          'You are welcome.',
        ]);
        expect(await store.repliesTo(key('conv-2'), 'm-1')).toEqual([]);
        expect(await store.repliesTo(key(), 'unknown')).toEqual([]);
      });
    });

    describe('recordIncoming', () => {
      it('records a new message id once and reports a redelivery', async () => {
        expect(
          await store.recordIncoming(key(), incoming('m-1', 'How long is the warranty?'), 'en'),
        ).toBe(true);
        expect(
          await store.recordIncoming(key(), incoming('m-1', 'How long is the warranty?'), 'en'),
        ).toBe(false);
        expect(
          (await store.transcript(key())).filter((entry) => entry.direction === 'in'),
        ).toHaveLength(1);
      });

      it('dedupes per conversation: the same id in another conversation is another message (issue 10, point 3)', async () => {
        expect(
          await store.recordIncoming(key('conv-1'), incoming('m1', 'first', key('conv-1')), 'en'),
        ).toBe(true);
        expect(
          await store.recordIncoming(key('conv-2'), incoming('m1', 'other', key('conv-2')), 'en'),
        ).toBe(true);
        expect(
          await store.recordIncoming(key('conv-2'), incoming('m1', 'other', key('conv-2')), 'en'),
        ).toBe(false);
        expect((await store.transcript(key('conv-2'))).map((entry) => entry.text)).toEqual([
          'other',
        ]);
        expect((await store.transcript(key('conv-1'))).map((entry) => entry.text)).toEqual([
          'first',
        ]);
      });

      it('does not dedupe across channels: two platforms may use the same message id', async () => {
        expect(
          await store.recordIncoming(
            key('c', 'telegram'),
            incoming('42', 'hi', key('c', 'telegram')),
            'en',
          ),
        ).toBe(true);
        expect(
          await store.recordIncoming(
            key('c', 'slack'),
            incoming('42', 'hi', key('c', 'slack')),
            'en',
          ),
        ).toBe(true);
        expect(await store.transcript(key('c', 'telegram'))).toHaveLength(1);
        expect(await store.transcript(key('c', 'slack'))).toHaveLength(1);
      });

      it('keeps text with any Unicode exactly (Persian, emoji, Tamil, newlines)', async () => {
        const text = 'گارانتی 😀\nஉத்தரவாதம் — "quoted" \'single\'';
        await store.recordIncoming(key(), incoming('m-u', text), 'fa');
        expect((await store.transcript(key()))[0]).toMatchObject({
          direction: 'in',
          text,
          locale: 'fa',
        });
      });
    });

    describe('state', () => {
      it('an unknown conversation has the empty state', async () => {
        expect(await store.loadState(key('never-seen'))).toEqual(emptyState());
      });

      it('round-trips every field, including a pending "did you mean"', async () => {
        const state: ConversationState = {
          locale: 'sr',
          script: 'latin',
          pending: {
            kind: 'clarify',
            choices: ['faq:warranty-period', 'faq:warranty-claim'],
            attempts: 1,
          },
          fallbacks: 2,
          handoffActive: true,
        };
        await store.recordIncoming(key(), incoming('m-1', 'garancija'), 'sr');
        await store.saveState(key(), state, at(1));
        expect(await store.loadState(key())).toEqual(state);
      });

      it('can be saved before any message was recorded', async () => {
        const state: ConversationState = { ...emptyState(), locale: 'ta' };
        await store.saveState(key('fresh'), state, at(0));
        expect(await store.loadState(key('fresh'))).toEqual(state);
      });

      it('the last save wins, and a pending dialog can be cleared', async () => {
        await store.saveState(
          key(),
          { ...emptyState(), locale: 'en', pending: { kind: 'warranty-serial', attempts: 0 } },
          at(1),
        );
        await store.saveState(key(), { ...emptyState(), locale: 'fa', pending: null }, at(2));
        expect(await store.loadState(key())).toEqual({
          ...emptyState(),
          locale: 'fa',
          pending: null,
        });
      });

      it('is kept per channel and conversation', async () => {
        await store.saveState(key('same', 'webchat'), { ...emptyState(), locale: 'el' }, at(1));
        await store.saveState(key('same', 'telegram'), { ...emptyState(), locale: 'vi' }, at(1));
        expect((await store.loadState(key('same', 'webchat'))).locale).toBe('el');
        expect((await store.loadState(key('same', 'telegram'))).locale).toBe('vi');
        expect(await store.loadState(key('other', 'webchat'))).toEqual(emptyState());
      });
    });

    describe('transcript', () => {
      async function converse(): Promise<void> {
        await store.recordIncoming(
          key(),
          incoming('m-1', 'How long is the warranty?', key(), 0),
          'en',
        );
        await store.recordReplies(key(), [answer('24 months.')], at(1));
        await store.recordIncoming(key(), incoming('m-2', 'and returns?', key(), 2), 'en');
        await store.recordReplies(
          key(),
          [
            answer('Did you mean one of these?', {
              kind: 'clarify',
              faq: null,
              confidence: 0.42,
              choices: [{ id: 'faq:return-policy', label: 'Return policy' }],
            }),
            answer('Or talk to a person.', {
              kind: 'handoff',
              faq: null,
              intent: 'ask-human',
              confidence: 0.3,
              handoffReason: 'low-confidence',
            }),
          ],
          at(3),
        );
      }

      it('lists messages in the order they happened, with the match behind each reply', async () => {
        await converse();
        expect(await store.transcript(key())).toEqual([
          {
            direction: 'in',
            messageId: 'm-1',
            text: 'How long is the warranty?',
            locale: 'en',
            intent: null,
            faq: null,
            confidence: null,
            kind: null,
            at: at(0),
          },
          {
            direction: 'out',
            messageId: null,
            text: '24 months.',
            locale: 'en',
            intent: null,
            faq: 'warranty-period',
            confidence: 0.91,
            kind: 'answer',
            at: at(1),
          },
          {
            direction: 'in',
            messageId: 'm-2',
            text: 'and returns?',
            locale: 'en',
            intent: null,
            faq: null,
            confidence: null,
            kind: null,
            at: at(2),
          },
          {
            direction: 'out',
            messageId: null,
            text: 'Did you mean one of these?',
            locale: 'en',
            intent: null,
            faq: null,
            confidence: 0.42,
            kind: 'clarify',
            at: at(3),
          },
          {
            direction: 'out',
            messageId: null,
            text: 'Or talk to a person.',
            locale: 'en',
            intent: 'ask-human',
            faq: null,
            confidence: 0.3,
            kind: 'handoff',
            at: at(3),
          },
        ]);
      });

      it('with a limit, returns the latest entries, still oldest first', async () => {
        await converse();
        expect((await store.transcript(key(), 2)).map((entry) => entry.text)).toEqual([
          'Did you mean one of these?',
          'Or talk to a person.',
        ]);
      });

      it('is kept per channel and conversation', async () => {
        await converse();
        await store.recordIncoming(key('conv-2'), incoming('m-9', 'other', key('conv-2')), 'en');
        expect((await store.transcript(key('conv-2'))).map((entry) => entry.text)).toEqual([
          'other',
        ]);
        expect(await store.transcript(key('conv-1', 'telegram'))).toEqual([]);
        expect(await store.transcript(key())).toHaveLength(5);
      });

      it('an empty list of replies records nothing', async () => {
        await store.recordReplies(key(), [], at(0));
        expect(await store.transcript(key())).toEqual([]);
      });
    });

    describe('repliesAfter', () => {
      it('returns whole replies (choices, hand-off reason) after a cursor, oldest first, with increasing ids', async () => {
        const clarify = answer('Did you mean?', {
          kind: 'clarify',
          faq: null,
          choices: [
            { id: 'faq:a', label: 'A' },
            { id: 'human', label: 'Person' },
          ],
        });
        const handoff = answer('Passing you on.', {
          kind: 'handoff',
          faq: null,
          handoffReason: 'requested',
        });
        await store.recordIncoming(key(), incoming('m-1', 'q'), 'en');
        await store.recordReplies(key(), [clarify], at(1));
        await store.recordIncoming(key(), incoming('m-2', 'q2'), 'en');
        await store.recordReplies(key(), [handoff], at(2));

        const all = await store.repliesAfter(key(), 0);
        expect(all.map((item) => item.reply)).toEqual([clarify, handoff]);
        expect(all.map((item) => item.at)).toEqual([at(1), at(2)]);
        expect(all[1]!.id).toBeGreaterThan(all[0]!.id);

        expect((await store.repliesAfter(key(), all[0]!.id)).map((item) => item.reply)).toEqual([
          handoff,
        ]);
        expect(await store.repliesAfter(key(), all[1]!.id)).toEqual([]);
      });

      it('recordReplies resolves to the replies as stored: the ids and times repliesAfter reads', async () => {
        await store.recordReplies(key(), [answer('earlier')], at(0));
        const before = await store.latestReplyId(key());
        const replies = [answer('Two years.'), answer('Anything else?')];
        const stored = await store.recordReplies(key(), replies, at(1));
        expect(stored).toEqual(await store.repliesAfter(key(), before));
        expect(stored.map((item) => item.reply)).toEqual(replies);
        expect(stored.at(-1)?.id).toBe(await store.latestReplyId(key()));
        expect(await store.recordReplies(key(), [], at(2))).toEqual([]);
      });

      it('only returns the replies of that conversation', async () => {
        await store.recordReplies(key('a'), [answer('for a')], at(1));
        await store.recordReplies(key('b'), [answer('for b')], at(2));
        await store.recordReplies(key('a', 'telegram'), [answer('for telegram a')], at(3));
        expect((await store.repliesAfter(key('a'), 0)).map((item) => item.reply.text)).toEqual([
          'for a',
        ]);
        expect(await store.repliesAfter(key('never'), 0)).toEqual([]);
      });

      it('latestReplyId is the newest reply of that conversation, past the first page, and 0 for none', async () => {
        expect(await store.latestReplyId(key('a'))).toBe(0);
        for (let index = 0; index < 120; index++)
          await store.recordReplies(key('a'), [answer(`r${index}`)], at(1));
        await store.recordReplies(key('b'), [answer('for b')], at(2));
        const newest = await store.repliesAfter(
          key('a'),
          (await store.latestReplyId(key('a'))) - 1,
        );
        expect(newest.map((item) => item.reply.text)).toEqual(['r119']);
        expect(await store.latestReplyId(key('a'))).toBeLessThan(
          await store.latestReplyId(key('b')),
        );
      });
    });

    describe('references', () => {
      it('round-trip, are kept per channel, and the last save wins', async () => {
        expect(await store.loadReference('teams', 'c-1')).toBeNull();
        await store.saveReference('teams', 'c-1', {
          serviceUrl: 'https://smba.example/',
          conversation: { id: 'c-1' },
          nested: [1, 'two', null],
        });
        await store.saveReference('slack', 'c-1', { channel: 'C1', threadTs: '1.2' });
        expect(await store.loadReference('teams', 'c-1')).toEqual({
          serviceUrl: 'https://smba.example/',
          conversation: { id: 'c-1' },
          nested: [1, 'two', null],
        });
        await store.saveReference('teams', 'c-1', { serviceUrl: 'https://other.example/' });
        expect(await store.loadReference('teams', 'c-1')).toEqual({
          serviceUrl: 'https://other.example/',
        });
        expect(await store.loadReference('slack', 'c-1')).toEqual({
          channel: 'C1',
          threadTs: '1.2',
        });
        expect(await store.loadReference('teams', 'c-2')).toBeNull();
      });
    });
  });
}
