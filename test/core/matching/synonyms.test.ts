/**
 * The synonym rewriter: variants are read as their word, whole words only, longest variant first,
 * in any script or accent the normalizer folds, and text without a variant is left untouched.
 */
import { createBrain } from '../../../src/core/brain';
import { createEngineMatcher } from '../../../src/core/matching/engine';
import { createSynonymRewriter } from '../../../src/core/matching/synonyms';
import type { FaqEntry, Knowledge } from '../../../src/core/knowledge/knowledge';

const rewrite = createSynonymRewriter({
  en: {
    warranty: ['guarantee'],
    'air conditioner': ['aircon', 'air con', 'ac'],
    con: ['scam'],
  },
  sr: { гаранција: ['jamstvo'] },
  vi: { 'máy lạnh': ['điều hòa'] },
  fa: { گارانتی: ['ضمانت'] },
});

describe('createSynonymRewriter', () => {
  it('reads a variant as its word, keeping the other words', () => {
    expect(rewrite('Is the Guarantee still valid?', 'en')).toBe('is the warranty still valid');
    expect(rewrite('my aircon is loud', 'en')).toBe('my air conditioner is loud');
  });

  it('prefers the longest variant at a position ("air con" before "con")', () => {
    expect(rewrite('the air con leaks', 'en')).toBe('the air conditioner leaks');
    expect(rewrite('is this a con', 'en')).toBe('is this a con');
  });

  it('matches whole words only', () => {
    expect(rewrite('my account', 'en')).toBe('my account');
    expect(rewrite('the ac leaks', 'en')).toBe('the air conditioner leaks');
  });

  it('expanding (for taught questions) keeps the variant and adds its word after it', () => {
    const expand = createSynonymRewriter({ en: { 'air conditioner': ['aircon'] } }, 'expand');
    expect(expand('My aircon leaks', 'en')).toBe('my aircon air conditioner leaks');
    expect(expand('My fridge leaks', 'en')).toBe('My fridge leaks');
  });

  it('leaves text without a variant, and other locales, untouched', () => {
    expect(rewrite('How long is the warranty?', 'en')).toBe('How long is the warranty?');
    expect(rewrite('guarantee', 'el')).toBe('guarantee');
    expect(rewrite('guarantee', undefined)).toBe('guarantee');
  });

  it('folds script, accents and Persian letters like the matcher', () => {
    // Serbian keys in Cyrillic match Latin text and the other way round.
    expect(rewrite('Koliko traje JAMSTVO?', 'sr')).toBe('koliko traje garancija');
    expect(rewrite('Колико траје јамство', 'sr')).toBe('koliko traje garancija');
    // Unaccented Vietnamese matches; the words not rewritten keep their accents.
    expect(rewrite('dieu hoa bảo hành bao lâu', 'vi')).toBe('máy lạnh bảo hành bao lâu');
    // Arabic yeh (ي) folds to the Persian one (ی); punctuation drops.
    expect(rewrite('ضمانت چقدر است؟', 'fa')).toBe('گارانتی چقدر است');
    expect(createSynonymRewriter({ fa: { گارانتی: ['وارانتي'] } })('وارانتی؟', 'fa')).toBe(
      'گارانتی',
    );
  });
});

describe('synonyms in the brain', () => {
  const faq = (id: string, questions: string[]): FaqEntry => ({
    id,
    tags: [],
    followUps: [],
    questions: { en: questions },
    answers: { en: id },
    source: `test/${id}.md`,
  });
  const knowledge = (synonyms: Knowledge['synonyms']): Knowledge => ({
    faqs: [
      faq('warranty', ['How long is the warranty?', 'warranty period']),
      faq('hours', ['When are you open?', 'opening hours']),
    ],
    intents: [],
    branches: [],
    messages: {},
    synonyms,
  });
  const top = (synonyms: Knowledge['synonyms'], text: string) =>
    createBrain(knowledge(synonyms), {
      locales: ['en'],
      defaultLocale: 'en',
      createMatcher: createEngineMatcher,
    }).matcher.match(text, { locale: 'en' })[0];

  it('a customer word listed as a synonym reaches the entry with the confidence of the word', () => {
    const withSynonym = top({ en: { warranty: ['guaranty'] } }, 'guaranty');
    const withWord = top({ en: { warranty: ['guaranty'] } }, 'warranty');
    expect(withSynonym?.label).toBe('faq:warranty');
    expect(withSynonym?.score).toBeCloseTo(withWord?.score ?? -1, 6);
    // Without the synonym the same word is unknown and the confidence falls.
    expect(top(undefined, 'guaranty')?.score ?? 0).toBeLessThan((withSynonym?.score ?? 0) / 2);
  });
});
