/**
 * Language detection for choosing the answer language, restricted to the configured locales.
 *
 * Clues, strongest first: the script (Persian, Greek, Tamil and Serbian Cyrillic each have their
 * own among the shipped locales); then, within a script shared by several languages (Latin: English,
 * Vietnamese typed without accents, Serbian Latin), a word + character-trigram naive-Bayes model
 * learned from built-in seed text and the knowledge's own questions. A conversation keeps its
 * language unless the text clearly is another one, and the platform's hint decides when the text is
 * too short or ambiguous. Text clearly in a language we know but that is not configured (German,
 * Chinese, ...) gives `locale: null`, so the caller can say politely which languages it speaks.
 */
import {
  createLanguageProfile,
  LANGUAGE_PROFILE_SMOOTHING as SMOOTHING,
  profileFeatures,
  type LanguageProfile,
  type LanguageProfileModel,
} from './language-profile';
import { baseLocale, normalizeExact } from './normalize';
import { dominantScript } from './script';
import { ALSO_LATIN, SCRIPT_OF_LOCALE, SEED_TEXTS, SHORT_PHRASES } from './seed-texts';

export interface LanguageGuess {
  /** A configured locale, or null when the text is clearly in a language not configured. */
  locale: string | null;
  /** 0..1: how sure the guess is. Low when it came from the hint or the conversation. */
  confidence: number;
}

export interface LanguageDetector {
  /**
   * `hint` is the channel's, `current` the conversation's language, `fallback` the configured
   * default: a weak guess on a short text never beats any of them.
   */
  detect(
    text: string,
    context?: { hint?: string; current?: string | null; fallback?: string },
  ): LanguageGuess;
}

interface Candidate {
  readonly profile: LanguageProfile;
  readonly scripts: ReadonlySet<string>;
  /** The configured locale string, or null for a known but unconfigured language. */
  readonly configured: string | null;
}

/**
 * A restored candidate with its profile's log-probabilities laid out by a feature index shared by
 * every candidate: scoring a text looks each feature up once, not once per language (the profiles
 * hold tens of thousands of features, so those lookups were most of a detection's time).
 */
interface ScoredCandidate extends Omit<Candidate, 'profile'> {
  /** Per feature index, `LanguageProfile.logLikelihood`'s term; the last slot for unseen features. */
  readonly terms: Float64Array;
}

/** Below this many letters a Latin-script text ("ok", "hi") says little about its language. */
const SHORT_LETTERS = 8;
const CLEAR_POSTERIOR = 0.9;
const AMBIGUOUS_POSTERIOR = 0.75;
/** Naive Bayes is overconfident; tempering its log-likelihoods gives usable posteriors. */
const TEMPERATURE = 4;

/** A trained detector as plain data, to rebuild it on another thread (see EngineModel). */
export interface DetectorModel {
  readonly locales: readonly string[];
  readonly candidates: readonly {
    readonly profile: LanguageProfileModel;
    readonly scripts: readonly string[];
    readonly configured: string | null;
  }[];
  /** Distinct features over every profile (the smoothing's vocabulary size). */
  readonly vocabularySize: number;
}

export function createLanguageDetector(
  locales: readonly string[],
  samples: readonly { text: string; locale?: string }[] = [],
): LanguageDetector {
  return languageDetectorFromModel(trainLanguageDetector(locales, samples));
}

export function trainLanguageDetector(
  locales: readonly string[],
  samples: readonly { text: string; locale?: string }[] = [],
): DetectorModel {
  const candidates = buildCandidates(configuredBases(locales), samples);
  const vocabulary = new Set<string>();
  for (const candidate of candidates)
    for (const feature of candidate.profile.features()) vocabulary.add(feature);
  return {
    locales,
    candidates: candidates.map((candidate) => ({
      profile: candidate.profile.model(),
      scripts: [...candidate.scripts],
      configured: candidate.configured,
    })),
    vocabularySize: vocabulary.size,
  };
}

function configuredBases(locales: readonly string[]): Map<string, string> {
  return new Map(locales.map((locale) => [baseLocale(locale) ?? locale, locale]));
}

