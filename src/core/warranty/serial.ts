/**
 * Serial numbers as customers type them: Persian or Arabic-Indic digits, spaces, dashes, any
 * case, sometimes inside a sentence ("my serial is nv12 2301 4567"). Everything is compared in
 * the canonical form: capitals, ASCII digits, no spaces or dashes.
 */
import { normalizeDigits } from '../language/normalize';
import type { ModelRule, WarrantyRules } from './rules';

// Hyphen, non-breaking hyphen, figure/en/em dash, minus; plus spaces of every kind and dots.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212._/]+/gu;
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/gu;
const MAX_WORDS = 24;

export function canonicalSerial(text: string): string {
  return normalizeDigits(text.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .replace(SEPARATORS, '')
    .toUpperCase();
}

/** The model whose serial format the (canonical) serial fits, if any. */
function modelForSerial(serial: string, rules: WarrantyRules): ModelRule | undefined {
  return Object.values(rules.models).find((model) => fits(serial, model));
}

/** Whether a canonical serial fits the model's format (the pattern is compiled anchored). */
export function fits(serial: string, model: ModelRule): boolean {
  return model.serial.pattern.test(serial);
}

/** Shows a canonical serial grouped like the model's example: `NV1223014567` → `NV12-2301-4567`. */
export function displaySerial(serial: string, model: ModelRule | undefined): string {
  if (!model) return serial;
  const example = model.serial.example;
  if (canonicalSerial(example).length !== serial.length) return serial;
  let out = '';
  let index = 0;
  for (const char of example.normalize('NFKC')) {
    if (/[\s-]/u.test(char)) out += char;
    else out += serial[index++] ?? '';
  }
  return out;
}

export type SerialParse =
  | { readonly ok: true; readonly serial: string; readonly model: ModelRule }
  | { readonly ok: false; readonly reason: 'empty' | 'format'; readonly example: string };

/**
 * Finds a serial of a known model in what the customer typed. On failure the result carries an
 * example of the right format: of the model the text seems to start like, else of `category`
 * (what the customer said the unit is), else of the first model.
 */
export function parseCustomerSerial(
  text: string,
  rules: WarrantyRules,
  category?: string,
): SerialParse {
  const whole = canonicalSerial(text);
  if (whole === '')
    return { ok: false, reason: 'empty', example: exampleFor(whole, rules, category) };
  const direct = modelForSerial(whole, rules);
  if (direct) return { ok: true, serial: whole, model: direct };

  // A serial inside a sentence: try every run of consecutive Latin-letter/digit words.
  for (const candidate of candidates(text)) {
    const model = modelForSerial(candidate, rules);
    if (model) return { ok: true, serial: candidate, model };
  }
  return { ok: false, reason: 'format', example: exampleFor(whole, rules, category) };
}

/** Finds an order number (products.yaml `orderNumber`) in what the customer typed; null if none. */
export function parseOrderNumber(text: string, rules: WarrantyRules): string | null {
  const format = rules.orderNumber;
  if (!format) return null;
  const whole = canonicalSerial(text);
  if (format.pattern.test(whole)) return whole;
  for (const candidate of candidates(text)) if (format.pattern.test(candidate)) return candidate;
  return null;
}

/**
 * A serial keyed in on a phone keypad, which has no letters: the digits completed with the
 * letters each model's serials start with (`1225010001` → `NV1225010001` for `NV12…`), every
 * completion that fits its model once. Empty unless the text is digits only.
 */
export function keypadSerials(text: string, rules: WarrantyRules): string[] {
  const digits = canonicalSerial(text);
  if (!/^\d+$/.test(digits)) return [];
  const completions = Object.values(rules.models).flatMap((model) => {
    const letters = /^[A-Z]+/.exec(canonicalSerial(model.serial.example))?.[0] ?? '';
    const serial = `${letters}${digits}`;
    return letters !== '' && fits(serial, model) ? [serial] : [];
  });
  return [...new Set(completions)];
}

export type FoundNumber =
  | { readonly kind: 'serial'; readonly serial: string; readonly model: ModelRule }
  | { readonly kind: 'order'; readonly order: string };

/**
 * Every serial of a known model and every order number anywhere in a sentence, in the order
 * typed, each once ("compare NV12-2501-0001 and nv12 2501 0002" gives two). Runs of words are
 * read left to right, the longest fit first, so a serial typed in groups is one serial.
 */
export function findNumbers(text: string, rules: WarrantyRules): FoundNumber[] {
  const words = latinWords(text);
  const found: FoundNumber[] = [];
  const seen = new Set<string>();
  let start = 0;
  while (start < words.length) {
    let end = words.length;
    let hit: FoundNumber | undefined;
    for (; end > start && !hit; end--) {
      const candidate = canonicalSerial(words.slice(start, end).join(''));
      const model = modelForSerial(candidate, rules);
      if (model) hit = { kind: 'serial', serial: candidate, model };
      else if (rules.orderNumber?.pattern.test(candidate))
        hit = { kind: 'order', order: candidate };
    }
    if (!hit) {
      start++;
      continue;
    }
    const id = hit.kind === 'serial' ? hit.serial : hit.order;
    if (!seen.has(id)) found.push(hit);
    seen.add(id);
    start = end + 1;
  }
  return found;
}

function latinWords(text: string): string[] {
  return normalizeDigits(text.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .split(/[^A-Za-z0-9\-\u2010-\u2015\u2212]+/u)
    .filter((word) => word !== '')
    .slice(0, MAX_WORDS);
}

/** Every run of consecutive Latin-letter/digit words in the text, in canonical form. */
function* candidates(text: string): Generator<string> {
  const words = latinWords(text);
  for (let start = 0; start < words.length; start++) {
    for (let end = words.length; end > start; end--)
      yield canonicalSerial(words.slice(start, end).join(''));
  }
}

function exampleFor(serial: string, rules: WarrantyRules, category: string | undefined): string {
  const models = Object.values(rules.models);
  const prefix = serial.slice(0, 4);
  const byPrefix =
    prefix.length === 4
      ? models.find((model) => canonicalSerial(model.serial.example).startsWith(prefix))
      : undefined;
  const byCategory = models.find((model) => model.category === category);
  return (byPrefix ?? byCategory ?? models[0])?.serial.example ?? '';
}
