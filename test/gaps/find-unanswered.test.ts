/**
 * The four kinds of unanswered question, from real conversations with the app on the shipped
 * knowledge (in English, Persian and Greek), read back from the stored transcripts.
 */
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadRejectionPhrases } from '../../src/config/load-rejection-phrases';
import {
  findUnanswered,
  findUnansweredFrom,
  type UnansweredQuestion,
} from '../../src/gaps/find-unanswered';
import { createRejectionTest } from '../../src/gaps/rejection';
import { silentLogger } from '../../src/logger';
import {
  createSqliteTranscriptReader,
  readTranscriptLines,
} from '../../src/storage/sqlite/transcript-reader';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const rejects = createRejectionTest(
  loadRejectionPhrases({ rootDir: repoRoot, knowledgeDir: 'knowledge' }),
);
let app: App;
let n = 0;
beforeAll(() => {
  app = createApp({
    rootDir: repoRoot,
    env: { AFTERCARE_DB: path.join(makeTempDir('aftercare-unanswered-'), 'gaps.db') },
    logger: silentLogger,
    channels: 'none',
  });
});
afterAll(() => app.close());

/** One conversation; each line is typed, or `[choice-id]` to press a button. */
async function converse(...lines: string[]): Promise<void> {
  const conversationId = `c${++n}`;
  for (const line of lines) {
    const pressed = /^\[(.+)\]$/.exec(line)?.[1];
    await app.handle({
      channel: 'webchat',
      conversationId,
      userId: `u${n}`,
      messageId: `m${n}-${line}`,
      text: pressed ? '' : line,
      ...(pressed ? { choiceId: pressed } : {}),
      receivedAt: app.clock.now(),
    });
  }
}
const found = (): Pick<UnansweredQuestion, 'kind' | 'text' | 'locale'>[] =>
  findUnanswered(readTranscriptLines(app.db), { rejects }).map(({ kind, text, locale }) => ({
    kind,
    text,
    locale,
  }));

test('an answer followed by "that\'s not what I asked" is a gap, in three languages', async () => {
  await converse('How long is the warranty?', "That's not what I asked, I wanted the price");
  await converse('ساعت کاری شما چیست؟', 'این چیزی نبود که پرسیدم');
  await converse('Πόσο διαρκεί η εγγύηση;', 'Δεν ρώτησα αυτό');
  // Answered and followed by another question: no gap.
  await converse('How long is the warranty?', 'What are your opening hours?');
  expect(found()).toEqual([
    { kind: 'answer-rejected', text: 'How long is the warranty?', locale: 'en' },
    { kind: 'answer-rejected', text: 'ساعت کاری شما چیست؟', locale: 'fa' },
    { kind: 'answer-rejected', text: 'Πόσο διαρκεί η εγγύηση;', locale: 'el' },
  ]);
});

test('the other three kinds, and no phrase list: only a person asked for rejects an answer', async () => {
  const before = found().length;
  await converse('Can I pay with bitcoin?');
  await converse('not working', 'qwerty zxcv');
  await converse('What are your opening hours?', 'I want to talk to a person');
  const kinds = found()
    .slice(before)
    .map((question) => [question.kind, question.text]);
  expect(kinds).toEqual([
    ['fallback', 'Can I pay with bitcoin?'],
    ['clarify-abandoned', 'not working'],
    ['low-confidence-handoff', 'qwerty zxcv'],
    ['answer-rejected', 'What are your opening hours?'],
  ]);
  const withoutPhrases = findUnanswered(readTranscriptLines(app.db)).filter(
    (question) => question.kind === 'answer-rejected',
  );
  expect(withoutPhrases.map((question) => question.text)).toEqual(['What are your opening hours?']);
  // Read through the TranscriptReader port (one conversation at a time), the same questions.
  expect(
    await findUnansweredFrom(
      createSqliteTranscriptReader(app.db, { conversationsPerRead: 2 }).lines(),
      {
        rejects,
      },
    ),
  ).toEqual(findUnanswered(readTranscriptLines(app.db), { rejects }));
});

test('a clarification the customer left, or answered by asking for a person, is abandoned; a pressed choice is not', async () => {
  const abandoned = () =>
    found().filter(
      (question) => question.kind === 'clarify-abandoned' && question.text === 'warranty',
    );
  const [allBefore, before] = [found().length, abandoned().length];
  await converse('warranty');
  await converse('warranty', 'I want to talk to a person');
  await converse('warranty', '[human]');
  await converse('warranty', '[faq:warranty-claim]');
  // Transcripts are read by conversation id, so the new ones are counted, not sliced.
  expect(abandoned().length - before).toBe(3);
  expect(found().length - allBefore).toBe(3);
});

test('phrases match as whole words in the normal form, in any script', () => {
  expect(rejects('THAT IS NOT WHAT I ASKED!!', 'en')).toBe(true);
  expect(rejects('to nije ono sto sam pitao', 'sr')).toBe(true);
  expect(rejects('То није оно што сам питао', 'sr')).toBe(true);
  expect(rejects('What did I ask about the warranty?', 'en')).toBe(false);
});
