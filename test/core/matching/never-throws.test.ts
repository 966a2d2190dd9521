import fc from 'fast-check';
import { createLanguageDetector } from '../../../src/core/language/detect';
import {
  normalizeDigits,
  normalizeExact,
  normalizeText,
} from '../../../src/core/language/normalize';
import { cyrillicToLatin, serbianScript } from '../../../src/core/language/serbian';
import { createEngineMatcher } from '../../../src/core/matching/engine';

// Any code point (lone surrogates included), plus the characters our folding touches, mixed in.
const tricky = [
  'ي',
  'ك',
  'ـ',
  'ً',
  '\u200c',
  '\u200d',
  '۱',
  '٢',
  'ς',
  'ΐ',
  'đ',
  'Đ',
  'ǅ',
  'Љ',
  'џ',
  'ொ',
  '்',
  'ﬁ',
  '\u0301',
  '\ud800',
  '🙂',
  ' ',
];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'grapheme', maxLength: 3 })), {
      maxLength: 40,
    })
    .map((parts) => parts.join('')),
);
const locale = fc.constantFrom(undefined, 'en', 'fa', 'vi', 'el', 'sr', 'ta', 'xx', '', 'sr-Latn');

describe('on any Unicode input', () => {
  const matcher = createEngineMatcher([
    { text: 'How long is the warranty?', label: 'faq:warranty', locale: 'en' },
    { text: 'گارانتی محصول چقدر است؟', label: 'faq:warranty', locale: 'fa' },
    { text: 'Где находится филиал?', label: 'faq:branch' },
    { text: 'Chi nhánh gần nhất ở đâu?', label: 'faq:branch', locale: 'vi' },
  ]);
  const detector = createLanguageDetector(['en', 'fa', 'vi', 'el', 'sr', 'ta']);

  it('the normalizers never throw and return well-formed strings', () => {
    fc.assert(
      fc.property(text, locale, (input, code) => {
        for (const output of [
          normalizeText(input, code),
          normalizeExact(input, code),
          normalizeDigits(input),
          cyrillicToLatin(input),
        ]) {
          expect(typeof output).toBe('string');
        }
        expect(normalizeText(input, code)).toBe(normalizeText(input, code).trim());
        expect(['cyrillic', 'latin', null]).toContain(serbianScript(input));
      }),
      { numRuns: 500 },
    );
  });

  it('the detector never throws and answers a configured locale or null', () => {
    fc.assert(
      fc.property(text, locale, locale, (input, hint, current) => {
        const guess = detector.detect(input, { hint, current });
        expect([null, 'en', 'fa', 'vi', 'el', 'sr', 'ta']).toContain(guess.locale);
        expect(guess.confidence).toBeGreaterThanOrEqual(0);
        expect(guess.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('the matcher never throws and scores in 0..1, best first', () => {
    fc.assert(
      fc.property(text, locale, fc.integer({ min: 1, max: 5 }), (input, code, limit) => {
        const candidates = matcher.match(input, { locale: code, limit });
        expect(candidates.length).toBeLessThanOrEqual(limit);
        candidates.forEach((candidate, index) => {
          expect(candidate.score).toBeGreaterThanOrEqual(0);
          expect(candidate.score).toBeLessThanOrEqual(1);
          if (index > 0)
            expect(candidate.score).toBeLessThanOrEqual(candidates[index - 1]?.score ?? 1);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('training never throws on arbitrary examples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text, label: fc.constantFrom('a', 'b', 'c') }), { maxLength: 12 }),
        text,
        (examples, question) => {
          expect(Array.isArray(createEngineMatcher(examples).match(question))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
