/**
 * Everything derived from the knowledge that a turn needs: the trained matcher, the language
 * detector and indexes. Rebuilt as a whole when an admin's edit is picked up, then swapped in.
 */
import type { Branch, FaqEntry, Intent, Knowledge } from './knowledge/knowledge';
import { createLanguageDetector, type LanguageDetector } from './language/detect';
import type { Matcher, MatcherFactory, TrainingExample } from './matching/matcher';
import { createNameFinder, type NameFinder } from './matching/name-finder';
import type { Locale } from './message';
import { createSynonymRewriter } from './matching/synonyms';
import { createTexts, type Texts } from './texts';

export interface Brain {
  readonly knowledge: Knowledge;
  readonly matcher: Matcher;
  readonly detector: LanguageDetector;
  readonly texts: Texts;
  readonly faqs: ReadonlyMap<string, FaqEntry>;
  readonly intents: ReadonlyMap<string, Intent>;
  readonly branches: readonly Branch[];
  /** Fuzzy lookup of branch names, for typo'd ones. */
  readonly branchNames: NameFinder;
}

export interface BrainOptions {
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
  readonly createMatcher: MatcherFactory;
}

/** The questions and utterances as written (the language detector learns from these). */
export function trainingExamples(knowledge: Knowledge): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const faq of knowledge.faqs) {
    for (const [locale, questions] of Object.entries(faq.questions)) {
      for (const text of questions) examples.push({ text, label: `faq:${faq.id}`, locale });
    }
  }
  for (const intent of knowledge.intents) {
    for (const [locale, utterances] of Object.entries(intent.utterances)) {
      for (const text of utterances) examples.push({ text, label: `intent:${intent.id}`, locale });
    }
  }
  return examples;
}

/** What the matcher learns: the questions and utterances, each synonym's word added after it. */
export function matcherExamples(knowledge: Knowledge): TrainingExample[] {
  const rewrite = createSynonymRewriter(knowledge.synonyms ?? {}, 'expand');
  return trainingExamples(knowledge).map((example) => ({
    ...example,
    text: rewrite(example.text, example.locale),
  }));
}

export function createBrain(knowledge: Knowledge, options: BrainOptions): Brain {
  return assembleBrain(
    knowledge,
    options.createMatcher(matcherExamples(knowledge)),
    createLanguageDetector(options.locales, trainingExamples(knowledge)),
    options.defaultLocale,
  );
}

/** The brain around an already trained matcher and detector (brain-model.ts restores them). */
export function assembleBrain(
  knowledge: Knowledge,
  matcher: Matcher,
  detector: LanguageDetector,
  defaultLocale: Locale,
): Brain {
  const rewrite = createSynonymRewriter(knowledge.synonyms ?? {});
  return {
    knowledge,
    // The customer's words are read through the same synonyms the questions were trained with.
    matcher: {
      match: (text, matchOptions) =>
        matcher.match(rewrite(text, matchOptions?.locale), matchOptions),
    },
    detector,
    texts: createTexts(knowledge.messages, defaultLocale),
    faqs: new Map(knowledge.faqs.map((faq) => [faq.id, faq])),
    intents: new Map(knowledge.intents.map((intent) => [intent.id, intent])),
    branches: knowledge.branches,
    branchNames: createNameFinder(
      knowledge.branches.map((branch) => ({
        id: branch.id,
        names: [...Object.values(branch.name), ...branch.aliases],
      })),
    ),
  };
}
