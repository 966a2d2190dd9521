/**
 * A stand-in for the core while it is being written: dedupes message ids per channel like
 * ConversationStore.recordIncoming, stores references, and answers a few fixed questions.
 */
import type { ConversationReference, HandleMessage } from '../../../src/core/channel';
import type { IncomingMessage, Reply } from '../../../src/core/message';
import { startRoutesServer } from './routes-server';
import { createTestLogger } from './test-logger';
import type { TestCore } from './test-core';

const answer = (text: string, extra: Partial<Reply> = {}): Reply => ({
  kind: 'answer',
  text,
  locale: 'en',
  choices: [],
  intent: null,
  faq: null,
  confidence: 1,
  ...extra,
});

function respond(message: IncomingMessage): Reply[] {
  if (message.choiceId === 'faq:warranty-period' || /warranty/i.test(message.text)) {
    return [answer('Most products carry a **24-month** warranty from the date of purchase.', { faq: 'warranty-period' })];
  }
  if (message.text === '/start') return [answer('Hello! I can help with warranty and repairs.', { intent: 'greeting' })];
  if (/long/.test(message.text)) {
    const paragraph = 'Keep the receipt & the serial number <on the label> safe. '.repeat(20).trim();
    return [answer(Array.from({ length: 5 }, () => paragraph).join('\n\n'), { faq: 'long' })];
  }
  return [
    answer('Did you mean:', {
      kind: 'clarify',
      confidence: 0.4,
      choices: [
        { id: 'faq:warranty-period', label: 'How long is the warranty?' },
        { id: 'human', label: 'Talk to a person' },
      ],
    }),
  ];
}

export async function startFakeCore(): Promise<TestCore> {
  const seen = new Set<string>();
  const incoming: IncomingMessage[] = [];
  const references = new Map<string, ConversationReference>();
  const logger = createTestLogger();
  const server = await startRoutesServer();
  const handle: HandleMessage = async (message) => {
    const key = `${message.channel}\u0000${message.messageId}`;
    if (seen.has(key)) return [];
    seen.add(key);
    incoming.push(message);
    return respond(message);
  };
  return {
    context: {
      handle,
      logger,
      routes: server.routes,
      references: {
        saveReference: (channel, conversationId, reference) => void references.set(`${channel}\u0000${conversationId}`, reference),
        loadReference: (channel, conversationId) => references.get(`${channel}\u0000${conversationId}`) ?? null,
      },
    },
    url: server.url,
    logger,
    storedIncoming: (channel) => incoming.filter((message) => message.channel === channel).length,
    storedReferences: (channel) => [...references.keys()].filter((key) => key.startsWith(`${channel}\u0000`)).length,
    expectedReplies: async (probe) => respond({ channel: 'test', conversationId: 'x', userId: 'x', messageId: 'x', receivedAt: new Date(), ...probe }),
    close: () => server.close(),
  };
}
