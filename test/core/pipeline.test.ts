import type { CustomerRelayed, HandoffDesk, HandoffRequest } from '../../src/core/pipeline/ports';
import { miniKnowledge } from './mini-knowledge';
import { createTestChannel } from './test-channel';

describe('the core through a test channel', () => {
  test('answers an FAQ in the language of the question', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    const [english] = await channel.send('How long is the warranty?');
    expect(english).toMatchObject({ kind: 'answer', faq: 'warranty-period', locale: 'en' });
    expect(english?.text).toContain('24-month');
    expect(english?.choices.map((choice) => choice.id)).toEqual(['faq:return-policy']);

    const [persian] = await channel.send('گارانتی محصول چقدر است؟', { conversationId: 'c2' });
    expect(persian).toMatchObject({ kind: 'answer', faq: 'warranty-period', locale: 'fa' });
    expect(persian?.text).toContain('گارانتی');
  });

  test('answers a Serbian Latin question in Latin, a Cyrillic one in Cyrillic', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    const [latin] = await channel.send('Koliko traje garancija?', {
      conversationId: 'latin',
      localeHint: 'sr',
    });
    expect(latin).toMatchObject({ faq: 'warranty-period', locale: 'sr' });
    expect(latin?.text).toContain('garanciju');
    const [cyrillic] = await channel.send('Колико траје гаранција?', {
      conversationId: 'cyrillic',
    });
    expect(cyrillic?.text).toContain('гаранцију');
  });

  test('a pressed follow-up button answers that entry, in the conversation language', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    await channel.send('How long is the warranty?');
    const [answer] = await channel.press('faq:return-policy');
    expect(answer).toMatchObject({ kind: 'answer', faq: 'return-policy', confidence: 1 });
  });

  test('a vague question gets "did you mean" choices, and a choice answers it', async () => {
    const vague = {
      warranty: [
        { label: 'faq:warranty-period', score: 0.5 },
        { label: 'faq:warranty-claim', score: 0.45 },
        { label: 'intent:greeting', score: 0.1 },
      ],
    };
    const channel = createTestChannel({ knowledge: miniKnowledge, scripted: vague });
    const [clarify] = await channel.send('warranty');
    expect(clarify?.kind).toBe('clarify');
    const ids = clarify?.choices.map((choice) => choice.id) ?? [];
    // Choices far below the top one (the greeting at 0.1) are dropped; a person is always offered.
    expect(ids).toEqual(['faq:warranty-period', 'faq:warranty-claim', 'human']);
    expect(clarify?.choices[0]?.label).toBe('How long is the warranty?');
    const [answer] = await channel.press('faq:warranty-period');
    expect(answer).toMatchObject({ kind: 'answer', faq: 'warranty-period' });
  });

  test('a clarification that did not help hands off', async () => {
    const requests: HandoffRequest[] = [];
    const desk: HandoffDesk = {
      open: (request) => {
        requests.push(request);
        return Promise.resolve({
          ticketId: 't1',
          staffAvailable: true,
          relaying: true,
          staffChannel: true,
        });
      },
      relayFromCustomer: () => Promise.resolve(null),
      returnToBot: () => Promise.resolve(null),
    };
    const scripted = {
      warranty: [
        { label: 'faq:warranty-period', score: 0.5 },
        { label: 'faq:warranty-claim', score: 0.45 },
      ],
      'the thing with the papers': [{ label: 'faq:warranty-claim', score: 0.4 }],
    };
    const channel = createTestChannel({ knowledge: miniKnowledge, desk, scripted });
    expect((await channel.send('warranty'))[0]?.kind).toBe('clarify');
    const [handoff] = await channel.send('the thing with the papers');
    expect(handoff).toMatchObject({ kind: 'handoff', handoffReason: 'low-confidence' });
    expect(requests).toHaveLength(1);
  });

  test('two fallbacks in a row hand off, and the first offers a person', async () => {
    const scripted = {
      'What is the capital of France?': [],
      'Who won the football match?': [{ label: 'intent:greeting', score: 0.1 }],
    };
    const channel = createTestChannel({ knowledge: miniKnowledge, scripted });
    const [first] = await channel.send('What is the capital of France?');
    expect(first?.kind).toBe('answer');
    expect(first?.choices).toEqual([{ id: 'human', label: 'Talk to a person' }]);
    const [second] = await channel.send('Who won the football match?');
    expect(second).toMatchObject({ kind: 'handoff', handoffReason: 'repeated-fallback' });
    // No desk configured: the customer gets the main phone number instead of silence.
    expect(second?.text).toContain('021-66097851');
  });

  test('asking for a person hands off; the desk says when the bot acknowledges and when it is silent', async () => {
    const relayed: string[] = [];
    const notices: CustomerRelayed['notice'][] = ['ack', null, 'claimed', null];
    const returned: string[] = [];
    const desk: HandoffDesk = {
      open: () =>
        Promise.resolve({
          ticketId: 't1',
          staffAvailable: true,
          relaying: true,
          staffChannel: true,
        }),
      relayFromCustomer: (_key, text) => {
        relayed.push(text);
        const notice = notices.shift() ?? null;
        return Promise.resolve({
          ticketId: 't1',
          status: notice === 'claimed' || relayed.length > 3 ? 'claimed' : 'open',
          assignee: 'Mina',
          notice,
          staffAvailable: true,
          claimTimeoutMinutes: 15,
        });
      },
      returnToBot: (key) => {
        returned.push(key.conversationId);
        return Promise.resolve('t1');
      },
    };
    const channel = createTestChannel({ knowledge: miniKnowledge, desk });
    const [handoff] = await channel.send('I want to talk to a person');
    expect(handoff).toMatchObject({ kind: 'handoff', handoffReason: 'requested' });
    expect(handoff?.choices.map((choice) => choice.id)).toEqual(['bot']);
    const [ack] = await channel.send('are you there?');
    expect(ack?.text).toContain('#t1');
    expect(await channel.send('hello??')).toEqual([]);
    const [claimed] = await channel.send('still there?');
    expect(claimed?.text).toContain('Mina');
    expect(await channel.send('ok')).toEqual([]);
    expect(relayed).toEqual(['are you there?', 'hello??', 'still there?', 'ok']);
    const [back] = await channel.press('bot');
    expect(back?.kind).toBe('answer');
    expect(returned).toHaveLength(1);
    expect((await channel.send('I want to talk to a person'))[0]?.kind).toBe('handoff');
  });

  test('/human, /start, /help and /language work as commands', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    expect((await channel.send('/start'))[0]).toMatchObject({ intent: 'greeting' });
    expect((await channel.send('/help'))[0]).toMatchObject({ intent: 'capabilities' });
    const [language] = await channel.send('/language');
    expect(language?.choices.map((choice) => choice.id)).toEqual([
      'lang:en',
      'lang:fa',
      'lang:vi',
      'lang:el',
      'lang:sr',
      'lang:ta',
    ]);
    const [set] = await channel.press('lang:fa');
    expect(set?.locale).toBe('fa');
    expect((await channel.send('/human', { conversationId: 'other' }))[0]?.kind).toBe('handoff');
  });

  test('a safety topic always goes to a person, with the answer first', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    const [reply] = await channel.send('I got an electric shock from the washing machine');
    expect(reply).toMatchObject({ kind: 'handoff', handoffReason: 'always-human-topic' });
    expect(reply?.text).toContain('Unplug the appliance');
  });

  test('the branch directory answers with the named branch', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    const [reply] = await channel.send('What is the phone number of the repair centre?');
    expect(reply?.intent).toBe('branch-lookup');
    expect(reply?.text).toContain('021-66097859');
    expect(reply?.text).not.toContain('021-66097851');
  });

  test('a redelivered message id is processed once and answered from what is stored', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    const first = await channel.send('hello', { messageId: 'same' });
    expect(first).toHaveLength(1);
    // Without a TurnDelivery (the web chat) the redelivery gets the committed replies again.
    expect(await channel.send('hello', { messageId: 'same' })).toEqual(first);
    const transcript = await channel.store.transcript({ channel: 'test', conversationId: 'c1' });
    expect(transcript.map((entry) => entry.direction)).toEqual(['in', 'out']);
  });

  test('state is kept per conversation: the language sticks', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    await channel.send('گارانتی محصول چقدر است؟', { conversationId: 'fa' });
    const [short] = await channel.send('ok?', { conversationId: 'fa' });
    expect(short?.locale).toBe('fa');
    const [other] = await channel.send('ok?', { conversationId: 'new' });
    expect(other?.locale).toBe('en');
  });

  test('the transcript keeps the match and confidence of each answer', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    await channel.send('How long is the warranty?');
    const transcript = await channel.store.transcript({ channel: 'test', conversationId: 'c1' });
    expect(transcript.map((entry) => entry.direction)).toEqual(['in', 'out']);
    expect(transcript[1]).toMatchObject({ faq: 'warranty-period', kind: 'answer' });
    expect(transcript[1]?.confidence).toBeGreaterThan(0.5);
  });
});

