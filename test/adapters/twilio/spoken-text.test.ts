/** Spoken text: no Markdown, lists as sentences, numbers read one character at a time, per locale. */
import { readCharacters, speakNumbers, toSpokenText } from '../../../adapters/twilio/spoken-text';

const markup = /[*_`#[\]()]|https?:/;

describe('toSpokenText', () => {
  const cases: { locale: string; markdown: string; spoken: string }[] = [
    {
      locale: 'en',
      markdown:
        'Call **021-66097859** or see [our page](https://example.com/help):\n\n- Bring the receipt\n- Bring the unit',
      spoken: 'Call 0 2 1, 6 6 0 9 7 8 5 9 or see our page. Bring the receipt. Bring the unit.',
    },
    {
      locale: 'fa',
      markdown:
        'با شماره **021-66097859** تماس بگیرید:\n\n1. رسید را بیاورید\n2. دستگاه را بیاورید',
      spoken: 'با شماره ۰ ۲ ۱، ۶ ۶ ۰ ۹ ۷ ۸ ۵ ۹ تماس بگیرید. رسید را بیاورید. دستگاه را بیاورید.',
    },
    {
      locale: 'vi',
      markdown: 'Gọi **1900 1234** nhé.\n\n- Mang hóa đơn',
      spoken: 'Gọi 1 9 0 0, 1 2 3 4 nhé. Mang hóa đơn.',
    },
    {
      locale: 'el',
      markdown: 'Καλέστε στο **+30 210 1234567**. Υπόθεση **T-1042**.',
      spoken: 'Καλέστε στο 3 0, 2 1 0, 1 2 3 4 5 6 7. Υπόθεση T, 1 0 4 2.',
    },
    {
      locale: 'sr',
      markdown: 'Позовите **011 3334444**:\n\n- серијски број WM07-2304-1188',
      spoken: 'Позовите 0 1 1, 3 3 3 4 4 4 4. серијски број W M 0 7, 2 3 0 4, 1 1 8 8.',
    },
    {
      locale: 'ta',
      markdown: '**044-28512345** என்ற எண்ணை அழைக்கவும்\n\n- ரசீதைக் கொண்டு வாருங்கள்',
      spoken: '0 4 4, 2 8 5 1 2 3 4 5 என்ற எண்ணை அழைக்கவும். ரசீதைக் கொண்டு வாருங்கள்.',
    },
  ];
  it.each(cases)('reads a $locale answer without markup, lists as sentences', (item) => {
    const result = toSpokenText(item.markdown, item.locale, 400);
    expect(result).toEqual({ text: item.spoken, shortened: false });
    expect(result.text).not.toMatch(markup);
  });

  it('shortens a long answer to whole sentences and says so', () => {
    const long = Array.from({ length: 12 }, (_, index) => `Sentence number ${index} is here.`).join(
      ' ',
    );
    const result = toSpokenText(`First line.\n\n${long}`, 'en', 60);
    expect(result.shortened).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(60);
    expect(result.text.startsWith('First line.')).toBe(true);
  });
});

describe('numbers', () => {
  it('leaves short numbers and prices as words the voice reads itself', () => {
    expect(speakNumbers('24 months, 1,200 euros', 'en')).toBe('24 months, 1,200 euros');
  });
  it('drops the bidi isolates a right-to-left answer wraps numbers in', () => {
    expect(toSpokenText('مرکز تعمیرات، \u2066021-66097859\u2069', 'fa', 400).text).toBe(
      'مرکز تعمیرات، ۰ ۲ ۱، ۶ ۶ ۰ ۹ ۷ ۸ ۵ ۹.',
    );
  });
  it('reads Persian digits as Persian digits', () => {
    expect(readCharacters('۰۲۱-۶۶۰۹', 'fa')).toBe('۰ ۲ ۱، ۶ ۶ ۰ ۹');
    expect(speakNumbers('شماره ۰۲۱۶۶۰۹۷۸۵۹', 'fa')).toBe('شماره ۰ ۲ ۱ ۶ ۶ ۰ ۹ ۷ ۸ ۵ ۹');
  });
});
