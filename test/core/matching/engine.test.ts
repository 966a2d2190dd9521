import { createEngineMatcher } from '../../../src/core/matching/engine';
import type { TrainingExample } from '../../../src/core/matching/matcher';

const faq = (label: string, locale: string, ...texts: string[]): TrainingExample[] =>
  texts.map((text) => ({ text, label, locale }));

describe('createEngineMatcher', () => {
  const knowledge: TrainingExample[] = [
    ...faq(
      'faq:warranty-period',
      'en',
      'How long is the warranty?',
      'What is the warranty period for my product?',
      'How many months of guarantee do I get?',
    ),
    ...faq(
      'faq:return-policy',
      'en',
      'Can I return a product?',
      'How do I send back something I bought?',
      'What is your return policy?',
    ),
    ...faq(
      'faq:opening-hours',
      'en',
      'When are you open?',
      'What are your opening hours?',
      'Are you open on Friday?',
    ),
    ...faq(
      'faq:warranty-period',
      'sr',
      'Koliko traje garancija?',
      'Koliki je garantni rok za moj uređaj?',
    ),
    ...faq(
      'faq:return-policy',
      'sr',
      'Kako da vratim proizvod?',
      'Mogu li da vratim kupljeni uređaj?',
    ),
    ...faq('faq:opening-hours', 'sr', 'Kada radite?', 'Koje je vaše radno vreme?'),
    ...faq(
      'faq:warranty-period',
      'vi',
      'Thời gian bảo hành là bao lâu?',
      'Sản phẩm được bảo hành mấy tháng?',
    ),
    ...faq(
      'faq:return-policy',
      'vi',
      'Tôi có thể trả lại sản phẩm không?',
      'Chính sách đổi trả như thế nào?',
    ),
    ...faq(
      'faq:opening-hours',
      'vi',
      'Cửa hàng mở cửa lúc mấy giờ?',
      'Giờ làm việc của các bạn là gì?',
    ),
    ...faq(
      'faq:warranty-period',
      'el',
      'Πόσο διαρκεί η εγγύηση;',
      'Πόσους μήνες εγγύηση έχει το προϊόν;',
    ),
    ...faq('faq:opening-hours', 'el', 'Τι ώρες είστε ανοιχτά;', 'Πότε ανοίγει το κατάστημα;'),
    ...faq(
      'faq:warranty-period',
      'ta',
      'உத்தரவாதம் எவ்வளவு காலம்?',
      'என் பொருளுக்கு எத்தனை மாதம் உத்தரவாதம்?',
    ),
    ...faq('faq:opening-hours', 'ta', 'நீங்கள் எப்போது திறந்திருப்பீர்கள்?', 'கடை திறக்கும் நேரம் என்ன?'),
  ];
  const matcher = createEngineMatcher(knowledge);
  const top = (text: string, locale?: string) => matcher.match(text, { locale })[0];

  it('answers a Serbian Cyrillic question from Latin knowledge', () => {
    expect(top('Колико траје гаранција?', 'sr')?.label).toBe('faq:warranty-period');
    expect(top('Које је ваше радно време?', 'sr')?.label).toBe('faq:opening-hours');
  });

  it('answers a Serbian Latin question (without diacritics) from Cyrillic knowledge', () => {
    const cyrillic = createEngineMatcher([
      ...faq(
        'faq:warranty-period',
        'sr',
        'Колико траје гаранција?',
        'Колики је гарантни рок за мој уређај?',
      ),
      ...faq(
        'faq:return-policy',
        'sr',
        'Како да вратим производ?',
        'Могу ли да вратим купљени уређај?',
      ),
    ]);
    expect(cyrillic.match('koliki je garantni rok', { locale: 'sr' })[0]?.label).toBe(
      'faq:warranty-period',
    );
    expect(cyrillic.match('mogu li da vratim uredjaj', { locale: 'sr' })[0]?.label).toBe(
      'faq:return-policy',
    );
  });

  it('answers Vietnamese typed without diacritics', () => {
    expect(top('thoi gian bao hanh la bao lau', 'vi')?.label).toBe('faq:warranty-period');
    expect(top('chinh sach doi tra', 'vi')?.label).toBe('faq:return-policy');
  });

  it('ranks the exact-diacritic Vietnamese match above the folded one', () => {
    const vietnamese = createEngineMatcher([
      ...faq('faq:table-price', 'vi', 'giá bàn', 'giá bàn làm việc'),
      ...faq('faq:selling-price', 'vi', 'giá bán', 'giá bán sản phẩm'),
    ]);
    const score = (text: string, label: string) =>
      vietnamese.match(text, { locale: 'vi' }).find((candidate) => candidate.label === label)
        ?.score ?? 0;
    expect(score('giá bàn', 'faq:table-price')).toBeGreaterThan(
      score('giá bàn', 'faq:selling-price'),
    );
    expect(score('giá bán', 'faq:selling-price')).toBeGreaterThan(
      score('giá bán', 'faq:table-price'),
    );
  });

  it('reads Persian digits in a question as the digits in the knowledge', () => {
    const persian = createEngineMatcher([
      ...faq('faq:model-12', 'fa', 'قیمت تعمیر مدل 12', 'هزینه تعمیر مدل 12'),
      ...faq('faq:model-15', 'fa', 'قیمت تعمیر مدل 15', 'هزینه تعمیر مدل 15'),
    ]);
    expect(persian.match('قیمت تعمیر مدل ۱۵', { locale: 'fa' })[0]?.label).toBe('faq:model-15');
    expect(persian.match('هزینه تعمير مدل ١٢', { locale: 'fa' })[0]?.label).toBe('faq:model-12');
  });

  it('matches Greek without accents and Tamil as written', () => {
    expect(top('ποσο διαρκει η εγγυηση', 'el')?.label).toBe('faq:warranty-period');
    expect(top('கடை எப்போது திறக்கும்?', 'ta')?.label).toBe('faq:opening-hours');
  });

  it('returns calibrated scores in 0..1, best first, at most `limit`', () => {
    const candidates = matcher.match('how long is my warranty', { limit: 2 });
    expect(candidates).toHaveLength(2);
    expect(candidates[0]?.label).toBe('faq:warranty-period');
    expect(candidates[0]?.score).toBeGreaterThan(0.5);
    for (const candidate of candidates) expect(candidate.score).toBeGreaterThanOrEqual(0);
    expect(candidates[0]?.score ?? 0).toBeGreaterThanOrEqual(candidates[1]?.score ?? 1);
  });

  it('scores an unrelated question low', () => {
    const inScope = top('What are your opening hours?', 'en')?.score ?? 0;
    const unrelated = top('What is the capital of France?', 'en')?.score ?? 0;
    expect(unrelated).toBeLessThan(0.3);
    expect(unrelated).toBeLessThan(inScope / 2);
  });

  it('gives no candidates for empty text or text it has no features for', () => {
    expect(matcher.match('')).toEqual([]);
    expect(matcher.match('   ?! ')).toEqual([]);
    expect(createEngineMatcher([]).match('hello')).toEqual([]);
  });
});