describe('bad input gets a sensible reply', () => {
  const channel = createTestChannel({ knowledge: miniKnowledge, maxMessageChars: 2000 });
  const ask = async (text: string, conversationId: string) => {
    const replies = await channel.send(text, { conversationId });
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.text.trim()).not.toBe('');
    return replies;
  };

  test('empty and whitespace-only text ask for a question', async () => {
    expect((await ask('', 'empty'))[0]?.text).toContain('type your question');
    expect((await ask('   \n\t ', 'blank'))[0]?.text).toContain('type your question');
  });

  test('emoji only asks for a question', async () => {
    expect((await ask('😀🎉👍', 'emoji'))[0]?.text).toContain('type your question');
  });

  test('a 1 MB message is cut, the customer is told, and the question still answered', async () => {
    const replies = await ask('How long is the warranty? '.repeat(40000), 'huge');
    expect(replies[0]?.text).toContain('very long');
    const stored = (await channel.store.transcript({ channel: 'test', conversationId: 'huge' }))[0];
    expect(stored?.text.length).toBeLessThanOrEqual(2000);
  });

  test('control characters and invalid UTF-16 are removed before matching', async () => {
    const [reply] = await ask('How long\u0000 is the \u0007warranty?\uD800', 'controls');
    expect(reply?.faq).toBe('warranty-period');
    const stored = (
      await channel.store.transcript({ channel: 'test', conversationId: 'controls' })
    )[0];
    expect(stored?.text).toBe('How long is the warranty?');
  });

  test('mixed scripts get an answer, not an error', async () => {
    const [reply] = await ask('warranty گارانتی гаранција bảo hành?', 'mixed');
    expect(['answer', 'clarify', 'handoff']).toContain(reply?.kind);
  });

  test('a question in a language that is not configured is told which languages work', async () => {
    const [reply] = await ask('Wie lange gilt die Garantie für mein Gerät?', 'german');
    expect(reply?.text).toContain('English');
    expect(reply?.text).toContain('فارسی');
  });
});

describe('right-to-left answers', () => {
  test('a phone number in a Persian answer is isolated left to right, so it is not shown reversed', async () => {
    const scripted = { 'شماره تلفن مرکز تعمیرات': [{ label: 'intent:branch-lookup', score: 0.9 }] };
    const channel = createTestChannel({ knowledge: miniKnowledge, scripted });
    const [reply] = await channel.send('شماره تلفن مرکز تعمیرات', {
      conversationId: 'fa-phone',
      localeHint: 'fa',
    });
    expect(reply?.locale).toBe('fa');
    expect(reply?.text).toContain('\u2066021-66097859\u2069');
  });

  test('left-to-right answers are left alone', async () => {
    const channel = createTestChannel({ knowledge: miniKnowledge });
    const [reply] = await channel.send('What is the phone number of the repair centre?');
    expect(reply?.text).toContain('021-66097859');
    expect(reply?.text).not.toContain('\u2066');
  });
});
