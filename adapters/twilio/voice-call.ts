/**
 * One call through the core: the answer to each of Twilio's requests (incoming call, language
 * key, each utterance, the end of a dialled hand-off, the voicemail). Every utterance is one
 * IncomingMessage: the call is the conversation, the caller's number the user.
 */
import type { HandleMessage, ReferenceStore } from '../../src/core/channel';
import type { IncomingMessage, Reply } from '../../src/core/message';
import type { Logger } from '../../src/core/ports';
import { nativeName } from '../../src/core/texts';
import type { FormParams } from './signed-webhook';
import { readCharacters, toSpokenText } from './spoken-text';
import {
  canSpeak,
  dialTwiml,
  freshCall,
  goodbyeTwiml,
  languageMenuTwiml,
  listenTwiml,
  recordTwiml,
  type CallState,
  type Utterance,
  type VoiceSettings,
} from './voice-twiml';

export const VOICE_CHANNEL = 'voice';

export interface VoiceCallOptions {
  readonly handle: HandleMessage;
  readonly references: ReferenceStore;
  readonly settings: VoiceSettings;
  /** The bot's own text `key` in `locale` (knowledge/messages.yaml). */
  readonly text: (key: string, locale: string, params?: Record<string, string>) => string;
  /** True while staff take calls (business hours). */
  readonly staffOpen: () => boolean;
  readonly staffNumber?: string;
  /** Sends replies to the caller by SMS (the whole of a shortened answer, on request). */
  readonly sms: (callSid: string, replies: readonly Reply[]) => Promise<void>;
  /**
   * Writes the SMS jobs of a turn's replies (a language without a voice) inside the turn's
   * transaction; `sendCommitted` sends them after it.
   */
  readonly commitSms: (callSid: string, replies: readonly Reply[]) => Promise<void>;
  readonly sendCommitted: () => Promise<void>;
  readonly now: () => Date;
  readonly logger: Logger;
}

export interface VoiceCall {
  incoming(params: FormParams): Promise<string>;
  language(params: FormParams): string;
  turn(params: FormParams, state: CallState): Promise<string>;
  dialed(params: FormParams, state: CallState): string;
  recorded(params: FormParams, state: CallState): Promise<string>;
  transcription(params: FormParams, state: CallState): Promise<void>;
}

/** What the adapter keeps of a call in the reference store. */
export interface CallReference {
  readonly caller: string;
  readonly number: string;
  /** The last answer in full, for "shall I send this by SMS?". */
  readonly lastAnswer?: readonly Reply[];
  /** The turn whose answer was last texted on the caller's "1": a retried key press is not. */
  readonly textedTurn?: number;
  [key: string]: unknown;
}

const digitsOf = (text: string): string =>
  text.replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0));

