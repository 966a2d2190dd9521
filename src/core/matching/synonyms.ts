/**
 * Admin-edited synonyms per language (knowledge/synonyms/<locale>.yaml): "guarantee" means
 * "warranty", "aircon" means "air conditioner". Before training and before every match, each
 * variant is rewritten to its word, so a knowledge base with a handful of questions per entry
 * still recognises the customer's own words. Variants are compared in the matcher's normal form
 * (case, accents, Serbian script and Persian letters folded), whole words only; the words that are
 * not rewritten keep their accents, which the matcher ranks on.
 */
import { foldDiacritics, normalizeExact } from '../language/normalize';
import type { Locale } from '../message';

/** Per locale: a word and the variants that mean it. */
export type Synonyms = Readonly<Record<Locale, Readonly<Record<string, readonly string[]>>>>;

export type SynonymRewriter = (text: string, locale: Locale | undefined) => string;

/**
 * `replace`: a variant becomes its word (what a customer's message goes through). `expand`: the
 * word is added after the variant, which stays (what the taught questions go through): a customer
 * who types an inflected form of the variant ("majstora" for "majstor") still shares its letters.
 */
export type SynonymMode = 'replace' | 'expand';

interface Rule {
  /** The variant's folded words. */
  readonly words: readonly string[];
  /** The word it is read as, in the matcher's form with accents. */
  readonly replacement: string;
}

/** Words of a text in the matcher's form: with accents, and folded (aligned one to one). */
export function matchingWords(
  text: string,
  locale: Locale | undefined,
): { exact: string[]; folded: string[] } {
  const exactText = normalizeExact(text, locale);
  const exact = exactText === '' ? [] : exactText.split(' ');
  const folded = exact.map((word) => foldDiacritics(word, locale));
  return { exact, folded };
}

export function createSynonymRewriter(
  synonyms: Synonyms,
  mode: SynonymMode = 'replace',
): SynonymRewriter {
  // Per locale, the rules by their first folded word; longest variant first ("air con" before "con").
  const byLocale = new Map<Locale, Map<string, Rule[]>>();
  for (const [locale, groups] of Object.entries(synonyms)) {
    const rules = new Map<string, Rule[]>();
    for (const [word, variants] of Object.entries(groups)) {
      const replacement = normalizeExact(word, locale);
      for (const variant of variants) {
        const { folded } = matchingWords(variant, locale);
        const first = folded[0];
        if (first === undefined || replacement === '') continue;
        rules.set(first, [...(rules.get(first) ?? []), { words: folded, replacement }]);
      }
    }
    for (const list of rules.values()) list.sort((a, b) => b.words.length - a.words.length);
    if (rules.size > 0) byLocale.set(locale, rules);
  }
  return (text, locale) => {
    const rules = locale === undefined ? undefined : byLocale.get(locale);
    if (rules === undefined) return text;
    const { exact, folded } = matchingWords(text, locale);
    const out: string[] = [];
    let changed = false;
    for (let i = 0; i < folded.length;) {
      const rule = rules
        .get(folded[i] as string)
        ?.find((candidate) => candidate.words.every((word, k) => folded[i + k] === word));
      if (rule === undefined) {
        out.push(exact[i] as string);
        i++;
      } else {
        if (mode === 'expand') out.push(...exact.slice(i, i + rule.words.length));
        out.push(rule.replacement);
        i += rule.words.length;
        changed = true;
      }
    }
    // Unchanged: the customer's own text, untouched.
    return changed ? out.join(' ') : text;
  };
}
