/**
 * Makes any incoming text safe to process and store: no control characters, no lone UTF-16
 * surrogates, whitespace collapsed, length capped. Never throws.
 */
export interface CleanText {
  readonly text: string;
  /** True when the text was cut to the maximum length. */
  readonly truncated: boolean;
  /** True when nothing readable is left (empty, whitespace, emoji or symbols only). */
  readonly unreadable: boolean;
}

// C0/C1 controls except tab and newline, and the Unicode bidi overrides that can disguise text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(raw: string, maxChars: number): CleanText {
  let text = raw.replace(loneSurrogates, '').replace(controls, ' ');
  text = text
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  let truncated = false;
  if (text.length > maxChars) {
    // Cut on a code point boundary, never in the middle of a surrogate pair.
    text = Array.from(text.slice(0, maxChars + 1))
      .slice(0, -1)
      .join('')
      .trim();
    truncated = true;
  }
  return { text, truncated, unreadable: !/[\p{L}\p{N}]/u.test(text) };
}
