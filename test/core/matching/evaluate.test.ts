import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evalCommand } from '../../../src/cli/commands/eval';
import { parseDataset, takeShots } from '../../../src/core/matching/dataset';
import {
  chooseThreshold,
  ratesAt,
  suggestThresholds,
  type ScoredQuery,
} from '../../../src/core/matching/threshold';

// A tiny support set: three intents, a few out-of-scope questions, train/val/test splits.
const INTENTS: Record<string, string[]> = {
  warranty: [
    'how long is the warranty',
    'what is the warranty period',
    'is my phone still under warranty',
    'how many months of warranty',
    'does the warranty cover my laptop',
    'warranty length for a washing machine',
    'when does my warranty end',
    'how long does the guarantee last',
  ],
  refund: [
    'when do i get my money back',
    'how long does a refund take',
    'i want a refund',
    'refund for my returned order',
    'where is my refund',
    'how do refunds work',
    'can i get my money back',
    'refund time for a return',
  ],
  hours: [
    'when are you open',
    'what are your opening hours',
    'are you open on friday',
    'what time do you close',
    'opening times of the shop',
    'are you open today',
    'hours of the branch',
    'what time do you open tomorrow',
  ],
};
const OUT_OF_SCOPE = [
  'what is the capital of france',
  'play some jazz music',
  'how tall is mount everest',
  'tell me a joke about cats',
  'what is the weather in paris',
  'who won the football match',
];

function writeSet(dir: string, withOutOfScope: boolean): string {
  const lines: string[] = [];
  for (const [intent, texts] of Object.entries(INTENTS)) {
    texts.forEach((text, index) =>
      lines.push(
        JSON.stringify({ text, intent, split: index < 5 ? 'train' : index < 6 ? 'val' : 'test' }),
      ),
    );
  }
  if (withOutOfScope)
    OUT_OF_SCOPE.forEach((text, index) =>
      lines.push(JSON.stringify({ text, intent: 'oos', split: index < 2 ? 'val' : 'test' })),
    );
  const file = path.join(dir, withOutOfScope ? 'with-oos.jsonl' : 'no-oos.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n{"text": "broken line"\n`);
  return file;
}

describe('aftercare eval', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'aftercare-eval-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await evalCommand(args, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  it('prints one JSON object with every key, rates as fractions', async () => {
    const { code, stdout, stderr } = await run(['--data', writeSet(dir, true), '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of [
      'inScopeAccuracy',
      'inScopeAccuracyAtThreshold',
      'oosRecall',
      'oosPrecision',
      'threshold',
      'trainSeconds',
      'meanMs',
      'p99Ms',
      'peakRssMb',
      'trainCount',
      'testCount',
    ]) {
      expect(result).toHaveProperty(key);
    }
    for (const key of [
      'inScopeAccuracy',
      'inScopeAccuracyAtThreshold',
      'oosRecall',
      'oosPrecision',
      'threshold',
    ]) {
      expect(result[key]).toEqual(expect.any(Number));
      expect(result[key] as number).toBeGreaterThanOrEqual(0);
      expect(result[key] as number).toBeLessThanOrEqual(1);
    }
    expect(result.trainCount).toBe(15);
    expect(result.testCount).toBe(6 + 4);
    expect(result.thresholdSource).toBe('val');
    expect(result.inScopeAccuracy as number).toBeGreaterThanOrEqual(4 / 6);
    expect(stderr).toContain('line 31: not valid JSON');
  });

  it('trains on the first K per intent with --shots and reports null OOS rates without oos rows', async () => {
    const { code, stdout } = await run(['--data', writeSet(dir, false), '--shots', '2', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result.trainCount).toBe(6);
    expect(result.oosRecall).toBeNull();
    expect(result.oosPrecision).toBeNull();
    expect(result.thresholdSource).toBe('default');
  });

  it('prints a readable report with a bot.config.json suggestion', async () => {
    const { code, stdout } = await run(['--data', writeSet(dir, true)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/in-scope accuracy +\d+\.\d %/);
    expect(stdout).toContain('chosen on val');
    expect(stdout).toMatch(/"thresholds": \{ "answer": [\d.]+, "clarify": [\d.]+ \}/);
  });

  it('explains what is wrong with the arguments or the file', async () => {
    expect((await run([])).stderr).toContain('--data FILE.jsonl is required');
    expect((await run(['--data', writeSet(dir, true), '--shots', 'five'])).code).toBe(2);
    const missing = await run(['--data', path.join(dir, 'missing.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });
});

describe('dataset helpers', () => {
  it('reports bad lines with their number and keeps the good ones', () => {
    const { rows, errors } = parseDataset(
      '{"text":"a","intent":"x","split":"train"}\n\n{"text":"b","intent":"x","split":"dev"}\nnot json\n',
    );
    expect(rows).toHaveLength(1);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 3: split/);
    expect(errors[1]).toBe('line 4: not valid JSON');
  });

  it('takes the first K rows of each intent in file order', () => {
    const rows = ['a', 'b', 'a', 'a', 'b'].map((intent, index) => ({
      text: String(index),
      intent,
      split: 'train' as const,
    }));
    expect(takeShots(rows, 2).map((row) => row.text)).toEqual(['0', '1', '2', '4']);
  });
});

describe('thresholds', () => {
  const query = (
    score: number,
    correct: boolean,
    outOfScope = false,
    goldRank: number | null = correct ? 0 : 1,
  ): ScoredQuery => ({ score, correct, outOfScope, goldRank: outOfScope ? null : goldRank });
  const queries = [
    query(0.9, true),
    query(0.8, true),
    query(0.7, false),
    query(0.6, true),
    query(0.5, false, true),
    query(0.3, false, true),
    query(0.65, false, true),
  ];

  it('chooses the threshold that balances in-scope accuracy and out-of-scope recall', () => {
    // At 0.8: 2 of 4 in-scope right, all 3 out-of-scope rejected: mean 0.75. At 0.6 (3 of 4 right,
    // 2 of 3 rejected) the mean is 0.71; at 0.7 it ties 0.75 and the higher threshold is kept.
    expect(chooseThreshold(queries)).toBe(0.8);
    expect(chooseThreshold(queries.filter((entry) => !entry.outOfScope))).toBeNull();
  });

  it('computes the rates at a threshold', () => {
    const rates = ratesAt(queries, 0.6);
    expect(rates.inScopeAccuracy).toBe(0.75);
    expect(rates.oosRecall).toBeCloseTo(2 / 3);
    expect(rates.oosPrecision).toBe(1);
  });

  it('suggests an answer threshold by precision when there is no out-of-scope data', () => {
    // Answered at ≥ 0.7 are all right (precision ≥ 0.95); at 0.5 it would drop to 3 of 4.
    // The band keeps at least half useful down to 0.15 (2 of 4 have the answer in the top 3).
    const inScope = [
      query(0.9, true),
      query(0.8, true),
      query(0.7, true),
      query(0.5, false, false, 1),
      query(0.4, false, false, 2),
      query(0.2, false, false, null),
      query(0.15, false, false, null),
      query(0.1, false, false, null),
    ];
    expect(suggestThresholds(inScope, null)).toEqual({ answer: 0.7, clarify: 0.15 });
    expect(suggestThresholds(inScope, 0.45)).toEqual({ answer: 0.45, clarify: 0.2 });
    expect(suggestThresholds([], null)).toBeNull();
  });
});
