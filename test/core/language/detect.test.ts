import { createLanguageDetector } from '../../../src/core/language/detect';
import { dominantLocale } from '../../../src/core/language/dominant-locale';

const SHIPPED = ['en', 'fa', 'vi', 'el', 'sr', 'ta'];

describe('createLanguageDetector', () => {
  const detector = createLanguageDetector(SHIPPED);

  // The first five are sentences from the source articles in ../shared/seeds/.
  it.each([
    [
      'fa',
      'پشتیبانی پس از فروش به اطمینان حاصل می کند که مشتری تا حد ممکن از خرید خود استفاده کند',
    ],
    ['vi', 'Hỗ trợ sau bán hàng nên được cung cấp thường xuyên'],
    ['vi', 'ho tro sau ban hang nen duoc cung cap thuong xuyen'],
    ['el', 'Η ποιότητα της υπηρεσίας μετά την πώληση θα έχει συχνά αντίκτυπο'],
    [
      'sr',
      'Купци који имају лоше искуство са производом имају више места него икада да се јавно жале',
    ],
    ['sr', 'Kupci koji imaju lose iskustvo sa proizvodom imaju vise mesta nego ikada'],
    ['ta', 'ஒரு வாடிக்கையாளர் ஒரு பொருளை வாங்கிய பிறகு வழங்கப்படும் எந்தவொரு சேவையும்'],
    ['en', 'My washing machine stopped working, is it still under warranty?'],
  ])('recognises %s: %s', (locale, text) => {
    const guess = detector.detect(text);
    expect(guess.locale).toBe(locale);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('reads a sentence with a Latin product name by its own script', () => {
    expect(detector.detect('Care Premium-ல் என்னென்ன கிடைக்கும்?').locale).toBe('ta');
    expect(detector.detect('گارانتی Samsung Galaxy S24 Ultra چقدر است؟').locale).toBe('fa');
    expect(detector.detect('Да ли Care Plus покрива MacBook Pro?').locale).toBe('sr');
  });

  it('uses the hint when the text is too short to tell', () => {
    expect(detector.detect('ok', { hint: 'vi' }).locale).toBe('vi');
    expect(detector.detect('ok', { hint: 'sr-Latn' }).locale).toBe('sr');
    expect(detector.detect('ok', { hint: 'pt-BR' }).locale).not.toBeNull();
    expect(detector.detect('', { hint: 'el' })).toEqual({ locale: 'el', confidence: 0.3 });
  });

  it('keeps the conversation language for a short or ambiguous message', () => {
    expect(detector.detect('ok', { current: 'fa' }).locale).toBe('fa');
    expect(detector.detect('thanks', { current: 'vi', hint: 'en' }).locale).toBe('vi');
    expect(detector.detect('iPhone 13 Pro', { current: 'fa' }).locale).toBe('fa');
  });

  it('switches when the customer clearly writes another language', () => {
    expect(detector.detect('I want to talk to a person please', { current: 'vi' }).locale).toBe(
      'en',
    );
    expect(detector.detect('گارانتی گوشی من چقدر است؟', { current: 'en' }).locale).toBe('fa');
    expect(detector.detect('dien thoai cua toi bi hong roi', { current: 'en' }).locale).toBe('vi');
  });

  it('gives null for a language that is not configured', () => {
    for (const text of [
      'Wie lange dauert die Garantie für mein Handy?',
      '我的手机坏了，怎么办？',
      'Где ближайший сервисный центр?',
      'Bonjour, mon téléphone ne marche plus',
    ]) {
      expect(detector.detect(text).locale).toBeNull();
    }
    expect(
      detector.detect('Wie lange dauert die Garantie für mein Handy?', { current: 'en' }).locale,
    ).toBeNull();
  });

  it('detects a language only when it is configured', () => {
    const germanToo = createLanguageDetector(['en', 'de']);
    expect(germanToo.detect('Wie lange dauert die Garantie für mein Handy?').locale).toBe('de');
    const noEnglish = createLanguageDetector(['fa', 'el']);
    expect(noEnglish.detect('How long is the warranty on my phone?').locale).toBeNull();
  });

  it('learns a configured language from the knowledge samples', () => {
    const withSamples = createLanguageDetector(
      ['en', 'xx'],
      [
        { text: 'blorf wuzzle garanti tikka', locale: 'xx' },
        { text: 'wuzzle tikka blorf snee', locale: 'xx' },
        { text: 'snee garanti wuzzle blorf', locale: 'xx' },
      ],
    );
    expect(withSamples.detect('blorf wuzzle snee tikka garanti').locale).toBe('xx');
    expect(withSamples.detect('How long is the warranty on my phone?').locale).toBe('en');
  });

  it('returns the fallback with no confidence for text without letters', () => {
    expect(detector.detect('12345 ?!')).toEqual({ locale: null, confidence: 0 });
    expect(detector.detect('12345', { current: 'ta' }).locale).toBe('ta');
  });
});

describe('dominantLocale', () => {
  it('finds the language of a labelled set, or null when none has a majority', () => {
    expect(
      dominantLocale([
        'thời gian bảo hành là bao lâu',
        'tôi muốn đổi trả sản phẩm',
        'chi nhánh gần nhất ở đâu',
        'ok',
      ]),
    ).toBe('vi');
    expect(
      dominantLocale([
        'how long is the warranty',
        'where is the nearest branch',
        'can I return this phone',
      ]),
    ).toBe('en');
    expect(
      dominantLocale([
        'how long is the warranty',
        'گارانتی چقدر است',
        'Πόσο διαρκεί η εγγύηση;',
        'உத்தரவாதம் எவ்வளவு காலம்?',
      ]),
    ).toBeNull();
    expect(dominantLocale([])).toBeNull();
  });
});

describe('the first word: greetings and one-word messages', () => {
  const detector = createLanguageDetector(SHIPPED);

  it.each([
    ['hi', 'en'],
    ['Hello!', 'en'],
    ['Γεια', 'el'],
    ['Здраво', 'sr'],
    ['Zdravo', 'sr'],
    ['வணக்கம்', 'ta'],
    ['chào', 'vi'],
    ['سلام', 'fa'],
    ['salam', 'fa'],
  ])('%s is %s, with the default as fallback', (text, locale) => {
    expect(detector.detect(text, { fallback: 'en' }).locale).toBe(locale);
  });

  it('a weak guess on a short Latin text falls back to the default, never to another language', () => {
    expect(detector.detect('ok', { fallback: 'en' }).locale).toBe('en');
    expect(detector.detect('ok', { fallback: 'vi' }).locale).toBe('vi');
  });

  it('an English "hi" does not override the conversation or the channel hint', () => {
    expect(detector.detect('hi', { current: 'vi', fallback: 'en' }).locale).toBe('vi');
    expect(detector.detect('thanks', { hint: 'sr-Latn', fallback: 'en' }).locale).toBe('sr');
  });

  it('"salam" is never Serbian, even with Persian not configured', () => {
    const withoutPersian = createLanguageDetector(['en', 'sr', 'vi']);
    expect(withoutPersian.detect('salam', { fallback: 'en' }).locale).toBe('en');
  });
});
