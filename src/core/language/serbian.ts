/**
 * Serbian is written in two scripts. Customers type either; knowledge is written in one. These
 * helpers tell which script a text uses and give the proper Latin spelling (with diacritics), so a
 * customer who writes Latin gets the answer back in Latin.
 */

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ђ: 'đ',
  е: 'e',
  ж: 'ž',
  з: 'z',
  и: 'i',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'ć',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'č',
  џ: 'dž',
  ш: 'š',
};

const SERBIAN_LATIN_ONLY = /[čćšžđČĆŠŽĐ]/u;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/gu;
const CYRILLIC_LETTERS = /\p{Script=Cyrillic}/gu;

/**
 * Which script a (Serbian) text is written in: the script with more letters, or null when it has
 * no Latin or Cyrillic letters at all.
 */
export function serbianScript(text: string): 'cyrillic' | 'latin' | null {
  const cyrillic = text.match(CYRILLIC_LETTERS)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (cyrillic === 0 && latin === 0) return null;
  if (cyrillic === latin) return SERBIAN_LATIN_ONLY.test(text) ? 'latin' : 'cyrillic';
  return cyrillic > latin ? 'cyrillic' : 'latin';
}

/** Serbian Cyrillic to Serbian Latin (gajica), capitals kept: Љубав → Ljubav, ЉУБАВ → LJUBAV. */
export function cyrillicToLatin(text: string): string {
  if (!CYRILLIC_LETTER.test(text)) return text;
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const lower = char.toLowerCase();
    const latin = CYRILLIC_TO_LATIN[lower];
    if (latin === undefined) {
      out += char;
      continue;
    }
    if (lower === char) {
      out += latin;
      continue;
    }
    // A digraph capital is "Lj" before a lowercase letter (Љубав) and "LJ" in an all-caps word.
    const next = chars[i + 1] ?? '';
    const nextIsUpper = next !== next.toLowerCase();
    const previous = chars[i - 1] ?? '';
    const previousIsUpper = previous !== previous.toLowerCase();
    out +=
      nextIsUpper || (previousIsUpper && next === '') ? latin.toUpperCase() : capitalize(latin);
  }
  return out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
