import { cyrillicToLatin, serbianScript } from '../../../src/core/language/serbian';

describe('cyrillicToLatin', () => {
  it('writes proper Serbian Latin with diacritics (seed sentence)', () => {
    expect(
      cyrillicToLatin(
        'Најбоље праксе за подршку продаје: купци који имају лоше искуство са производом',
      ),
    ).toBe('Najbolje prakse za podršku prodaje: kupci koji imaju loše iskustvo sa proizvodom');
  });

  it('covers every letter, capitals included', () => {
    expect(cyrillicToLatin('ђ ћ ч ш ж џ љ њ Ђ Ћ Ч Ш Ж')).toBe('đ ć č š ž dž lj nj Đ Ć Č Š Ž');
  });

  it('capitalises a digraph by the word around it', () => {
    expect(cyrillicToLatin('Љубав Њива Џеп')).toBe('Ljubav Njiva Džep');
    expect(cyrillicToLatin('ЉУБАВ ЊИВА ЏЕП')).toBe('LJUBAV NJIVA DŽEP');
    expect(cyrillicToLatin('Љ')).toBe('Lj');
  });

  it('leaves Latin and other scripts alone', () => {
    expect(cyrillicToLatin('Garancija 24 meseca, گارانتی')).toBe('Garancija 24 meseca, گارانتی');
  });
});

describe('serbianScript', () => {
  it('tells which script the customer writes in', () => {
    expect(serbianScript('Колико траје гаранција?')).toBe('cyrillic');
    expect(serbianScript('Koliko traje garancija?')).toBe('latin');
    expect(serbianScript('Колико траје garancija za iPhone?')).toBe('latin');
    expect(serbianScript('12345 ?!')).toBeNull();
  });
});
