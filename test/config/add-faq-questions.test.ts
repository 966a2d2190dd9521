import { addFaqQuestions } from '../../src/config/add-faq-questions';
import { parseFaq } from '../../src/config/load-faq';

const source = `---
id: opening-hours
# Keep the questions short.
questions:
  en:
    - When are you open? # the most asked
  fa:
    - "ساعت کاری شما؟"
---

## en
Saturday to Wednesday, 08:00 to 17:00.

## fa
شنبه تا چهارشنبه، ۰۸:۰۰ تا ۱۷:۰۰.
`;

test('new questions go under their locale; comments, quoting and answers are kept', () => {
  const { text, added } = addFaqQuestions(source, 'en', [
    'Are you open on Friday?',
    'When are you open?',
  ]);
  expect(added).toEqual(['Are you open on Friday?']);
  expect(text).toContain('# Keep the questions short.');
  expect(text).toContain('- When are you open? # the most asked\n    - Are you open on Friday?');
  expect(text).toContain('- "ساعت کاری شما؟"');
  expect(text.slice(text.indexOf('## en'))).toBe(source.slice(source.indexOf('## en')));
  expect(parseFaq('opening-hours.md', text, ['en', 'fa']).entry.questions.en).toHaveLength(2);
});

test('a locale without questions yet gets a list', () => {
  const { text } = addFaqQuestions(source, 'vi', ['Mấy giờ mở cửa?']);
  expect(text).toContain('  vi:\n    - Mấy giờ mở cửa?\n---');
});
