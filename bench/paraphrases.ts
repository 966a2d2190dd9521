/**
 * `npm run bench:paraphrases`: the shipped knowledge, trained as the bot trains it (synonyms
 * included), against the paraphrases in test/data/paraphrases (written apart from the variants the
 * bot learns from). Each question is a customer's first message, decided as the pipeline decides
 * it (src/core/pipeline/respond.ts) with the thresholds of bot.config.json:
 *
 * - right: answered (top score ≥ `answer`) with the expected entry;
 * - wrong: answered with another entry — the costly mistake;
 * - clarify (right among the choices / not): a "did you mean" — neither right nor wrong;
 * - fallback: "please rephrase" (a second one hands off) — neither right nor wrong.
 *
 * Options: --dir PATH (another folder of paraphrase files, e.g. test/data/heldout; default
 *          test/data/paraphrases)   --files a,b (only files whose name contains one of these)
 *          --show (list what is not right)
 *          --answer T --clarify T (other thresholds than bot.config.json's, to see what they would do)
 *          --engine '{"termWeighting":"classes"}' (EngineOptions of an engine variant to try)
 *          --vectors none (without the English word vectors the bot ships with)
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config';
import { loadKnowledge } from '../src/config/load-knowledge';
import { wordVectorsFor } from '../src/config/load-word-vectors';
import { createBrain } from '../src/core/brain';
import { createEngineMatcher, type EngineOptions } from '../src/core/matching/engine';

const OUTCOMES = ['right', 'wrong', 'clarify-right', 'clarify-other', 'fallback'] as const;
type Outcome = (typeof OUTCOMES)[number];

interface Paraphrase {
  readonly text: string;
  readonly label: string;
  readonly locale: string;
}

const root = path.resolve(__dirname, '..');
const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

function main(): void {
  const config = loadConfig({ rootDir: root, env: {} });
  const { knowledge } = loadKnowledge({
    rootDir: root,
    knowledgeDir: config.knowledgeDir,
    intentsDir: config.intentsDir,
    locales: config.locales,
  });
  const engine: EngineOptions = {
    wordVectors: option('vectors') === 'none' ? undefined : wordVectorsFor(config.locales),
    ...(JSON.parse(option('engine') ?? '{}') as EngineOptions),
  };
  const brain = createBrain(knowledge, {
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    createMatcher: (examples) => createEngineMatcher(examples, engine),
  });
  const only = option('files')?.split(',');
  const dir = path.resolve(root, option('dir') ?? 'test/data/paraphrases');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .filter((name) => only === undefined || only.some((part) => name.includes(part)));
  const threshold = (name: string, configured: number) => {
    const value = option(name);
    if (value === undefined) return configured;
    const parsed = Number(value);
    if (!(parsed >= 0 && parsed <= 1)) throw new Error(`--${name} takes a number from 0 to 1`);
    return parsed;
  };
  const answer = threshold('answer', config.thresholds.answer);
  const clarify = Math.min(answer, threshold('clarify', config.thresholds.clarify));
  const { choiceRatio } = config.thresholds;
  const counts = new Map<string, Map<Outcome, number>>();
  const misses: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const question = JSON.parse(line) as Paraphrase;
      const candidates = brain.matcher.match(question.text, { locale: question.locale, limit: 5 });
      const top = candidates[0];
      let outcome: Outcome = 'fallback';
      if (top && top.score >= answer) outcome = top.label === question.label ? 'right' : 'wrong';
      else if (top && top.score >= clarify)
        outcome = candidates
          .filter((c) => c.score >= clarify && c.score >= top.score * choiceRatio)
          .slice(0, 3)
          .some((c) => c.label === question.label)
          ? 'clarify-right'
          : 'clarify-other';
      for (const key of [question.locale, 'all']) {
        const row = counts.get(key) ?? new Map<Outcome, number>();
        row.set(outcome, (row.get(outcome) ?? 0) + 1);
        counts.set(key, row);
      }
      if (outcome !== 'right')
        misses.push(
          `${outcome}\t${question.locale}\t${question.label}\t${question.text}\t→ ${candidates
            .slice(0, 2)
            .map((c) => `${c.label} ${c.score.toFixed(2)}`)
            .join(', ')}`,
        );
    }
  }
  const lines = [
    `Paraphrases in ${path.relative(root, dir)}: ${files.join(', ')}; thresholds answer ${answer}, clarify ${clarify}`,
    '',
    `| locale | questions | ${OUTCOMES.join(' | ')} |`,
    `| --- | ---: | ${OUTCOMES.map(() => '---:').join(' | ')} |`,
  ];
  for (const [locale, row] of [...counts].sort(([a], [b]) =>
    a === 'all' ? 1 : b === 'all' ? -1 : 0,
  )) {
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    lines.push(
      `| ${locale} | ${total} | ${OUTCOMES.map((o) => `${(((row.get(o) ?? 0) / total) * 100).toFixed(1)} %`).join(' | ')} |`,
    );
  }
  if (process.argv.includes('--show')) lines.push('', ...misses);
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
