/**
 * How many SMS segments a text costs. GSM-7 (Latin, most Western punctuation) fits 160
 * characters in one segment and 153 per segment of a longer message; any other character
 * (Persian, Tamil, Greek lower case, Vietnamese tones) makes the whole text UCS-2: 70 UTF-16
 * units in one segment, 67 per segment when longer.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the GSM-7 extension table; each takes two septets. */
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly segments: number;
}

export function smsEncoding(text: string): SmsEncoding {
  for (const character of text)
    if (!basic.has(character) && !extended.has(character)) return 'UCS-2';
  return 'GSM-7';
}

export function smsSize(text: string): SmsSize {
  const encoding = smsEncoding(text);
  const units =
    encoding === 'GSM-7'
      ? [...text].reduce((sum, character) => sum + (extended.has(character) ? 2 : 1), 0)
      : text.length;
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return { encoding, units, segments };
}
