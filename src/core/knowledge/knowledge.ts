/**
 * The knowledge the core answers from, as loaded and validated from intents/ and knowledge/.
 * Plain data: loaders live in src/config, the core only reads it.
 */
import type { Synonyms } from '../matching/synonyms';
import type { Locale } from '../message';

export type LocalizedText = Readonly<Record<Locale, string>>;
export type LocalizedList = Readonly<Record<Locale, readonly string[]>>;

export interface FaqEntry {
  readonly id: string;
  readonly tags: readonly string[];
  readonly questions: LocalizedList;
  readonly followUps: readonly string[];
  /** Markdown answer per locale. */
  readonly answers: LocalizedText;
  /** Where it came from, for messages: `knowledge/faq/warranty-period.md`. */
  readonly source: string;
  /** Line of `followUps` in the source, for messages about them. */
  readonly followUpsLine?: number;
}

export const intentActions = ['reply', 'handoff', 'warranty-status', 'branch-lookup', 'complaint'] as const;
export type IntentAction = (typeof intentActions)[number];

export interface Intent {
  readonly id: string;
  readonly action: IntentAction;
  readonly tags: readonly string[];
  readonly utterances: LocalizedList;
  readonly responses: LocalizedText;
  readonly source: string;
}

export interface Branch {
  readonly id: string;
  readonly kind: 'head-office' | 'repair-centre' | 'branch';
  readonly name: LocalizedText;
  readonly aliases: readonly string[];
  readonly phone: string;
  readonly address: LocalizedText;
  readonly hours: LocalizedText;
  readonly services: readonly string[];
}

/** Texts the bot itself says (prompts, fallbacks), per locale, from knowledge/messages.yaml. */
export type MessageCatalog = Readonly<Record<string, LocalizedText>>;

export interface Knowledge {
  readonly faqs: readonly FaqEntry[];
  readonly intents: readonly Intent[];
  readonly branches: readonly Branch[];
  readonly messages: MessageCatalog;
  /** knowledge/synonyms/<locale>.yaml: words the matcher reads as another (none when absent). */
  readonly synonyms?: Synonyms;
}
