/**
 * The core's reply Markdown as text a voice reads well: no markup, list items as sentences, link
 * targets dropped, and phone, case and serial numbers read one character at a time (a voice
 * would say "sixty-six million…"). Pure, per locale through a small profile.
 */
import { parseMarkdown, type Inline } from '../shared/markdown';

interface SpokenProfile {
  /** Ends a sentence that has no end of its own. */
  readonly fullStop: string;
  /** Between digit groups, so the voice pauses where the number had a dash or space. */
  readonly pause: string;
  readonly digits: (text: string) => string;
}

const asciiDigits = (text: string): string => text;
const persianDigits = (text: string): string =>
  text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));

const baseProfile: SpokenProfile = { fullStop: '.', pause: ', ', digits: asciiDigits };
const profiles: Readonly<Record<string, SpokenProfile>> = {
  fa: { fullStop: '.', pause: '، ', digits: persianDigits },
};
const profileOf = (locale: string): SpokenProfile => profiles[locale] ?? baseProfile;

const DIGIT = '[0-9\u06f0-\u06f9\u0660-\u0669]';
/**
 * A phone number (five digits or more, maybe in groups), or a code that mixes capitals and digits
 * in dash-separated groups (a case number T-1042, a serial WM07-2304-1188).
 */
const NUMBER_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:\\+?${DIGIT}(?:${DIGIT}|[-\\s.](?=${DIGIT})){4,}|[A-Z0-9]+(?:-[A-Z0-9]+)+)(?![\\p{L}\\p{N}])`,
  'gu',
);
const HAS_DIGIT = new RegExp(DIGIT, 'u');

/** `021-66097859` → `0 2 1, 6 6 0 9 7 8 5 9`: each character on its own, a pause per group. */
export function readCharacters(run: string, locale: string): string {
  const profile = profileOf(locale);
  return run
    .replace(/^\+/, '')
    .split(/[-\s.]+/)
    .filter((group) => group !== '')
    .map((group) => profile.digits([...group].join(' ')))
    .join(profile.pause);
}

/** Reads every number run of `text` character by character. */
export function speakNumbers(text: string, locale: string): string {
  return text.replace(NUMBER_RUN, (run) =>
    HAS_DIGIT.test(run) ? readCharacters(run, locale) : run,
  );
}

function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) =>
      node.type === 'text'
        ? node.text
        : node.type === 'link'
          ? node.text
          : inlineText(node.children),
    )
    .join('');
}

/** Ends `sentence` with the locale's full stop unless it already ends like a sentence. */
function asSentence(sentence: string, profile: SpokenProfile): string {
  const trimmed = sentence.trim().replace(/[:;,]$/, '');
  if (trimmed === '') return '';
  return /[.!?؟;।…]$/u.test(trimmed) ? trimmed : `${trimmed}${profile.fullStop}`;
}

/** The whole reply as spoken sentences, one line per paragraph or list item. */
export function spokenSentences(markdown: string, locale: string): string[] {
  const profile = profileOf(locale);
  return parseMarkdown(markdown)
    .flatMap((block) => (block.type === 'paragraph' ? block.lines : block.items))
    .map((line) =>
      inlineText(line)
        // Markup, and the bidi isolates that keep numbers readable in right-to-left text.
        .replace(/[*_`#>\u2066-\u2069]+/g, '')
        .replace(/\s+/g, ' '),
    )
    .map((line) => asSentence(speakNumbers(line, locale), profile))
    .filter((sentence) => sentence !== '');
}

export interface SpokenReply {
  readonly text: string;
  /** True when sentences were left out to fit a call (the caller is offered the whole by SMS). */
  readonly shortened: boolean;
}

/** The reply as one spoken text of at most `maxChars` (whole sentences; the first one always). */
export function toSpokenText(markdown: string, locale: string, maxChars: number): SpokenReply {
  const sentences = spokenSentences(markdown, locale);
  const kept: string[] = [];
  let length = 0;
  for (const sentence of sentences) {
    if (kept.length > 0 && length + 1 + sentence.length > maxChars) break;
    kept.push(sentence);
    length += (kept.length > 1 ? 1 : 0) + sentence.length;
  }
  return { text: kept.join(' '), shortened: kept.length < sentences.length };
}
