import {
  foldDiacritics,
  normalizeDigits,
  normalizeExact,
  normalizeText,
} from '../../../src/core/language/normalize';

// Sentences are taken from the source articles in ../shared/seeds/ (one per language).
describe('normalizeText', () => {
  describe('Persian', () => {
    const seed = 'پشتیبانی پس از فروش، که گاهی اوقات خدمات پس از فروش نامیده می شود';

    it('keeps Persian letters and turns punctuation into spaces', () => {
      expect(normalizeText(seed, 'fa')).toBe(
        'پشتیبانی پس از فروش که گاهی اوقات خدمات پس از فروش نامیده می شود',
      );
    });

    it('unifies Arabic yeh and kaf with the Persian letters', () => {
      const arabicLetters = seed.replace(/ی/gu, 'ي').replace(/ک/gu, 'ك');
      expect(arabicLetters).not.toBe(seed);
      expect(normalizeText(arabicLetters, 'fa')).toBe(normalizeText(seed, 'fa'));
    });

    it('removes tatweel and harakat', () => {
      expect(normalizeText('خـــدمات', 'fa')).toBe('خدمات');
      expect(normalizeText('مُشْتَرِی', 'fa')).toBe('مشتری');
    });

    it('treats a ZWNJ (نیم‌فاصله) like the space people type instead', () => {
      expect(normalizeText('نامیده می‌شود', 'fa')).toBe(normalizeText('نامیده می شود', 'fa'));
      expect(normalizeText('نامیده می‌شود', 'fa')).toBe('نامیده می شود');
    });

    it('turns Persian and Arabic-Indic digits into ASCII (the seed phone numbers)', () => {
      expect(normalizeText('دفتر مرکزی: ۶۶۰۹۷۸۵۱', 'fa')).toBe('دفتر مرکزی 66097851');
      expect(normalizeText('مرکز تعمیرات: ٦٦٠٩٧٨٥٩', 'fa')).toBe('مرکز تعمیرات 66097859');
    });
  });

  describe('Greek', () => {
    it('strips tonos and lowercases', () => {
      expect(normalizeText('Τι είναι μια υπηρεσία μετά την πώληση;', 'el')).toBe(
        'τι ειναι μια υπηρεσια μετα την πωληση',
      );
    });

    it('strips dialytika', () => {
      expect(normalizeText('τους όρους και τις προϋποθέσεις εγγύησης', 'el')).toBe(
        'τουσ ορουσ και τισ προυποθεσεισ εγγυησησ',
      );
    });

    it('folds final sigma so capitals and small letters agree', () => {
      expect(normalizeText('ΟΡΟΣ', 'el')).toBe(normalizeText('όρος', 'el'));
      expect(normalizeText('ο όρος', 'el')).toBe('ο οροσ');
    });

    it('keeps tonos in the exact form', () => {
      expect(normalizeExact('Πόσο διαρκεί η εγγύηση;', 'el')).toBe('πόσο διαρκεί η εγγύηση');
    });
  });

  describe('Vietnamese', () => {
    const seed = 'Hỗ trợ sau bán hàng là bất kỳ dịch vụ nào được cung cấp cho khách hàng';

    it('matches the sentence typed without diacritics', () => {
      expect(normalizeText(seed, 'vi')).toBe(
        'ho tro sau ban hang la bat ky dich vu nao duoc cung cap cho khach hang',
      );
      expect(
        normalizeText(
          'ho tro sau ban hang la bat ky dich vu nao duoc cung cap cho khach hang',
          'vi',
        ),
      ).toBe(normalizeText(seed, 'vi'));
    });

    it('folds đ to d, also when the locale is not given', () => {
      expect(normalizeText('Điều này có thể bao gồm hướng dẫn', 'vi')).toBe(
        'dieu nay co the bao gom huong dan',
      );
      expect(normalizeText('Điều này có thể bao gồm hướng dẫn')).toBe(
        'dieu nay co the bao gom huong dan',
      );
    });

    it('keeps the diacritics in the exact form, so "bàn" and "bán" stay apart there', () => {
      expect(normalizeExact('Giá BÀN', 'vi')).toBe('giá bàn');
      expect(normalizeExact('giá bán', 'vi')).not.toBe(normalizeExact('giá bàn', 'vi'));
      expect(normalizeText('giá bán', 'vi')).toBe(normalizeText('giá bàn', 'vi'));
    });

    it('folds the exact form into the matching form', () => {
      expect(foldDiacritics(normalizeExact(seed, 'vi'), 'vi')).toBe(normalizeText(seed, 'vi'));
    });
  });

  describe('Serbian', () => {
    const cyrillic = 'Подршка након продаје помаже да се осигура да купац добије што више употребе';
    const latin = 'Podrška nakon prodaje pomaže da se osigura da kupac dobije što više upotrebe';

    it('maps Cyrillic and Latin (with or without diacritics) to one form', () => {
      const form = 'podrska nakon prodaje pomaze da se osigura da kupac dobije sto vise upotrebe';
      expect(normalizeText(cyrillic, 'sr')).toBe(form);
      expect(normalizeText(latin, 'sr')).toBe(form);
      expect(
        normalizeText(
          'Podrska nakon prodaje pomaze da se osigura da kupac dobije sto vise upotrebe',
          'sr',
        ),
      ).toBe(form);
    });

    it('writes đ as dj, as on a plain keyboard, and the digraphs as two letters', () => {
      expect(normalizeText('Ђорђе', 'sr')).toBe('djordje');
      expect(normalizeText('Đorđe', 'sr')).toBe('djordje');
      expect(normalizeText('Djordje', 'sr')).toBe('djordje');
      expect(normalizeText('Љубав њива џеп', 'sr')).toBe('ljubav njiva dzep');
    });
  });

  describe('Tamil', () => {
    const seed = 'விற்பனைக்குப் பின் ஆதரவு என்றால் என்ன';

    it('keeps the letters and vowel signs (no lossy folding)', () => {
      expect(normalizeText(`${seed}?`, 'ta')).toBe(seed);
    });

    it('composes decomposed vowel signs (NFC)', () => {
      const composed = 'கொள்கை';
      const decomposed = composed.normalize('NFD');
      expect(decomposed).not.toBe(composed);
      expect(normalizeText(decomposed, 'ta')).toBe(composed);
    });
  });

  describe('English and all languages', () => {
    it('applies NFKC, case folding and joins apostrophes', () => {
      expect(normalizeText('Don’t ＷＯＲＲＹ: the ﬁle is OK!')).toBe('dont worry the file is ok');
      expect(normalizeText('STRASSE Straße')).toBe('strasse strasse');
    });

    it('gives an empty string for text without letters or digits', () => {
      expect(normalizeText('  ?!… 🙂 ')).toBe('');
      expect(normalizeText('')).toBe('');
    });
  });
});

describe('normalizeDigits', () => {
  it('turns Persian and Arabic-Indic digits into ASCII and leaves the rest', () => {
    expect(normalizeDigits('سریال ۱۲۳۴۵۶۷۸۹۰ / ٠١٢٣٤٥٦٧٨٩ AB-12')).toBe(
      'سریال 1234567890 / 0123456789 AB-12',
    );
  });
});
