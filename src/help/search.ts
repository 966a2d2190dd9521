/**
 * Help search through the bot's own matcher: the query's language is detected as in a chat turn,
 * so a question in any of the locales (Serbian in either script) finds the entry the bot would
 * answer with, first.
 */
import { plainText, parseMarkdown } from '../../adapters/shared/markdown';
import { serbianScript } from '../core/language/serbian';
import { inScript } from '../core/texts';
import type { HelpContext } from './help-context';
import { faqTitle } from './pages';

export interface SearchHit {
  readonly id: string;
  readonly locale: string;
  readonly url: string;
  readonly title: string;
  readonly snippet: string;
  readonly score: number;
}

const SNIPPET_CHARS = 180;

export function searchHelp(
  context: HelpContext,
  query: string,
  pageLocale: string,
  minScore: number,
): SearchHit[] {
  const text = query.trim().slice(0, 500);
  if (text === '') return [];
  const { brain } = context;
  const guess = brain.detector.detect(text, { hint: pageLocale });
  const locale =
    guess.locale !== null && context.locales.includes(guess.locale) ? guess.locale : pageLocale;
  const script = serbianScript(text);
  return brain.matcher
    .match(text, { locale, limit: 5 })
    .filter((candidate) => candidate.score >= minScore && candidate.label.startsWith('faq:'))
    .flatMap((candidate) => {
      const faq = brain.faqs.get(candidate.label.slice('faq:'.length));
      if (!faq) return [];
      const answer = plainText(parseMarkdown(brain.texts.pick(faq.answers, locale))).replace(
        /\s+/g,
        ' ',
      );
      const snippet =
        answer.length > SNIPPET_CHARS
          ? `${answer.slice(0, SNIPPET_CHARS).replace(/\s\S*$/, '')} …`
          : answer;
      return [
        {
          id: faq.id,
          locale,
          url: `/help/${locale}/${faq.id}`,
          title: inScript(faqTitle(context, faq, locale), locale, script),
          snippet: inScript(snippet, locale, script),
          score: Math.round(candidate.score * 1000) / 1000,
        },
      ];
    });
}
