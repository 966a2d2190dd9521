import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWarrantyRules, warrantyFiles } from '../../../src/config/load-warranty';
import { KnowledgeError, formatProblem } from '../../../src/config/located-error';
import { warrantyStatus } from '../../../src/core/warranty/engine';
import { warrantyMessageKeys } from '../../../src/core/warranty/message-keys';
import { locales, repoRoot, sampleRules, unit } from './fixtures';

describe('the shipped warranty rules', () => {
  const loaded = loadWarrantyRules({
    rootDir: repoRoot,
    knowledgeDir: 'knowledge',
    locales,
    defaultLocale: 'en',
  });
  const rules = loaded.rules;
  const on = (date: string) => ({ on: date, timeZone: 'Asia/Tehran' });

  test('load without errors or warnings: every text exists in all six languages', () => {
    expect(loaded.warnings.map(formatProblem)).toEqual([]);
    for (const key of warrantyMessageKeys)
      expect(Object.keys(rules.messages[key]).sort()).toEqual([...locales].sort());
    for (const exclusion of rules.exclusions)
      expect(Object.keys(exclusion.text).sort()).toEqual([...locales].sort());
  });

  test('express the sample service line: categories, periods, start dates, part classes', () => {
    const summary = Object.values(rules.categories).map((category) => [
      category.id,
      category.months,
      category.from,
      category.parts.map((part) => `${part.part}:${part.months}`),
    ]);
    expect(summary).toEqual([
      ['phone', 24, 'purchase', ['battery:6']],
      ['laptop', 24, 'purchase', ['battery:6']],
      ['washing-machine', 24, 'delivery', ['motor:60']],
      ['air-conditioner', 18, 'delivery', ['compressor:36']],
    ]);
    // On-site visits only for washing machines and air conditioners.
    expect(Object.values(rules.categories).map((category) => category.covers.onSite)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  test('plans, the EU minimum, exclusions and terms agree with docs/sample-service-line.md', () => {
    expect(rules.plans['care-plus']).toMatchObject({
      addsMonths: 12,
      buyWithinMonths: 12,
      maintenance: { discountPercent: 20, freeVisitsPerYear: 0 },
      alsoCovers: [],
    });
    expect(rules.plans['care-premium']).toMatchObject({
      addsMonths: 24,
      buyWithinMonths: 12,
      maintenance: { discountPercent: 0, freeVisitsPerYear: 1 },
      alsoCovers: ['onSite'],
    });
    expect(rules.regions.eu).toMatchObject({ statutoryMonths: 24 });
    expect(rules.exclusions.map((exclusion) => exclusion.id)).toEqual([
      'liquid-damage',
      'physical-damage',
      'unauthorised-repair',
      'commercial-use',
      'consumables',
    ]);
    expect(rules.terms).toMatchObject({ proofOfPurchaseRequired: true, transfersOnResale: true });
  });

  test("every model's example serial fits its own pattern", () => {
    for (const model of Object.values(rules.models))
      expect(model.serial.pattern.test(model.serial.example.replace(/-/g, ''))).toBe(true);
  });

  test('an air conditioner in the EU is covered 24 months from installation, its compressor 36', () => {
    const ac = unit({
      serial: 'AC1224100039',
      model: 'breeze-12',
      purchaseDate: '2024-09-20',
      deliveryDate: '2024-10-01',
      region: 'eu',
    });
    const status = warrantyStatus(ac, rules, on('2026-06-02'));
    expect(status).toMatchObject({ covered: true, until: '2026-10-01', coveredBy: 'statutory-eu' });
    expect(status.parts).toEqual([
      {
        part: 'compressor',
        covered: true,
        until: '2027-10-01',
        coveredBy: 'air-conditioner/compressor',
      },
    ]);
  });
});

describe('loading errors name file:line:field and say how to fix it', () => {
  function tempKnowledge(edit: (dir: string) => void): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'aftercare-warranty-'));
    cpSync(path.join(repoRoot, 'knowledge/warranty'), path.join(root, 'knowledge/warranty'), {
      recursive: true,
    });
    edit(path.join(root, 'knowledge/warranty'));
    return root;
  }
  function problems(root: string): string[] {
    try {
      loadWarrantyRules({ rootDir: root, knowledgeDir: 'knowledge', locales, defaultLocale: 'en' });
    } catch (error) {
      if (error instanceof KnowledgeError) return error.problems.map(formatProblem);
      throw error;
    }
    return [];
  }
  const replaceIn = (dir: string, file: string, from: string, to: string): void => {
    const full = path.join(dir, file);
    const text = readFileSync(full, 'utf8');
    if (!text.includes(from)) throw new Error(`fixture: "${from}" not in ${file}`);
    writeFileSync(full, text.replace(from, to));
  };
  const lineOf = (root: string, file: string, needle: string): number =>
    readFileSync(path.join(root, 'knowledge/warranty', file), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(needle)) + 1;

  test('a misspelled key is reported at its line', () => {
    const root = tempKnowledge((dir) =>
      replaceIn(dir, 'products.yaml', '    months: 18\n', '    monhts: 18\n'),
    );
    expect(problems(root)).toContainEqual(
      `knowledge/warranty/products.yaml:${lineOf(root, 'products.yaml', 'monhts')}: categories.air-conditioner.monhts: unknown key "monhts"; remove it or fix its spelling`,
    );
  });

  test('an example serial that does not fit its pattern', () => {
    const root = tempKnowledge((dir) =>
      replaceIn(dir, 'products.yaml', 'example: "NV12-2301-4567"', 'example: "NV12-2301-456"'),
    );
    const [problem] = problems(root);
    expect(problem).toMatch(
      new RegExp(
        `^knowledge/warranty/products.yaml:${lineOf(root, 'products.yaml', 'NV12-2301-456"')}: categories.phone.models\\[0\\].serial.example: "NV12-2301-456" does not fit the pattern`,
      ),
    );
  });

  test('an invalid regular expression, an unknown part, a missing default region, all in one pass', () => {
    const root = tempKnowledge((dir) => {
      replaceIn(dir, 'products.yaml', 'pattern: "SL16[0-9]{8}"', 'pattern: "SL16[0-9{8}"');
      replaceIn(dir, 'products.yaml', '      motor: { months: 60 }', '      drum: { months: 60 }');
      replaceIn(
        dir,
        'plans.yaml',
        '    alsoCovers: [onSite]',
        '    alsoCovers: [onSite]\n    categories: [phone]',
      );
      replaceIn(dir, 'regions.yaml', 'defaultRegion: ir', 'defaultRegion: us');
    });
    // Three problems, no more: a broken products.yaml does not make the plans' categories "unknown".
    expect(problems(root)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^knowledge/warranty/products.yaml:${lineOf(root, 'products.yaml', 'SL16[0-9{8}')}: categories.laptop.models\\[1\\].serial.pattern: not a valid regular expression`,
        ),
      ),
      `knowledge/warranty/products.yaml:${lineOf(root, 'products.yaml', 'drum:')}: categories.washing-machine.parts.drum: unknown part "drum"; add it under parts: with a name per locale`,
      `knowledge/warranty/regions.yaml:${lineOf(root, 'regions.yaml', 'defaultRegion: us')}: defaultRegion: "us" is not listed under regions; add it or pick one of ir, eu`,
    ]);
  });

  test('a plan for a category that products.yaml does not have', () => {
    const root = tempKnowledge((dir) =>
      replaceIn(
        dir,
        'plans.yaml',
        '    alsoCovers: [onSite]',
        '    alsoCovers: [onSite]\n    categories: [phone, fridge]',
      ),
    );
    expect(problems(root)).toEqual([
      `knowledge/warranty/plans.yaml:${lineOf(root, 'plans.yaml', 'fridge')}: plans[1].categories[1]: unknown category "fridge"; use one of phone, laptop, washing-machine, air-conditioner (products.yaml)`,
    ]);
  });

  test('an order number format that overlaps a serial format', () => {
    const root = tempKnowledge((dir) =>
      replaceIn(
        dir,
        'products.yaml',
        'orderNumber: { pattern: "ORD[0-9]{6}", example: "ORD-240517" }',
        'orderNumber: { pattern: "[A-Z]{2}[0-9]{10}", example: "NV12-2301-4567" }',
      ),
    );
    expect(problems(root)).toContainEqual(
      expect.stringMatching(
        /: orderNumber.pattern: order numbers also fit the serial pattern of "nova-12"; make the formats distinct$/,
      ),
    );
  });

  test('two models whose serial formats overlap', () => {
    const root = tempKnowledge((dir) =>
      replaceIn(dir, 'products.yaml', 'pattern: "NP12[0-9]{8}"', 'pattern: "N[VP]12[0-9]{8}"'),
    );
    expect(problems(root)).toContainEqual(
      expect.stringMatching(
        /categories.phone.models\[0\].serial.pattern: serials of "nova-12" also fit the pattern of "nova-12-pro"/,
      ),
    );
  });

  test('a typo in a placeholder and a missing message', () => {
    const root = tempKnowledge((dir) => {
      replaceIn(
        dir,
        'messages.yaml',
        'is under warranty until **{until}** ({daysLeft} left)."',
        'is under warranty until **{untill}** ({daysLeft} left)."',
      );
      replaceIn(dir, 'messages.yaml', 'transfer:\n', 'transfers:\n');
    });
    const found = problems(root);
    expect(found).toContainEqual(
      `knowledge/warranty/messages.yaml:${lineOf(root, 'messages.yaml', '{untill}')}: covered.en: unknown placeholder {untill}; use {model}, {serial}, {until}, {daysLeft}`,
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^knowledge\/warranty\/messages.yaml:\d+: transfers: unknown message "transfers"/,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^knowledge\/warranty\/messages.yaml:\d+: transfer: message "transfer" is missing; add it with a text per locale/,
      ),
    );
  });

  test('a missing file and broken YAML are both reported, not only the first', () => {
    const root = tempKnowledge((dir) => {
      writeFileSync(
        path.join(dir, 'terms.yaml'),
        'proofOfPurchase:\n  required: true\n documents: x\n',
      );
      writeFileSync(path.join(dir, 'exclusions.yaml.bak'), '');
      replaceIn(dir, 'regions.yaml', 'ir:', 'ir:');
    });
    writeFileSync(path.join(root, 'knowledge/warranty/plans.yaml'), 'plans: [');
    const found = problems(root);
    expect(found.some((problem) => problem.startsWith('knowledge/warranty/terms.yaml:3:'))).toBe(
      true,
    );
    expect(found.some((problem) => problem.startsWith('knowledge/warranty/plans.yaml:'))).toBe(
      true,
    );
  });

  test('a file that does not exist says which and that all are required', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'aftercare-warranty-empty-'));
    const found = problems(root);
    expect(found).toHaveLength(warrantyFiles.length);
    expect(found[0]).toMatch(
      /^knowledge\/warranty\/products.yaml: cannot read \(ENOENT\); every warranty file is required/,
    );
  });

  test('a locale without a text is a warning, and the default locale is used', () => {
    const root = tempKnowledge((dir) =>
      replaceIn(dir, 'exclusions.yaml', '      ta: திரவங்களால்', '      # ta: திரவங்களால்'),
    );
    const loaded = loadWarrantyRules({
      rootDir: root,
      knowledgeDir: 'knowledge',
      locales,
      defaultLocale: 'en',
    });
    expect(loaded.warnings.map(formatProblem)).toEqual([
      'knowledge/warranty/exclusions.yaml: exclusions[0].text.ta: no "ta" text; the en text is used',
    ]);
  });
});

test('sampleRules is the shipped file set (guards the fixture itself)', () => {
  expect(Object.keys(sampleRules().models)).toHaveLength(8);
});
