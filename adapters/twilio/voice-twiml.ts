/**
 * TwiML for a call, built with the official `twilio.twiml.VoiceResponse`. Pure: what to say and
 * where to go next in, XML out. The call's state (language, turn number, misses in a row, the
 * choices of a spoken menu) travels in the action URLs, which Twilio signs back to us.
 */
import twilio from 'twilio';
import type { PhoneConfig } from '../../src/config/phone-schema';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type SayAttributes = Parameters<VoiceResponse['say']>[0];
type GatherAttributes = NonNullable<Parameters<VoiceResponse['gather']>[0]>;

export const VOICE_PATH = '/voice/twilio';

export interface CallState {
  readonly locale: string;
  /** Utterances so far; part of each message id, so a retried request is answered once. */
  readonly turn: number;
  /** Empty or unrecognised inputs in a row. */
  readonly misses: number;
  /** Choice ids of the spoken menu just read out; "1" picks the first. */
  readonly choices: readonly string[];
  /** True when the last answer was shortened and "1" sends the whole of it by SMS. */
  readonly smsOffer: boolean;
  /** True right after an answer: silence then means the caller is done. */
  readonly answered: boolean;
}

export const freshCall = (locale: string): CallState => ({
  locale,
  turn: 0,
  misses: 0,
  choices: [],
  smsOffer: false,
  answered: false,
});

export function stateQuery(state: CallState): string {
  const query = new URLSearchParams({
    lang: state.locale,
    t: String(state.turn),
    miss: String(state.misses),
  });
  if (state.choices.length > 0) query.set('choices', state.choices.join(' '));
  if (state.smsOffer) query.set('sms', '1');
  if (state.answered) query.set('answered', '1');
  return query.toString();
}

export function stateFromQuery(query: URLSearchParams, fallbackLocale: string): CallState {
  const count = (name: string): number => {
    const value = Number(query.get(name) ?? '0');
    return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  };
  const choices = query.get('choices');
  return {
    locale: query.get('lang') ?? fallbackLocale,
    turn: count('t'),
    misses: count('miss'),
    choices: choices ? choices.split(' ').filter((id) => id !== '') : [],
    smsOffer: query.get('sms') === '1',
    answered: query.get('answered') === '1',
  };
}

/** One thing to say, in a locale. */
export interface Utterance {
  readonly text: string;
  readonly locale: string;
}

export interface VoiceSettings {
  readonly phone: PhoneConfig;
  readonly defaultLocale: string;
  readonly locales: readonly string[];
}

/** True when the provider has a voice for the locale (configured in `phone.voices`). */
export const canSpeak = (settings: VoiceSettings, locale: string): boolean =>
  settings.phone.voices[locale] !== undefined;

function sayAttributes(settings: VoiceSettings, locale: string): SayAttributes {
  const spoken = canSpeak(settings, locale) ? locale : settings.defaultLocale;
  const voice = settings.phone.voices[spoken];
  const language = settings.phone.speechCodes[spoken];
  return {
    ...(voice === undefined ? {} : { voice: voice as SayAttributes['voice'] }),
    ...(language === undefined ? {} : { language: language as SayAttributes['language'] }),
  };
}

function say(
  target: Pick<VoiceResponse, 'say'>,
  settings: VoiceSettings,
  utterances: readonly Utterance[],
): void {
  for (const utterance of utterances)
    if (utterance.text.trim() !== '')
      target.say(sayAttributes(settings, utterance.locale), utterance.text);
}

/** The keypad language menu: one line per locale, each in its own voice. */
export function languageMenuTwiml(
  settings: VoiceSettings,
  greeting: readonly Utterance[],
  items: readonly Utterance[],
): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, settings, greeting);
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 6,
    action: `${VOICE_PATH}/language`,
    actionOnEmptyResult: true,
  });
  say(gather, settings, items);
  return response.toString();
}

/** Says `before`, then listens for speech or keys in the call's language. */
export function listenTwiml(
  settings: VoiceSettings,
  state: CallState,
  before: readonly Utterance[],
  prompt: readonly Utterance[],
): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, settings, before);
  const language = settings.phone.speechCodes[state.locale];
  const attributes: GatherAttributes = {
    input: ['speech', 'dtmf'],
    ...(language === undefined ? {} : { language: language as GatherAttributes['language'] }),
    speechTimeout: 'auto',
    timeout: 6,
    // A menu answers on one key; otherwise keys (a serial, say) end with # or a pause.
    ...(state.choices.length > 0 || state.smsOffer || state.misses >= 2
      ? { numDigits: 1 }
      : { finishOnKey: '#' }),
    action: `${VOICE_PATH}/turn?${stateQuery(state)}`,
    actionOnEmptyResult: true,
  };
  say(response.gather(attributes), settings, prompt);
  return response.toString();
}

export function goodbyeTwiml(settings: VoiceSettings, words: readonly Utterance[]): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, settings, words);
  response.hangup();
  return response.toString();
}

/** Rings the staff number; Twilio calls the action URL with DialCallStatus when it ends. */
export function dialTwiml(
  settings: VoiceSettings,
  state: CallState,
  words: readonly Utterance[],
  number: string,
): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, settings, words);
  response.dial(
    {
      timeout: settings.phone.dialTimeoutSeconds,
      action: `${VOICE_PATH}/dialed?${stateQuery(state)}`,
    },
    number,
  );
  return response.toString();
}

/** A voicemail, with the provider's transcription posted to its own callback when it is ready. */
export function recordTwiml(
  settings: VoiceSettings,
  state: CallState,
  words: readonly Utterance[],
): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, settings, words);
  response.record({
    maxLength: settings.phone.maxRecordingSeconds,
    playBeep: true,
    action: `${VOICE_PATH}/recorded?${stateQuery(state)}`,
    transcribe: true,
    transcribeCallback: `${VOICE_PATH}/transcription?${stateQuery(state)}`,
  });
  return response.toString();
}
