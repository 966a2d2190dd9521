/**
 * "That's not what I asked": whether a customer's message says the answer before it missed.
 * The phrases are data (knowledge/answer-rejected.yaml); a message is one of them or contains
 * one as whole words, compared in the matcher's normal form. Any locale's phrases count, since a
 * short message's detected locale is often wrong.
 */
import { normalizeText } from '../core/language/normalize';

export type RejectionTest = (text: string, locale: string | null) => boolean;

export function createRejectionTest(
  phrases: Readonly<Record<string, readonly string[]>>,
): RejectionTest {
  const normalized = Object.entries(phrases).flatMap(([locale, list]) =>
    list.map((phrase) => ` ${normalizeText(phrase, locale)} `),
  );
  return (text, locale) => {
    const said = ` ${normalizeText(text, locale ?? undefined)} `;
    return normalized.some((phrase) => phrase.trim() !== '' && said.includes(phrase));
  };
}
