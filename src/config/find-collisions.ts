/**
 * Finds question variants that collide: the same or nearly the same sentence under two FAQ
 * entries or intents. Such a pair makes the matcher flip between them; an admin should reword
 * or merge. Near = character-trigram Jaccard similarity of the normalized sentences, read through
 * the knowledge's synonyms as the matcher reads them ("guarantee" and "warranty" are one word).
 */
import { normalizeText } from '../core/language/normalize';
import type { Knowledge } from '../core/knowledge/knowledge';
import { createSynonymRewriter } from '../core/matching/synonyms';

export interface Collision {
  readonly locale: string;
  readonly first: { readonly id: string; readonly source: string; readonly text: string };
  readonly second: { readonly id: string; readonly source: string; readonly text: string };
  readonly similarity: number;
}

interface Variant {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly grams: ReadonlySet<string>;
}

export function findCollisions(knowledge: Knowledge, threshold = 0.9): Collision[] {
  const byLocale = new Map<string, Variant[]>();
  const rewrite = createSynonymRewriter(knowledge.synonyms ?? {});
  const add = (id: string, source: string, locale: string, text: string): void => {
    const normalized = normalizeText(rewrite(text, locale), locale)
      .replace(/[^\p{L}\p{N}\p{M} ]/gu, '')
      .trim();
    const variants = byLocale.get(locale) ?? [];
    variants.push({ id, source, text, grams: trigrams(normalized) });
    byLocale.set(locale, variants);
  };
  for (const faq of knowledge.faqs)
    for (const [locale, list] of Object.entries(faq.questions))
      for (const text of list) add(faq.id, faq.source, locale, text);
  for (const intent of knowledge.intents)
    for (const [locale, list] of Object.entries(intent.utterances))
      for (const text of list) add(intent.id, intent.source, locale, text);

  const collisions: Collision[] = [];
  for (const [locale, variants] of byLocale) {
    for (let i = 0; i < variants.length; i++) {
      for (let j = i + 1; j < variants.length; j++) {
        const a = variants[i];
        const b = variants[j];
        if (!a || !b || a.id === b.id) continue;
        const similarity = jaccard(a.grams, b.grams);
        if (similarity >= threshold) {
          collisions.push({ locale, first: a, second: b, similarity });
        }
      }
    }
  }
  return collisions;
}

function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const grams = new Set<string>();
  const chars = Array.from(padded);
  for (let index = 0; index + 3 <= chars.length; index++)
    grams.add(chars.slice(index, index + 3).join(''));
  return grams;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}
