/** Where the benchmark sets are: `shared/datasets` beside the checkout (see findSharedDatasets). */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The nearest `shared/datasets` beside the checkout or one of its parents: `../shared` from the
 * main checkout, `../../shared` from a worktree under `wt/` (set AFTERCARE_DATASETS elsewhere).
 */
export function findSharedDatasets(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'datasets');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', 'shared', 'datasets');
  }
}
