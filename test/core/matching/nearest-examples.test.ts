/**
 * The nearest example of each class, found through the inverted index or through a pass over the
 * asked classes' own examples (whichever touches fewer entries): both must give exactly the
 * brute-force figures, for sets that take either way.
 */
import { createNearestExamples } from '../../../src/core/matching/nearest-examples';
import type { SparseRows, SparseVector } from '../../../src/core/matching/sparse-vector';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Rows of at most 40 distinct features (fewer than the 48 each example keeps: no pruning). */
function sparseRow(next: () => number, featureCount: number, size: number): SparseVector {
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(Math.floor(next() * featureCount));
  const indices = Int32Array.from([...chosen].sort((a, b) => a - b));
  const values = Float32Array.from(indices, () => 0.05 + next());
  return { indices, values };
}

function pack(rows: readonly SparseVector[]): SparseRows {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = (offsets[i] as number) + row.indices.length));
  const indices = new Int32Array(offsets[rows.length] as number);
  const values = new Float32Array(offsets[rows.length] as number);
  rows.forEach((row, i) => {
    indices.set(row.indices, offsets[i]);
    values.set(row.values, offsets[i]);
  });
  return { count: rows.length, offsets, indices, values };
}

/** The best dot product per class, summed in ascending feature order as the index does. */
function bruteForce(rows: readonly SparseVector[], labels: Int32Array, query: SparseVector) {
  const best = new Map<number, number>();
  rows.forEach((row, i) => {
    let sum = 0;
    for (let a = 0, b = 0; a < row.indices.length && b < query.indices.length;) {
      const x = row.indices[a] as number;
      const y = query.indices[b] as number;
      if (x === y) sum += (row.values[a++] as number) * (query.values[b++] as number);
      else if (x < y) a++;
      else b++;
    }
    const label = labels[i] as number;
    if (sum > (best.get(label) ?? 0)) best.set(label, sum);
  });
  return best;
}

describe.each([
  // Few features, all shared: a query's postings outweigh its classes' entries (the class pass).
  { name: 'dense: 40 features, 30 classes of 40 examples', featureCount: 40, size: 20 },
  // Many rare features: a query shares them with few examples (the inverted index).
  { name: 'sparse: 50,000 features, 30 classes of 40 examples', featureCount: 50_000, size: 20 },
])('nearest examples, $name', ({ featureCount, size }) => {
  const next = random(featureCount);
  const classCount = 30;
  const rows = Array.from({ length: classCount * 40 }, () => sparseRow(next, featureCount, size));
  const labels = Int32Array.from(rows, (_, i) => i % classCount);
  const nearest = createNearestExamples(pack(rows), labels, classCount, featureCount);

  test('every class, and any five asked for, get the brute-force similarity exactly', () => {
    for (let q = 0; q < 50; q++) {
      const query = sparseRow(next, featureCount, size);
      const expected = bruteForce(rows, labels, query);
      const all = Array.from(nearest.similarities(query));
      for (let c = 0; c < classCount; c++) expect(all[c]).toBe(expected.get(c) ?? 0);
      const asked = [3, 17, 0, 29, 11];
      const some = nearest.similarities(query, asked);
      for (const c of asked) expect(some[c]).toBe(expected.get(c) ?? 0);
    }
  });
});
