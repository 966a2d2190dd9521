/**
 * Issue 14, voice: the real app answering calls the way Twilio places them. The Twilio stand-in
 * signs every request and follows the action URLs of the TwiML the bot answers with.
 */
import { phoneSchema } from '../../../src/config/phone-schema';
import { removeTempDirs } from '../../helpers/temp-dir';
import { spoken } from '../../stand-ins/twilio';
import { FRIDAY, STAFF_NUMBER, startPhoneWorld, type PhoneWorld } from './phone-world';

jest.setTimeout(120_000);

let world: PhoneWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
afterAll(removeTempDirs);

const markdown = /\*\*|\[|\]\(|^- /m;

describe('a call', () => {
  it('in English: greeting, menu, a question, a spoken answer, "anything else", hang-up', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550001111');
    expect(call.said()[0]).toBe('Welcome to Aftercare customer service.');
    expect(call.said()).toContain('For English, press 1.');
    expect(call.said()).toContain('برای فارسی ۲ را فشار دهید.');
    expect(call.twiml().children.find((verb) => verb.name === 'Gather')?.attributes.input).toBe(
      'dtmf',
    );

    await call.press('1');
    const gather = call.twiml().children.find((verb) => verb.name === 'Gather');
    expect(gather?.attributes).toMatchObject({ input: 'speech dtmf', language: 'en-US' });
    expect(call.said()).toEqual(['How can I help you? Please say your question.']);

    await call.say('What are your opening hours?');
    const [answer, ...rest] = call.said();
    expect(answer).toMatch(/08:00/);
    expect(answer).not.toMatch(markdown);
    expect(rest).toEqual(['Is there anything else I can help you with?']);
    expect(spoken(call.twiml())[0]?.attributes).toMatchObject({ voice: 'Polly.Joanna' });

    await call.silence();
    expect(call.said()).toEqual(['Thank you for calling. Goodbye.']);
    expect(call.hungUp()).toBe(true);
    // The call is the conversation, the caller's number the user.
    const transcript = await world!.app.store.transcript(
      { channel: 'voice', conversationId: call.sid },
      10,
    );
    expect(transcript.map((entry) => entry.direction)).toEqual(['in', 'out']);
  });

  it('answers a /turn that Twilio posts again with the stored answer, processed once', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550001112');
    await call.press('1');
    const answered = await call.say('What are your opening hours?');
    expect(call.said()[0]).toMatch(/08:00/);

    // The same utterance of the same turn, retried: the same TwiML, not "anything else?".
    const retried = await call.retryLast();
    expect(retried).toEqual(answered);
    const transcript = await world!.app.store.transcript(
      { channel: 'voice', conversationId: call.sid },
      10,
    );
    expect(transcript.map((entry) => entry.direction)).toEqual(['in', 'out']);
  });

  it('in Persian: the menu key picks Persian, the answer is spoken in fa-IR', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+989121112233');
    expect(call.said()[0]).toBe('Welcome to Aftercare customer service.');
    expect(call.said()).toContain('برای فارسی ۲ را فشار دهید.');
    await call.press('2');
    expect(call.said()).toEqual(['چطور می‌توانم کمکتان کنم؟ لطفاً سؤالتان را بگویید.']);
    expect(call.twiml().children.find((verb) => verb.name === 'Gather')?.attributes.language).toBe(
      'fa-IR',
    );

    await call.say('ساعت کاری شما چیست؟');
    const [answer, ...rest] = call.said();
    expect(answer).toMatch(/شنبه/);
    expect(answer).not.toMatch(markdown);
    expect(rest).toEqual(['کار دیگری هست که بتوانم برایتان انجام دهم؟']);
    expect(spoken(call.twiml()).every((say) => say.attributes.language === 'fa-IR')).toBe(true);

    await call.silence();
    expect(call.said()).toEqual(['از تماس شما سپاسگزاریم. خدانگهدار.']);
    expect(call.hungUp()).toBe(true);
  });

  it('skips the menu when the caller number has a configured country prefix', async () => {
    world = await startPhoneWorld({ phone: { countryPrefixes: { '+98': 'fa' } } });
    const call = await world!.twilio.call(world!.url, '+989121112233');
    expect(call.said()).toEqual([
      'به خدمات پس از فروش خوش آمدید.',
      'چطور می‌توانم کمکتان کنم؟ لطفاً سؤالتان را بگویید.',
    ]);
  });

  it('listens and speaks in the speech code configured for the locale', async () => {
    world = await startPhoneWorld({
      phone: {
        speechCodes: { en: 'en-GB', fa: 'fa-IR' },
        voices: { en: 'Polly.Amy', fa: 'Test.fa-IR-Voice' },
      },
    });
    const call = await world!.twilio.call(world!.url, '+15550001313');
    await call.press('1');
    expect(call.twiml().children.find((verb) => verb.name === 'Gather')?.attributes.language).toBe(
      'en-GB',
    );
    await call.say('What are your opening hours?');
    expect(spoken(call.twiml())[0]?.attributes).toMatchObject({
      voice: 'Polly.Amy',
      language: 'en-GB',
    });
  });

  it('reads "did you mean" as a spoken menu and takes the pressed number', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550001111');
    await call.press('1');
    await call.say('not working');
    expect(call.said()).toContain('Say the number, or press it.');
    expect(call.said().some((line) => /^1: /.test(line))).toBe(true);
    await call.press('1');
    expect(call.said().at(-1)).toBe('Is there anything else I can help you with?');
  });

  it('offers a person after silence twice in a row', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550001111');
    await call.press('1');
    await call.silence();
    expect(call.said()).toEqual([
      'Sorry, I did not catch that.',
      'How can I help you? Please say your question.',
    ]);
    await call.silence();
    expect(call.said()).toEqual([
      'Sorry, I did not catch that.',
      'To talk to a person, press 0. Or say your question again.',
    ]);
  });

  it('hands off to a person after no match twice in a row (inside hours: dials)', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550001212');
    await call.press('1');
    await call.say('zxqv plorb wump');
    expect(call.twiml().children.some((verb) => verb.name === 'Dial')).toBe(false);
    expect(call.twiml().children.some((verb) => verb.name === 'Gather')).toBe(true);
    await call.say('blorf quazzle snerp');
    const dial = call.twiml().children.find((verb) => verb.name === 'Dial');
    expect(dial?.text).toBe(STAFF_NUMBER);
    expect(call.said()).toEqual(['I am connecting you to a colleague. Please hold.']);
  });

  it('says so in the default language where the provider has no voice, and texts the answer', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550002222');
    await call.press('6'); // Tamil: no voice in this deployment
    expect(call.said()[0]).toMatch(/cannot yet speak Tamil/);
    const answered = await call.say('உங்கள் கடை எப்போது திறந்திருக்கும்?');
    expect(call.said()[0]).toBe('I have sent it to you by SMS.');
    await world!.twilio.log.waitForSucceeded('messages.create');
    const texted = world!.twilio.sent();
    expect(texted.length).toBeGreaterThan(0);
    expect(texted.map((sms) => sms.to)).toEqual(texted.map(() => '+15550002222'));

    // Twilio posts the same turn again: the same TwiML, and the SMS (committed with the turn,
    // sent before the answer) is not sent a second time.
    expect(await call.retryLast()).toEqual(answered);
    expect(world!.twilio.sent()).toEqual(texted);
  });
});

