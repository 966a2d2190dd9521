/**
 * Errors in files that admins edit name the file, the line and the field, and say how to fix
 * it. They are rendered as one line each, never as a stack trace.
 */
export interface Problem {
  readonly file: string;
  readonly line: number | null;
  /** Dotted path of the field, e.g. `questions.fa[2]`; empty for the whole file. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field === '' ? '' : ` ${problem.field}:`;
  return `${where}:${field} ${problem.message}`;
}

/** Thrown by loaders; carries every problem found, not only the first. */
export class KnowledgeError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'KnowledgeError';
  }
}

export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}
