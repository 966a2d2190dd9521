/**
 * Is this message a fault report, and about which product and symptom? A symptom is recognised by
 * one of its phrases (knowledge/troubleshooting), matched as whole words after normalization. When
 * the phrase fits several products ("smoke"), the product the customer named decides, else the
 * products on their record; otherwise the customer is asked.
 */
import { normalizeText } from '../language/normalize';
import type { Locale } from '../message';
import type { Symptom } from './service-rules';

export type FaultRecognition =
  /** `by`: how the product is known: named in the message, the customer's own unit, or the phrase alone. */
  | {
      readonly kind: 'symptom';
      readonly symptom: Symptom;
      readonly by: 'named' | 'owned' | 'phrase';
    }
  /** The same complaint fits several products: ask which one (the symptoms, one per category). */
  | { readonly kind: 'which-product'; readonly symptoms: readonly Symptom[] };

export function recognizeFault(
  text: string,
  locale: Locale,
  symptoms: readonly Symptom[],
  hints: { readonly named?: string; readonly owned: readonly string[] },
): FaultRecognition | null {
  const said = ` ${normalizeText(text, locale)} `;
  // Per category, the symptom with the longest phrase found ("error e21" over "e21").
  const best = new Map<string, { symptom: Symptom; length: number }>();
  for (const { symptom, phrases } of normalizedPhrases(symptoms, locale)) {
    for (const normalized of phrases) {
      if (!said.includes(` ${normalized} `)) continue;
      const known = best.get(symptom.category);
      if (!known || normalized.length > known.length)
        best.set(symptom.category, { symptom, length: normalized.length });
    }
  }
  if (best.size === 0) return null;
  const found = [...best.values()].map((entry) => entry.symptom);
  const pick = (category: string | undefined): Symptom | undefined =>
    category === undefined ? undefined : best.get(category)?.symptom;
  const named = pick(hints.named);
  if (named) return { kind: 'symptom', symptom: named, by: 'named' };
  const owned = found.filter((symptom) => hints.owned.includes(symptom.category));
  const one = owned.length === 1 ? owned[0] : undefined;
  if (one) return { kind: 'symptom', symptom: one, by: 'owned' };
  const only = found.length === 1 ? found[0] : undefined;
  if (only) return { kind: 'symptom', symptom: only, by: 'phrase' };
  return { kind: 'which-product', symptoms: owned.length > 1 ? owned : found };
}

type NormalizedSymptoms = readonly {
  readonly symptom: Symptom;
  readonly phrases: readonly string[];
}[];
const normalizedCache = new WeakMap<readonly Symptom[], Map<Locale, NormalizedSymptoms>>();

/**
 * The phrases of one locale in normal form, computed once per loaded rule set and locale. Only
 * the customer's language: a short word in another one ("dim") means something else here.
 */
function normalizedPhrases(symptoms: readonly Symptom[], locale: Locale): NormalizedSymptoms {
  let byLocale = normalizedCache.get(symptoms);
  if (!byLocale) normalizedCache.set(symptoms, (byLocale = new Map()));
  let normalized = byLocale.get(locale);
  if (!normalized) {
    normalized = symptoms.map((symptom) => ({
      symptom,
      phrases: (symptom.phrases[locale] ?? [])
        .map((phrase) => normalizeText(phrase, locale))
        .filter((phrase) => phrase.length >= 2),
    }));
    byLocale.set(locale, normalized);
  }
  return normalized;
}
