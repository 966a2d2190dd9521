/**
 * Parses YAML (and JSON, which the YAML parser reads too) keeping source positions, then
 * validates with zod and maps each zod issue back to the line of the offending node.
 */
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, fieldPath, type Problem } from './located-error';

export interface LocatedSource {
  /** Path shown in messages (relative to the project root when possible). */
  readonly file: string;
  readonly text: string;
  /** 1-based line number of `text`'s first line within the file (front matter starts at 2). */
  readonly firstLine?: number;
}

export function parseLocated<S extends z.ZodTypeAny>(source: LocatedSource, schema: S): z.infer<S> {
  return parseWithLines(source, schema).data;
}

export interface Located<T> {
  readonly data: T;
  /** The line of a field, for problems found after validation (an unknown follow-up id, say). */
  lineOf(path: readonly (string | number)[]): number;
}

export function parseWithLines<S extends z.ZodTypeAny>(
  source: LocatedSource,
  schema: S,
): Located<z.infer<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const offset = (source.firstLine ?? 1) - 1;
  const lineAt = (position: number): number => lineCounter.linePos(position).line + offset;

  if (document.errors.length > 0) {
    throw new KnowledgeError(
      document.errors.map((error) => ({
        file: source.file,
        line: lineAt(error.pos[0]),
        field: '',
        message: `${firstLineOf(error.message)} (check indentation, quotes and the ':' after each key)`,
      })),
    );
  }
  const result = schema.safeParse(document.toJS());
  if (result.success) {
    return {
      data: result.data as z.infer<S>,
      lineOf: (path) => lineOfPath(document, path, lineAt),
    };
  }
  const problems: Problem[] = result.error.issues.flatMap((issue) => {
    // Each unknown key is reported at the key itself, not at the object that holds it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return {
          file: source.file,
          line: lineOfPath(document, path, lineAt),
          field: fieldPath(path),
          message: explainIssue({ ...issue, keys: [key] }),
        };
      });
    }
    return [
      {
        file: source.file,
        line: lineOfPath(document, issue.path, lineAt),
        field: fieldPath(issue.path),
        message: explainIssue(issue),
      },
    ];
  });
  throw new KnowledgeError(problems);
}

/** The line of the deepest key or item that exists along `path` (a missing key points at its parent). */
function lineOfPath(
  document: Document,
  path: readonly (string | number)[],
  lineAt: (position: number) => number,
): number {
  let node: unknown = document.contents;
  let line = rangeLine(node, lineAt) ?? 1;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) =>
          String((item.key as { value?: unknown } | null)?.value ?? item.key) === String(key),
      );
      if (!pair) break;
      // The key's line: a block list or map under `key:` starts on the line after it.
      line = rangeLine(pair.key, lineAt) ?? rangeLine(pair.value, lineAt) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      line = rangeLine(node, lineAt) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function rangeLine(node: unknown, lineAt: (position: number) => number): number | null {
  const range = (node as Node | null | undefined)?.range;
  return range ? lineAt(range[0]) : null;
}

function firstLineOf(message: string): string {
  return message.split('\n')[0] ?? message;
}

function explainIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove it or fix its spelling`;
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `required field is missing; add it (${issue.expected})`
        : `expected ${issue.expected}, got ${issue.received}`;
    default:
      return issue.message;
  }
}