describe('the shipped voices', () => {
  it('have none for Persian (Twilio has none): the menu names it in English, answers go by SMS', async () => {
    world = await startPhoneWorld({ phone: { voices: phoneSchema.parse({}).voices } });
    const call = await world!.twilio.call(world!.url, '+989121112299');
    const menu = spoken(call.twiml().children.find((verb) => verb.name === 'Gather')!);
    expect(menu.map((say) => say.text)).toContain('For Persian, press 2.');
    expect(menu.find((say) => say.text === 'For Persian, press 2.')?.attributes).toMatchObject({
      voice: 'Polly.Joanna',
      language: 'en-US',
    });
    expect(menu.map((say) => say.attributes.voice)).toEqual([
      'Polly.Joanna',
      'Polly.Joanna',
      'Google.vi-VN-Standard-A',
      'Google.el-GR-Standard-A',
      'Google.sr-RS-Standard-A',
      'Google.ta-IN-Standard-A',
    ]);
    await call.press('2');
    expect(call.said()[0]).toBe(
      'Sorry, we cannot yet speak Persian on the phone. I will send our answers to you by SMS instead.',
    );
    // Persian speech is still recognised.
    expect(call.twiml().children.find((verb) => verb.name === 'Gather')?.attributes.language).toBe(
      'fa-IR',
    );
    await call.say('ساعت کاری شما چیست؟');
    expect(call.said()[0]).toBe('I have sent it to you by SMS.');
    await world!.twilio.log.waitForSucceeded('messages.create');
    expect(world!.twilio.sent()[0]?.body).toMatch(/شنبه/);
  });
});