export function createVoiceCall(options: VoiceCallOptions): VoiceCall {
  const { settings, text, logger } = options;
  const { defaultLocale, locales } = settings;
  /** A text in the call's language, or in the default one where the provider has no voice. */
  const spokenIn = (locale: string): string =>
    canSpeak(settings, locale) ? locale : defaultLocale;
  const words = (key: string, locale: string, params?: Record<string, string>): Utterance => {
    const spoken = spokenIn(locale);
    return { text: text(key, spoken, params), locale: spoken };
  };
  /** A language's name as the voice that says it can pronounce it: "Persian" in English. */
  const languageName = (locale: string): string => {
    const spoken = spokenIn(locale);
    if (spoken === locale) return nativeName(locale);
    try {
      return new Intl.DisplayNames([spoken], { type: 'language' }).of(locale) ?? locale;
    } catch {
      return locale;
    }
  };
  const callSid = (params: FormParams): string => params.CallSid ?? 'unknown-call';
  const reference = async (params: FormParams): Promise<CallReference | null> =>
    (await options.references.loadReference(
      VOICE_CHANNEL,
      callSid(params),
    )) as CallReference | null;

  const leaveMessage = (state: CallState): string =>
    recordTwiml(settings, state, [words('phone-leave-message', state.locale)]);

  const ask = (locale: string, before: Utterance[] = []): string => {
    const state = freshCall(locale);
    const notice = canSpeak(settings, locale)
      ? []
      : [words('phone-no-voice', defaultLocale, { language: languageName(locale) })];
    return listenTwiml(settings, state, [...before, ...notice], [words('phone-ask', locale)]);
  };

  const pickedChoice = (state: CallState, input: string): string | undefined => {
    const number = /\d+/.exec(digitsOf(input))?.[0];
    return number === undefined ? undefined : state.choices[Number(number) - 1];
  };

  /** A turn's replies the caller gets by SMS instead of hearing them: no voice for the language. */
  const textedInstead = (replies: readonly Reply[], state: CallState): boolean =>
    replies.length > 0 &&
    !replies.some((reply) => reply.kind === 'handoff') &&
    !canSpeak(settings, replies.at(-1)?.locale ?? state.locale);

  async function answer(state: CallState, params: FormParams, replies: Reply[]): Promise<string> {
    const locale = replies.at(-1)?.locale ?? state.locale;
    const next: CallState = { ...state, locale, misses: 0, choices: [], smsOffer: false };
    if (replies.some((reply) => reply.kind === 'handoff')) {
      if (options.staffOpen() && options.staffNumber !== undefined)
        return dialTwiml(settings, next, [words('phone-connecting', locale)], options.staffNumber);
      return leaveMessage(next);
    }
    if (replies.length === 0)
      return listenTwiml(
        settings,
        { ...next, answered: true },
        [],
        [words('phone-anything-else', locale)],
      );
    if (textedInstead(replies, state)) {
      // Committed with the turn (see turn()); a retried /turn does not text them again.
      return listenTwiml(
        settings,
        { ...next, answered: true },
        [words('phone-sms-sent', locale)],
        [words('phone-anything-else', locale)],
      );
    }
    const spoken = replies.map((reply) =>
      toSpokenText(reply.text, reply.locale, settings.phone.maxSpokenChars),
    );
    const said: Utterance[] = spoken.map((part) => ({ text: part.text, locale }));
    // Only "did you mean" becomes a spoken menu; an answer's related questions are too long to hear.
    const choices = replies.flatMap((reply) => (reply.kind === 'clarify' ? reply.choices : []));
    if (choices.length > 0) {
      const menu = choices.map((choice, index) =>
        words('phone-choice', locale, {
          digit: readCharacters(String(index + 1), locale),
          label: toSpokenText(choice.label, locale, settings.phone.maxSpokenChars).text,
        }),
      );
      return listenTwiml(
        settings,
        { ...next, choices: choices.map((choice) => choice.id) },
        [...said, ...menu],
        [words('phone-choose', locale)],
      );
    }
    if (spoken.some((part) => part.shortened)) {
      const saved = await reference(params);
      if (saved !== null)
        await options.references.saveReference(VOICE_CHANNEL, callSid(params), {
          ...saved,
          lastAnswer: replies,
        });
      return listenTwiml(settings, { ...next, smsOffer: true }, said, [
        words('phone-sms-offer', locale),
      ]);
    }
    return listenTwiml(settings, { ...next, answered: true }, said, [
      words('phone-anything-else', locale),
    ]);
  }

  return {
    async incoming(params) {
      const caller = params.From ?? '';
      await options.references.saveReference(VOICE_CHANNEL, callSid(params), {
        caller,
        number: params.To ?? '',
      });
      const prefixed = Object.entries(settings.phone.countryPrefixes)
        .filter(([prefix, locale]) => caller.startsWith(prefix) && locales.includes(locale))
        .sort(([a], [b]) => b.length - a.length)[0]?.[1];
      logger.info({ callSid: callSid(params), locale: prefixed ?? null }, 'call started');
      if (prefixed !== undefined) return ask(prefixed, [words('phone-welcome', prefixed)]);
      if (locales.length === 1) return ask(defaultLocale, [words('phone-welcome', defaultLocale)]);
      const items = locales.map((locale, index) =>
        words('phone-menu-item', locale, {
          digit: readCharacters(String(index + 1), spokenIn(locale)),
          language: languageName(locale),
        }),
      );
      return languageMenuTwiml(settings, [words('phone-welcome', defaultLocale)], items);
    },
    language(params) {
      const index = Number(params.Digits ?? '') - 1;
      const locale = locales[index] ?? defaultLocale;
      logger.info({ callSid: callSid(params), locale }, 'call language');
      return ask(locale);
    },
    async turn(params, state) {
      const speech = params.SpeechResult?.trim() ?? '';
      const keys = params.Digits?.replace(/#$/, '') ?? '';
      const input = speech !== '' ? speech : keys;
      if (input === '') {
        if (state.answered) return goodbyeTwiml(settings, [words('phone-goodbye', state.locale)]);
        const misses = state.misses + 1;
        const next = { ...state, misses };
        logger.info({ callSid: callSid(params), misses }, 'nothing heard');
        return misses >= 2
          ? listenTwiml(
              settings,
              next,
              [words('phone-not-heard', state.locale)],
              [words('phone-offer-person', state.locale)],
            )
          : listenTwiml(
              settings,
              next,
              [words('phone-not-heard', state.locale)],
              [words('phone-ask', state.locale)],
            );
      }
      if (state.smsOffer && keys === '1') {
        const saved = await reference(params);
        // Twilio posts a key press again when the first answer was slow or lost: the state in the
        // action URL is the same, so the same turn's answer is not texted twice. (A crash between
        // the SMS being queued and this mark can still text it twice: at least once, never lost.)
        if (saved?.textedTurn === state.turn)
          logger.info({ callSid: callSid(params), turn: state.turn }, 'sms already sent');
        else {
          await options.sms(callSid(params), saved?.lastAnswer ?? []);
          if (saved !== null)
            await options.references.saveReference(VOICE_CHANNEL, callSid(params), {
              ...saved,
              textedTurn: state.turn,
            });
        }
        return listenTwiml(
          settings,
          { ...state, smsOffer: false, answered: true },
          [words('phone-sms-sent', state.locale)],
          [words('phone-anything-else', state.locale)],
        );
      }
      const choiceId = keys === '0' ? 'human' : pickedChoice(state, input);
      const message: IncomingMessage = {
        channel: VOICE_CHANNEL,
        conversationId: callSid(params),
        userId: params.From ?? callSid(params),
        messageId: `${callSid(params)}:${state.turn + 1}`,
        text: choiceId === undefined ? input : '',
        ...(choiceId === undefined ? {} : { choiceId }),
        localeHint: state.locale,
        receivedAt: options.now(),
      };
      logger.debug(
        { callSid: callSid(params), confidence: params.Confidence ?? null, text: input },
        'caller said',
      );
      // The answer is the TwiML, rebuilt from the stored replies when Twilio posts the same turn
      // again; the SMS a voiceless language gets instead is committed with the turn, so it goes
      // out once (docs/channels.md, "Exactly once").
      const replies = await options.handle(message, {
        answersRedeliveries: true,
        commit: async (turnReplies) => {
          if (textedInstead(turnReplies, state))
            await options.commitSms(callSid(params), turnReplies);
        },
      });
      await options.sendCommitted();
      return answer({ ...state, turn: state.turn + 1 }, params, replies);
    },
    dialed(params, state) {
      logger.info(
        { callSid: callSid(params), status: params.DialCallStatus ?? null },
        'dial ended',
      );
      return params.DialCallStatus === 'completed'
        ? goodbyeTwiml(settings, [words('phone-goodbye', state.locale)])
        : leaveMessage(state);
    },
    async recorded(params, state) {
      const url = params.RecordingUrl;
      if (url !== undefined && url !== '') {
        await options.handle({
          channel: VOICE_CHANNEL,
          conversationId: callSid(params),
          userId: params.From ?? callSid(params),
          messageId: `${callSid(params)}:recording`,
          text: `Voicemail (${params.RecordingDuration ?? '?'} s): ${url}`,
          localeHint: state.locale,
          receivedAt: options.now(),
        });
        logger.info({ callSid: callSid(params) }, 'voicemail recorded');
      }
      return goodbyeTwiml(settings, [words('phone-message-saved', state.locale)]);
    },
    async transcription(params, state) {
      const transcript = params.TranscriptionText?.trim();
      if (transcript === undefined || transcript === '') return;
      await options.handle({
        channel: VOICE_CHANNEL,
        conversationId: callSid(params),
        userId: params.From ?? callSid(params),
        messageId: `${callSid(params)}:transcription`,
        text: `Voicemail transcription: ${transcript}`,
        localeHint: state.locale,
        receivedAt: options.now(),
      });
    },
  };
}
