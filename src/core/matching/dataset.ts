/**
 * The labelled-set format `aftercare eval` reads: one JSON object per line,
 * `{"text", "intent", "split": "train"|"val"|"test"}`, out-of-scope rows labelled `oos`.
 */
import { z } from 'zod';
import { dominantLocale } from '../language/dominant-locale';

export const OUT_OF_SCOPE = 'oos';

const rowSchema = z.object({
  text: z.string(),
  intent: z.string().min(1),
  split: z.enum(['train', 'val', 'test']),
});

export type DatasetRow = z.infer<typeof rowSchema>;

/** Parses JSONL; a bad line is reported with its number and skipped, so one typo does not stop a run. */
export function parseDataset(jsonl: string): { rows: DatasetRow[]; errors: string[] } {
  const rows: DatasetRow[] = [];
  const errors: string[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(`line ${index + 1}: not valid JSON`);
      return;
    }
    const parsed = rowSchema.safeParse(value);
    if (parsed.success) rows.push(parsed.data);
    else
      errors.push(
        `line ${index + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ')}`,
      );
  });
  return { rows, errors };
}

/** The language most `train` rows are written in (null when none has a majority): what the engine is told. */
export function datasetLocale(rows: readonly DatasetRow[]): string | null {
  return dominantLocale(rows.filter((row) => row.split === 'train').map((row) => row.text));
}

/** The first `shots` in-scope rows of each intent, in file order: an admin who writes few variants. */
export function takeShots(rows: readonly DatasetRow[], shots: number | undefined): DatasetRow[] {
  if (shots === undefined) return [...rows];
  const taken = new Map<string, number>();
  return rows.filter((row) => {
    const count = taken.get(row.intent) ?? 0;
    if (count >= shots) return false;
    taken.set(row.intent, count + 1);
    return true;
  });
}