describe('signatures', () => {
  it('refuses an unsigned and a wrongly signed request with 403 and stores nothing', async () => {
    world = await startPhoneWorld();
    const params = { CallSid: 'CAforged', From: '+15550003333', To: '+15550100100' };
    const unsigned = await world!.twilio.post(world!.url, '/voice/twilio', params, 'unsigned');
    const wrong = await world!.twilio.post(world!.url, '/voice/twilio', params, 'wrong');
    const forgedTurn = await world!.twilio.post(
      world!.url,
      '/voice/twilio/turn?lang=en&t=0&miss=0',
      { ...params, SpeechResult: 'What are your opening hours?' },
      'wrong',
    );
    const sms = await world!.twilio.post(
      world!.url,
      '/sms/twilio',
      { MessageSid: 'SMforged', From: '+15550003333', To: '+15550100100', Body: 'hi' },
      'unsigned',
    );
    const wrongSms = await world!.twilio.post(
      world!.url,
      '/sms/twilio',
      { MessageSid: 'SMforged2', From: '+15550003333', To: '+15550100100', Body: 'hi' },
      'wrong',
    );
    expect([unsigned.status, wrong.status, forgedTurn.status, sms.status, wrongSms.status]).toEqual(
      [403, 403, 403, 403, 403],
    );
    expect(await world!.app.references.loadReference('voice', 'CAforged')).toBeNull();
    expect(
      await world!.app.store.transcript({ channel: 'voice', conversationId: 'CAforged' }, 5),
    ).toEqual([]);
    expect(
      await world!.app.store.transcript({ channel: 'sms', conversationId: '+15550003333' }, 5),
    ).toEqual([]);
  });
});

describe('a person on the phone', () => {
  it('inside business hours dials the staff number with a timeout', async () => {
    world = await startPhoneWorld();
    const call = await world!.twilio.call(world!.url, '+15550004444');
    await call.press('1');
    await call.press('0');
    const dial = call.twiml().children.find((verb) => verb.name === 'Dial');
    expect(dial?.text).toBe(STAFF_NUMBER);
    expect(dial?.attributes.timeout).toBe('20');
    expect(call.said()).toEqual(['I am connecting you to a colleague. Please hold.']);
    // Nobody answers: the caller leaves a message.
    await call.dialEnds('no-answer');
    expect(call.twiml().children.some((verb) => verb.name === 'Record')).toBe(true);
  });

  it('outside business hours records a message and opens a ticket with the recording', async () => {
    world = await startPhoneWorld({ start: FRIDAY });
    const call = await world!.twilio.call(world!.url, '+15550005555');
    await call.press('1');
    await call.say('What are your opening hours?');
    await call.press('0');
    expect(call.twiml().children.some((verb) => verb.name === 'Dial')).toBe(false);
    expect(call.said()[0]).toMatch(/leave your message after the tone/);
    const record = call.twiml().children.find((verb) => verb.name === 'Record');
    expect(record?.attributes).toMatchObject({ transcribe: 'true', maxLength: '120' });

    await world!.slack.log.waitUntil(() => world!.ticketPosts().length === 1, 'a ticket post');
    const ticket = world!.ticketPosts()[0]!;
    const recording = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE123';
    await call.leaveMessage(recording, 'My washing machine leaks, please call me back.');
    expect(call.said()).toEqual(['Thank you, your message is with our team. Goodbye.']);
    expect(call.hungUp()).toBe(true);

    await world!.slack.log.waitUntil(
      () =>
        world!.threadPosts(ticket.ts).some((post) => post.text.includes(recording)) &&
        world!.threadPosts(ticket.ts).some((post) => post.text.includes('washing machine leaks')),
      'the recording and its transcription in the ticket thread',
    );
    const stored = await world!.app.desk.tickets.activeFor({
      channel: 'voice',
      conversationId: call.sid,
    });
    const lines = (await world!.app.desk.tickets.messages(stored!.id, 20)).map(
      (message) => message.text,
    );
    // The call transcript came with the ticket.
    expect(lines).toContain('What are your opening hours?');
    expect(lines.some((line) => line.includes(recording))).toBe(true);
  });
});
