/** Reads one FAQ entry: YAML front matter between `---` lines, then `## <locale>` answer sections. */
import type { FaqEntry } from '../core/knowledge/knowledge';
import { faqFrontMatterSchema } from './knowledge-schema';
import { KnowledgeError, type Problem } from './located-error';
import { parseWithLines } from './parse-located';

export function parseFaq(
  file: string,
  source: string,
  locales: readonly string[],
): { entry: FaqEntry; warnings: Problem[]; idLine: number } {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    throw new KnowledgeError([
      {
        file,
        line: 1,
        field: '',
        message:
          'front matter missing: the file must start with a line "---", the YAML fields, then another "---"',
      },
    ]);
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) {
    throw new KnowledgeError([
      {
        file,
        line: 1,
        field: '',
        message: 'front matter is not closed: add a line "---" after the YAML fields',
      },
    ]);
  }
  const located = parseWithLines(
    { file, text: lines.slice(1, end).join('\n'), firstLine: 2 },
    faqFrontMatterSchema,
  );
  const front = located.data;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const answers: Record<string, string> = {};
  const headingLine: Record<string, number> = {};
  let current: string | null = null;
  let buffer: string[] = [];
  const flush = (): void => {
    if (current !== null) answers[current] = buffer.join('\n').trim();
    buffer = [];
  };
  for (let index = end + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const heading = /^##\s+([A-Za-z-]+)\s*$/.exec(line);
    if (heading) {
      flush();
      current = (heading[1] ?? '').toLowerCase();
      if (current in headingLine) {
        problems.push({
          file,
          line: index + 1,
          field: `answer.${current}`,
          message: `second "## ${current}" section; merge the two`,
        });
      }
      headingLine[current] = index + 1;
    } else if (current === null) {
      if (line.trim() !== '') {
        problems.push({
          file,
          line: index + 1,
          field: 'answer',
          message:
            'text before the first "## <locale>" heading; put each answer under "## en", "## fa", ...',
        });
      }
    } else {
      buffer.push(line);
    }
  }
  flush();

  for (const [locale, answer] of Object.entries(answers)) {
    if (answer === '') {
      problems.push({
        file,
        line: headingLine[locale] ?? null,
        field: `answer.${locale}`,
        message: `the "## ${locale}" answer is empty; write the answer under the heading`,
      });
    }
    if (!locales.includes(locale)) {
      warnings.push({
        file,
        line: headingLine[locale] ?? null,
        field: `answer.${locale}`,
        message: `"${locale}" is not in bot.config.json locales; this answer is never used`,
      });
    }
  }
  for (const locale of Object.keys(front.questions)) {
    if (answers[locale] === undefined) {
      problems.push({
        file,
        line: located.lineOf(['questions', locale]),
        field: `answer.${locale}`,
        message: `missing answer: questions are given in "${locale}" but there is no "## ${locale}" section; add it`,
      });
    }
  }
  for (const locale of locales) {
    if (front.questions[locale] === undefined) {
      warnings.push({
        file,
        line: located.lineOf(['questions']),
        field: `questions.${locale}`,
        message: `no "${locale}" questions; customers writing ${locale} will not find this entry`,
      });
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return {
    entry: {
      id: front.id,
      tags: front.tags,
      questions: front.questions,
      followUps: front.followUps,
      answers,
      source: file,
      followUpsLine: located.lineOf(['followUps']),
    },
    warnings,
    idLine: located.lineOf(['id']),
  };
}
