/** Slash commands any channel may pass through as text: /start, /help, /human, /language. */
import type { Locale, Reply } from '../message';
import { nativeName } from '../texts';
import { handOff } from './handoff';
import { answerLabel, type RespondSettings } from './respond';
import { reply, say, type Turn } from './turn';

export function commandReplies(
  turn: Turn,
  settings: RespondSettings,
  locales: readonly Locale[],
): Promise<Reply[]> | null {
  const command = /^\/([a-z]+)(?:@\w+)?\b/i.exec(turn.text)?.[1]?.toLowerCase();
  switch (command) {
    case 'start':
      return answerLabel(turn, settings, 'intent:greeting', 1);
    case 'help':
      return answerLabel(turn, settings, 'intent:capabilities', 1);
    case 'human':
      return handOff(turn, settings, 'requested', 1);
    case 'language':
      return Promise.resolve([
        reply(turn, {
          text: say(turn, 'language-prompt'),
          choices: locales.map((locale) => ({ id: `lang:${locale}`, label: nativeName(locale) })),
        }),
      ]);
    default:
      return null;
  }
}

export async function languageChoiceReplies(
  turn: Turn,
  locale: Locale,
  locales: readonly Locale[],
): Promise<Reply[]> {
  if (!locales.includes(locale)) return [];
  turn.state.locale = locale;
  const switched: Turn = { ...turn, locale };
  return [reply(switched, { text: say(switched, 'language-set') })];
}
