/** Where things are, for tests that read the shipped knowledge or the fixtures. */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

export function fixture(name: string): string {
  return path.join(fixturesDir, name);
}
