/**
 * Adds questions to one locale of an FAQ file's front matter through the `yaml` document API, so
 * the admin's comments, order and quoting survive; the answer sections are left byte for byte.
 */
import { isSeq, parseDocument } from 'yaml';

export function addFaqQuestions(
  source: string,
  locale: string,
  questions: readonly string[],
): { text: string; added: string[] } {
  const lines = source.split('\n');
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (lines[0]?.trim() !== '---' || end < 0)
    throw new Error('the FAQ file has no front matter between "---" lines');
  const document = parseDocument(lines.slice(1, end).join('\n'));
  const existing = document.getIn(['questions', locale], true);
  const known = new Set(
    isSeq(existing)
      ? existing.items.map((item) => String((item as { value?: unknown }).value ?? item))
      : [],
  );
  const added = [...new Set(questions.map((question) => question.trim()))].filter(
    (question) => question.length > 0 && !known.has(question),
  );
  if (added.length === 0) return { text: source, added };
  if (isSeq(existing)) for (const question of added) existing.add(document.createNode(question));
  else document.setIn(['questions', locale], document.createNode(added));
  const front = document
    .toString({ flowCollectionPadding: false, lineWidth: 0 })
    .replace(/\n$/, '');
  return { text: [lines[0], front, ...lines.slice(end)].join('\n'), added };
}