export function languageDetectorFromModel(model: DetectorModel): LanguageDetector {
  const byBase = configuredBases(model.locales);
  const featureIndex = new Map<string, number>();
  for (const candidate of model.candidates)
    for (const feature of candidate.profile.features)
      if (!featureIndex.has(feature)) featureIndex.set(feature, featureIndex.size);
  const unseenSlot = featureIndex.size;
  const candidates: ScoredCandidate[] = model.candidates.map((candidate) => ({
    scripts: new Set(candidate.scripts),
    configured: candidate.configured,
    terms: logLikelihoodTerms(candidate.profile, featureIndex, model.vocabularySize),
  }));
  const configuredOf = (locale: string | null | undefined): string | null =>
    locale ? (byBase.get(baseLocale(locale) ?? locale) ?? null) : null;

  const phrases = shortPhrases(byBase);

  return {
    detect(text, context = {}) {
      const current = configuredOf(context.current);
      const hint = configuredOf(context.hint);
      const fallback = current ?? hint ?? configuredOf(context.fallback);
      // English openers ("hi", "thanks") are typed in every language: they do not override
      // what the conversation or the channel already says.
      const exact = normalizeExact(text);
      const phrase = phrases.get(phraseKeyOf(exact));
      const known = current ?? hint;
      if (
        phrase !== undefined &&
        (known === null || phrase === known || baseLocale(phrase) !== 'en')
      )
        return { locale: phrase, confidence: 0.9 };
      const { script, letters } = dominantScript(text);
      if (script === null || letters < 2)
        return { locale: fallback, confidence: fallback ? 0.3 : 0 };

      const inScript = candidates.filter((candidate) => candidate.scripts.has(script));
      if (inScript.length === 0) {
        // A script none of our languages use: unconfigured unless the conversation says otherwise.
        return current ? { locale: current, confidence: 0.3 } : { locale: null, confidence: 0.8 };
      }
      const features = profileFeatures(exact).map(
        (feature) => featureIndex.get(feature) ?? unseenSlot,
      );
      const scored = score(inScript, features);
      const best = scored[0];
      if (best === undefined) return { locale: fallback, confidence: 0 };
      const clear =
        inScript.length === 1
          ? script !== 'Latin' || letters >= SHORT_LETTERS
          : letters >= SHORT_LETTERS && best.posterior >= CLEAR_POSTERIOR;

      if (current !== null && best.candidate.configured !== current && !clear) {
        const kept = scored.find((entry) => entry.candidate.configured === current);
        return { locale: current, confidence: Math.max(0.3, kept?.posterior ?? 0) };
      }
      if (best.candidate.configured === null) {
        if (clear) return { locale: null, confidence: best.posterior };
        const configured = scored.find((entry) => entry.candidate.configured !== null);
        const locale = fallback ?? configured?.candidate.configured ?? null;
        return { locale, confidence: Math.min(0.5, configured?.posterior ?? 0.3) };
      }
      const ambiguous = letters < SHORT_LETTERS || best.posterior < AMBIGUOUS_POSTERIOR;
      if (
        ambiguous &&
        fallback !== null &&
        inScript.some((entry) => entry.configured === fallback)
      ) {
        const chosen = scored.find((entry) => entry.candidate.configured === fallback);
        return { locale: fallback, confidence: Math.max(0.3, chosen?.posterior ?? 0) };
      }
      return { locale: best.candidate.configured, confidence: best.posterior };
    },
  };
}

/** A short text's lookup key: exact normalized form without punctuation ("Hi!" → "hi"). */
function phraseKey(text: string): string {
  return phraseKeyOf(normalizeExact(text));
}

/** `phraseKey` of a text already in its `normalizeExact` form. */
function phraseKeyOf(exact: string): string {
  return exact
    .replace(/[^\p{L}\p{M}\s]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Each short phrase (seed-texts.ts SHORT_PHRASES) that belongs to one configured locale only. */
function shortPhrases(configuredBases: ReadonlyMap<string, string>): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const [base, list] of Object.entries(SHORT_PHRASES)) {
    const locale = configuredBases.get(base);
    if (locale === undefined) continue;
    for (const phrase of list) {
      const key = phraseKey(phrase);
      owners.set(key, new Set([...(owners.get(key) ?? []), locale]));
    }
  }
  const unique = new Map<string, string>();
  for (const [key, locales] of owners) if (locales.size === 1) unique.set(key, [...locales][0]!);
  return unique;
}

/**
 * The terms of `LanguageProfile.logLikelihood` for every feature of `featureIndex` (and, in the
 * last slot, for a feature the profile never saw): the same numbers, summed in the same order.
 */
function logLikelihoodTerms(
  profile: LanguageProfileModel,
  featureIndex: ReadonlyMap<string, number>,
  vocabularySize: number,
): Float64Array {
  const denominator = Math.log(profile.total + SMOOTHING * vocabularySize);
  const terms = new Float64Array(featureIndex.size + 1).fill(Math.log(0 + SMOOTHING) - denominator);
  for (let i = 0; i < profile.features.length; i++) {
    const index = featureIndex.get(profile.features[i] as string) as number;
    terms[index] = Math.log((profile.counts[i] as number) + SMOOTHING) - denominator;
  }
  return terms;
}

/** `features`: the text's features as indexes of the candidates' `terms`. */
function score(candidates: readonly ScoredCandidate[], features: readonly number[]) {
  const logLikelihoods = candidates.map((candidate) => {
    let sum = 0;
    for (const feature of features) sum += candidate.terms[feature] as number;
    return sum / TEMPERATURE;
  });
  const max = Math.max(...logLikelihoods);
  const weights = logLikelihoods.map((value) => Math.exp(value - max));
  const sum = weights.reduce((a, b) => a + b, 0);
  return candidates
    .map((candidate, index) => ({ candidate, posterior: (weights[index] ?? 0) / sum }))
    .sort((a, b) => b.posterior - a.posterior);
}

/** `configuredBases`: each configured locale by its base language. */
function buildCandidates(
  configuredBases: ReadonlyMap<string, string>,
  samples: readonly { text: string; locale?: string }[],
): Candidate[] {
  const bases = new Set([...configuredBases.keys(), ...Object.keys(SEED_TEXTS)]);
  const candidates: Candidate[] = [];
  for (const base of bases) {
    const configured = configuredBases.get(base) ?? null;
    const own =
      configured === null
        ? []
        : samples
            .filter((sample) => baseLocale(sample.locale) === base)
            .map((sample) => sample.text);
    const seed = SEED_TEXTS[base];
    const texts = seed === undefined ? own : [seed, ...own];
    if (texts.length === 0) continue;
    const profile = createLanguageProfile(base);
    for (const text of texts) profile.add(text);
    const script = SCRIPT_OF_LOCALE[base] ?? dominantScript(texts.join(' ')).script ?? 'Latin';
    const scripts = new Set([script]);
    if (ALSO_LATIN.has(base)) scripts.add('Latin');
    candidates.push({ profile, scripts, configured });
  }
  return candidates;
}
