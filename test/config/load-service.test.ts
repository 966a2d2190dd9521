/**
 * knowledge/troubleshooting and knowledge/service: the shipped files load, and each kind of
 * mistake is reported with its file, line and field (and every problem at once).
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../../src/config/load-knowledge';
import { loadServiceRules } from '../../src/config/load-service';
import { loadWarrantyRules } from '../../src/config/load-warranty';
import { KnowledgeError, formatProblem } from '../../src/config/located-error';
import { repoRoot } from '../helpers/paths';
import { makeTempDir } from '../helpers/temp-dir';

const locales = ['en', 'fa', 'vi', 'el', 'sr', 'ta'];

function load(rootDir: string) {
  const dirs = { rootDir, knowledgeDir: 'knowledge', intentsDir: 'intents', locales };
  const warranty = loadWarrantyRules({ ...dirs, defaultLocale: 'en' }).rules;
  const branchIds = loadKnowledge(dirs).knowledge.branches.map((branch) => branch.id);
  return loadServiceRules(dirs, { warranty, branchIds });
}

function copyWith(edits: Readonly<Record<string, (text: string) => string>>): string {
  const rootDir = makeTempDir('aftercare-service-');
  for (const dir of ['knowledge', 'intents'])
    cpSync(path.join(repoRoot, dir), path.join(rootDir, dir), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(rootDir, file);
    writeFileSync(full, edit(readFileSync(full, 'utf8')));
  }
  return rootDir;
}

function problemsOf(rootDir: string): string[] {
  try {
    load(rootDir);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected the load to fail');
}

describe('service-case knowledge', () => {
  it('loads the shipped files without warnings: symptoms of four categories, cities, branches, return rules', () => {
    const { rules, warnings } = load(repoRoot);
    expect(warnings).toEqual([]);
    expect(new Set(rules?.symptoms.map((symptom) => symptom.category))).toEqual(
      new Set(['air-conditioner', 'laptop', 'phone', 'washing-machine']),
    );
    expect(rules?.symptoms.filter((symptom) => symptom.safety).map((s) => s.id)).toEqual([
      'gas-smell',
      'smoke',
    ]);
    expect(rules?.booking.cities.map((city) => city.id)).toContain('tehran');
    expect(rules?.booking.branches['repair-centre']?.carryIn?.capacity).toBe(3);
    expect(rules?.returns.rules.map((rule) => rule.days)).toEqual([14, 7, 30]);
  });

  it('names file:line:field of every problem, schema and references alike', () => {
    const rootDir = copyWith({
      'knowledge/troubleshooting/phone.yaml': (text) =>
        text.replace('exclusion: liquid-damage', 'exclusion: liquid-damagee'),
      'knowledge/troubleshooting/laptop.yaml': (text) =>
        text.replace('category: laptop', 'category: toaster'),
      'knowledge/service/booking.yaml': (text) =>
        text.replace('branches: [west, repair-centre]', 'branches: [westt, repair-centre]'),
      'knowledge/service/returns.yaml': (text) => text.replace('    days: 14', '    days: many'),
      'knowledge/service/messages.yaml': (text) => text.replace('slot-taken:', 'slot-takn:'),
    });
    const problems = problemsOf(rootDir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^knowledge\/troubleshooting\/phone\.yaml:13: symptoms\[0\]\.exclusion: "liquid-damagee" is not an exclusion/,
        ),
        expect.stringMatching(
          /^knowledge\/troubleshooting\/laptop\.yaml:2: category: category "toaster" differs from the file name/,
        ),
        expect.stringMatching(
          /^knowledge\/troubleshooting\/laptop\.yaml:2: category: "toaster" is not a category/,
        ),
        expect.stringMatching(
          /^knowledge\/service\/booking\.yaml:\d+: cities\[3\]\.branches\[0\]: "westt" is not a branch/,
        ),
        expect.stringMatching(
          /^knowledge\/service\/returns\.yaml:\d+: rules\[0\]\.days: expected number, got string/,
        ),
        expect.stringMatching(
          /^knowledge\/service\/messages\.yaml:1: slot-taken: required message is missing/,
        ),
      ]),
    );
  });

  it('a condition no rule takes needs a refusal reason; a slot schedule needs a valid time', () => {
    const rootDir = copyWith({
      'knowledge/service/returns.yaml': (text) => text.replace(/\n {2}used:\n( {4}.*\n)+/, '\n'),
      'knowledge/service/booking.yaml': (text) => text.replace('to: "17:00"', 'to: "25:00"'),
    });
    const problems = problemsOf(rootDir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^knowledge\/service\/returns\.yaml:\d+: refusals\.used: no rule accepts "used"/,
        ),
        expect.stringMatching(
          /^knowledge\/service\/booking\.yaml:\d+: branches\.repair-centre\.carryIn\.hours\[0\]\.to: a time is HH:MM/,
        ),
      ]),
    );
  });

  it('without knowledge/service there are no service cases (null), and that is not an error', () => {
    const rootDir = copyWith({});
    rmSync(path.join(rootDir, 'knowledge', 'service'), { recursive: true });
    expect(load(rootDir).rules).toBeNull();
  });
});
