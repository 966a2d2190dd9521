/**
 * The shared contract every TranscriptReader backend passes (SQLite and PostgreSQL): stored lines
 * come back grouped by conversation in code-point order of channel and id, each conversation's
 * lines in the order stored, with the match behind each reply; `since` and `channel` filter, the
 * count agrees, and a turn stored while a reader is part-way does not break it.
 */
import type { TranscriptReader } from '../../src/gaps/transcript-line';
import type { TranscriptReaderOptions } from '../../src/storage/sqlite/transcript-reader';
import { learnFromClarificationsFrom } from '../../src/suggestions/learn';
import { reply, turn, type SeedStores } from './support/privacy-seed';

export interface TranscriptBackend {
  readonly reader: TranscriptReader;
  readonly conversations: SeedStores['conversations'];
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

export function runTranscriptReaderContract(
  name: string,
  create: (options: TranscriptReaderOptions) => TranscriptBackend | Promise<TranscriptBackend>,
): void {
  describe(`TranscriptReader contract: ${name}`, () => {
    const day = (date: number, hour = 9): Date => new Date(Date.UTC(2026, 2, date, hour));
    const ids = ['b', 'ä', 'a_1', 'B-2', 'a-1'];

    async function seeded(options: TranscriptReaderOptions = { conversationsPerRead: 2 }) {
      const backend = await create(options);
      for (const [index, id] of ids.entries()) {
        const key = { channel: 'webchat', conversationId: id };
        await turn(backend.conversations, key, `hello ${id}`, 'en', [reply(`hi ${id}`)], day(1));
        await turn(
          backend.conversations,
          key,
          `person please ${id}`,
          'en',
          [reply('A colleague will answer.', { kind: 'handoff', handoffReason: 'requested' })],
          day(2 + index),
        );
      }
      await turn(
        backend.conversations,
        { channel: 'telegram', conversationId: 'chat-9' },
        'Колико траје гаранција?',
        'sr',
        [reply('Две године.', { locale: 'sr', faq: 'warranty-period', intent: 'faq' })],
        day(3),
      );
      return backend;
    }

    test('an empty database has no lines', async () => {
      const { reader } = await create({});
      expect(await collect(reader.lines())).toEqual([]);
      expect(await reader.count()).toBe(0);
    });

    test('grouped by conversation in code-point order, lines as stored, across reads', async () => {
      const { reader } = await seeded();
      const lines = await collect(reader.lines());
      expect(lines.map((line) => `${line.channel}/${line.conversationId}`)).toEqual([
        'telegram/chat-9',
        'telegram/chat-9',
        ...['B-2', 'a-1', 'a_1', 'b', 'ä'].flatMap((id) => Array(4).fill(`webchat/${id}`)),
      ]);
      expect(
        lines.filter((line) => line.conversationId === 'a_1').map((line) => line.text),
      ).toEqual(['hello a_1', 'hi a_1', 'person please a_1', 'A colleague will answer.']);
      expect(lines[0]).toEqual({
        id: expect.any(Number),
        channel: 'telegram',
        conversationId: 'chat-9',
        direction: 'in',
        text: 'Колико траје гаранција?',
        locale: 'sr',
        intent: null,
        faq: null,
        confidence: null,
        kind: null,
        handoffReason: null,
        at: day(3),
      });
      expect(lines[1]).toEqual(
        expect.objectContaining({
          direction: 'out',
          locale: 'sr',
          intent: 'faq',
          faq: 'warranty-period',
          confidence: 0.9,
          kind: 'answer',
          handoffReason: null,
        }),
      );
      expect(lines.find((line) => line.kind === 'handoff')?.handoffReason).toBe('requested');
      const ids = lines.map((line) => line.id);
      for (const id of new Set(lines.map((line) => line.conversationId))) {
        const own = lines.filter((line) => line.conversationId === id).map((line) => line.id);
        expect(own).toEqual([...own].sort((a, b) => a - b));
      }
      expect(new Set(ids).size).toBe(22);
      expect(await reader.count()).toBe(22);
    });

    test('since and channel filter the lines, and the count agrees', async () => {
      const { reader } = await seeded();
      const filters = [
        { since: day(4) },
        { channel: 'telegram' },
        { since: day(3), channel: 'webchat' },
        { since: day(30) },
      ];
      const seen = [];
      for (const filter of filters) {
        const lines = await collect(reader.lines(filter));
        for (const line of lines) {
          if (filter.since)
            expect(line.at.getTime()).toBeGreaterThanOrEqual(filter.since.getTime());
          if (filter.channel) expect(line.channel).toBe(filter.channel);
        }
        expect(await reader.count(filter)).toBe(lines.length);
        seen.push(lines.map((line) => line.text).filter((text) => text.startsWith('person')));
      }
      expect(seen).toEqual([
        ['person please B-2', 'person please a-1', 'person please a_1'],
        [],
        ['person please B-2', 'person please a-1', 'person please a_1', 'person please ä'],
        [],
      ]);
    });

    test('the lines teach what a clarification and the entry pressed after it say', async () => {
      const backend = await create({ conversationsPerRead: 1 });
      const key = { channel: 'webchat', conversationId: 'w-learn' };
      await turn(
        backend.conversations,
        key,
        'the thing with the papers',
        'en',
        [reply('Which one?', { kind: 'clarify' })],
        day(5),
      );
      await turn(
        backend.conversations,
        key,
        'Warranty claim [faq:warranty-claim]',
        'en',
        [reply('Send the receipt.', { faq: 'warranty-claim' })],
        day(5, 10),
      );
      expect(await learnFromClarificationsFrom(backend.reader.lines())).toEqual([
        {
          faq: 'warranty-claim',
          locale: 'en',
          text: 'the thing with the papers',
          at: day(5, 10),
          sourceId: expect.any(Number),
        },
      ]);
    });

    test('a turn stored while the reader is part-way does not break it', async () => {
      const backend = await seeded({ conversationsPerRead: 1 });
      const lines = [];
      for await (const line of backend.reader.lines()) {
        lines.push(line);
        if (lines.length === 3)
          await turn(
            backend.conversations,
            { channel: 'webchat', conversationId: 'late' },
            'late question',
            'en',
            [reply('late answer')],
            day(9),
          );
      }
      expect(lines.length).toBeGreaterThanOrEqual(22);
      expect(await backend.reader.count()).toBe(24);
    });
  });
}
