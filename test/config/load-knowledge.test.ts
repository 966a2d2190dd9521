/**
 * The knowledge loader's errors: each names the file (relative to the project root), the line and
 * the field, and says how to fix it. Every case copies the valid fixture and breaks one file, so
 * the problem asserted is the only one. Line numbers are counted in the texts below.
 */
import { formatProblem, type Problem } from '../../src/config/located-error';
import { requiredMessageKeys } from '../../src/core/knowledge/message-keys';
import { fixtureLocales, knowledgeTree, loadTree, problemsOf } from '../helpers/knowledge-tree';
import { fixture } from '../helpers/paths';
import { removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

/** The one problem a broken tree reports, with everything but the message compared exactly. */
function onlyProblem(files: Record<string, string>): Problem {
  const problems = problemsOf(knowledgeTree(files));
  expect(problems.map(formatProblem)).toHaveLength(1);
  return problems[0]!;
}

describe('the valid fixture', () => {
  it('loads without problems or warnings, so each case below fails for its own reason only', () => {
    const loaded = loadTree(knowledgeTree());
    expect(loaded.knowledge.faqs.map((faq) => faq.id)).toEqual(['delivery-time', 'store-hours']);
    expect(loaded.knowledge.intents.map((intent) => intent.id)).toEqual(['greeting']);
    expect(loaded.knowledge.branches.map((branch) => branch.phone)).toEqual([
      '021-66097851',
      '021-66097859',
    ]);
    expect(loaded.warnings).toEqual([]);
  });
});

describe('FAQ front matter', () => {
  it('bad YAML indentation names the file and the misindented line', () => {
    const problem = onlyProblem({
      'knowledge/faq/bad-indent.md': [
        '---', //                        1
        'id: bad-indent', //             2
        'questions:', //                 3
        '  en:', //                      4
        '    - How do I reset it?', //   5
        '   fa:', //                     6: one space short
        '    - چطور ریست کنم؟', //       7
        '---', //                        8
        '', //                           9
        '## en', //                     10
        'Hold the button.', //          11
        '', //                          12
        '## fa', //                     13
        'دکمه را نگه دارید.', //        14
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/bad-indent.md', line: 6, field: '' });
    expect(problem.message).toMatch(/indentation/);
  });

  it('a tab used for indentation is reported at its line', () => {
    const problem = onlyProblem({
      'knowledge/faq/tabbed.md': [
        '---',
        'id: tabbed',
        'questions:',
        '\ten: [Why tabs?]',
        '---',
        '## en',
        'Spaces only.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/tabbed.md', line: 4, field: '' });
    expect(problem.message).toMatch(/[Tt]ab/);
  });

  it('a missing closing --- points at the opening line and says what to add', () => {
    const problem = onlyProblem({
      'knowledge/faq/unclosed.md': [
        '---', //                            1: opened, never closed
        'id: unclosed', //                   2
        'questions:', //                     3
        '  en: [Is this closed?]', //        4
        '', //                               5
        '## en', //                          6
        'No.', //                            7
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/unclosed.md', line: 1, field: '' });
    expect(problem.message).toMatch(/not closed.*"---"/);
  });

  it('a file without front matter is reported at line 1', () => {
    const problem = onlyProblem({ 'knowledge/faq/no-front-matter.md': '## en\nJust an answer.\n' });
    expect(problem).toMatchObject({ file: 'knowledge/faq/no-front-matter.md', line: 1, field: '' });
    expect(problem.message).toMatch(/front matter missing/);
  });

  it('an unknown (misspelled) key is named, at its own line', () => {
    const problem = onlyProblem({
      'knowledge/faq/misspelled.md': [
        '---', //                              1
        'id: misspelled', //                   2
        'questions:', //                       3
        '  en: [Is this spelled right?]', //   4
        '  fa: [درست نوشته شده؟]', //          5
        'tags: [test]', //                     6
        'followUp: [store-hours]', //          7: followUps
        '---',
        '## en',
        'No.',
        '## fa',
        'نه.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({
      file: 'knowledge/faq/misspelled.md',
      line: 7,
      field: 'followUp',
    });
    expect(problem.message).toBe('unknown key "followUp"; remove it or fix its spelling');
  });

  it('a missing required field (questions) is named', () => {
    const problem = onlyProblem({
      'knowledge/faq/no-questions.md': [
        '---',
        'id: no-questions',
        'tags: [test]',
        '---',
        '## en',
        'An answer nobody can ask for.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/no-questions.md', field: 'questions' });
    expect(problem.line).toBe(2);
    expect(problem.message).toMatch(/required field is missing/);
  });

  it('an empty question list and an empty question are named with their index', () => {
    const problems = problemsOf(
      knowledgeTree({
        'knowledge/faq/empty-questions.md': [
          '---', //                   1
          'id: empty-questions', //   2
          'questions:', //            3
          '  en:', //                 4
          '    - Fine question?', //  5
          "    - '   '", //           6
          '  fa: []', //              7
          '---',
          '## en',
          'A.',
          '## fa',
          'ب.',
          '',
        ].join('\n'),
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'knowledge/faq/empty-questions.md',
        line: 6,
        field: 'questions.en[1]',
        message: 'must not be empty',
      }),
      expect.objectContaining({
        file: 'knowledge/faq/empty-questions.md',
        line: 7,
        field: 'questions.fa',
        message: 'give at least one sentence',
      }),
    ]);
  });
});

describe('FAQ answers', () => {
  it('questions in a locale without its "## <locale>" section: missing answer at that locale\'s questions', () => {
    const problem = onlyProblem({
      'knowledge/faq/no-persian-answer.md': [
        '---', //                                1
        'id: no-persian-answer', //              2
        'questions:', //                         3
        '  en: [Where is the Persian answer?]', // 4
        '  fa:', //                              5
        '    - پاسخ فارسی کجاست؟', //            6
        '---', //                                7
        '', //                                   8
        '## en', //                              9
        'Here, in English only.', //            10
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({
      file: 'knowledge/faq/no-persian-answer.md',
      line: 5,
      field: 'answer.fa',
    });
    expect(problem.message).toMatch(/missing answer.*"## fa"/);
  });

  it('an empty answer is reported at its heading', () => {
    const problem = onlyProblem({
      'knowledge/faq/empty-answer.md': [
        '---', //                           1
        'id: empty-answer', //              2
        'questions:', //                    3
        '  en: [Is this answered?]', //     4
        '  fa: [جواب داده شده؟]', //        5
        '---', //                           6
        '', //                              7
        '## en', //                         8
        'Yes.', //                          9
        '', //                             10
        '## fa', //                        11: nothing below
        '',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({
      file: 'knowledge/faq/empty-answer.md',
      line: 11,
      field: 'answer.fa',
    });
    expect(problem.message).toMatch(/empty/);
  });

  it('a second section for the same locale is reported at the second heading', () => {
    const problem = onlyProblem({
      'knowledge/faq/twice.md': [
        '---',
        'id: twice',
        'questions:',
        '  en: [Twice?]',
        '---',
        '## en',
        'Once.',
        '## en',
        'Twice.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/twice.md', line: 8, field: 'answer.en' });
  });

  it('text before the first heading is reported at its line', () => {
    const problem = onlyProblem({
      'knowledge/faq/stray.md': [
        '---',
        'id: stray',
        'questions:',
        '  en: [Stray?]',
        '---',
        '',
        'Stray text.',
        '## en',
        'Answer.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/stray.md', line: 7, field: 'answer' });
  });
});

describe('ids and references', () => {
  it('an FAQ id that differs from its file name is reported at the id line', () => {
    const problem = onlyProblem({
      'knowledge/faq/opening-times.md': [
        '---', //                           1
        'tags: [hours]', //                 2
        'id: opening-hours', //             3
        'questions:',
        '  en: [When do you open?]',
        '---',
        '## en',
        'At eight.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'knowledge/faq/opening-times.md', line: 3, field: 'id' });
    expect(problem.message).toBe(
      'id "opening-hours" differs from the file name "opening-times"; rename one so they match',
    );
  });

  it('an intent id that differs from its file name is reported at the id line (line 1 of a YAML file)', () => {
    const problem = onlyProblem({
      'intents/welcome.yaml': [
        'id: hello',
        'action: reply',
        'utterances:',
        '  en: [Welcome]',
        'responses:',
        '  en: Welcome!',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'intents/welcome.yaml', line: 1, field: 'id' });
  });

  it('an id used twice (an FAQ entry and an intent) is reported at the second, naming the first', () => {
    const problem = onlyProblem({
      'intents/store-hours.yaml': [
        'action: reply', //             1
        'tags: [hours]', //             2
        'id: store-hours', //           3
        'utterances:',
        '  en: [Are you open?]',
        'responses:',
        '  en: Yes.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'intents/store-hours.yaml', line: 3, field: 'id' });
    expect(problem.message).toMatch(/already used by knowledge\/faq\/store-hours\.md/);
  });

  it('an unknown follow-up is named at the followUps line', () => {
    const problem = onlyProblem({
      'knowledge/faq/delivery-time.md': [
        '---', //                               1
        'id: delivery-time', //                 2
        'tags: [delivery]', //                  3
        'questions:', //                        4
        '  en:', //                             5
        '    - How long does delivery take?', // 6
        '  fa:', //                             7
        '    - ارسال چقدر طول می‌کشد؟', //      8
        'followUps: [store-hours, shipping-cost]', // 9
        '---',
        '## en',
        'Two to four days.',
        '## fa',
        'دو تا چهار روز.',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({
      file: 'knowledge/faq/delivery-time.md',
      line: 9,
      field: 'followUps',
    });
    expect(problem.message).toMatch(/"shipping-cost" is neither an FAQ entry nor an intent/);
  });
});

describe('intents', () => {
  it('a reply intent without a response for a locale it has utterances in', () => {
    const problem = onlyProblem({
      'intents/thanks.yaml': [
        'id: thanks', //                   1
        'action: reply', //                2
        'utterances:', //                  3
        '  en: [Thanks, Thank you]', //    4
        '  fa: [ممنون, مرسی]', //          5
        'responses:', //                   6
        "  en: You're welcome.", //        7
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'intents/thanks.yaml', line: 6, field: 'responses.fa' });
    expect(problem.message).toMatch(/needs a "fa" response/);
  });

  it('a handoff intent with no responses at all: one problem per locale', () => {
    const problems = problemsOf(
      knowledgeTree({
        'intents/ask-human.yaml': [
          'id: ask-human',
          'action: handoff',
          'utterances:',
          '  en: [A person please]',
          '  fa: [اپراتور]',
          '',
        ].join('\n'),
      }),
    );
    expect(problems.map((problem) => [problem.file, problem.field])).toEqual([
      ['intents/ask-human.yaml', 'responses.en'],
      ['intents/ask-human.yaml', 'responses.fa'],
    ]);
  });

  it('an unknown action lists the allowed ones', () => {
    const problem = onlyProblem({
      'intents/dance.yaml': [
        'id: dance',
        'action: dance',
        'utterances:',
        '  en: [Dance!]',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({ file: 'intents/dance.yaml', line: 2, field: 'action' });
    expect(problem.message).toMatch(/reply.*handoff/);
  });
});

describe('branches.yaml', () => {
  it('a bad phone number is named with the branch index, at its line', () => {
    const problem = onlyProblem({
      'knowledge/branches.yaml': [
        'branches:', //                                        1
        '  - id: head-office', //                              2
        '    kind: head-office', //                            3
        '    name: { en: Head Office, fa: دفتر مرکزی }', //     4
        '    phone: "021-66097851"', //                        5
        '  - id: repair-centre', //                            6
        '    kind: repair-centre', //                          7
        '    name: { en: Repair Centre, fa: مرکز تعمیرات }', // 8
        '    phone: call us', //                               9
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({
      file: 'knowledge/branches.yaml',
      line: 9,
      field: 'branches[1].phone',
    });
    expect(problem.message).toMatch(/phone number/);
  });

  it('an unknown branch kind is named', () => {
    const problem = onlyProblem({
      'knowledge/branches.yaml': [
        'branches:',
        '  - id: kiosk',
        '    kind: kiosk',
        '    name: { en: Kiosk }',
        '    phone: "021-1234"',
        '',
      ].join('\n'),
    });
    expect(problem).toMatchObject({
      file: 'knowledge/branches.yaml',
      line: 3,
      field: 'branches[0].kind',
    });
  });
});

describe('messages.yaml', () => {
  it('every missing required message is named, not only the first', () => {
    const problems = problemsOf(
      knowledgeTree({ 'knowledge/messages.yaml': 'fallback: { en: Sorry. }\n' }),
    );
    expect(
      problems.every(
        (problem) =>
          problem.file === 'knowledge/messages.yaml' &&
          /required message is missing/.test(problem.message),
      ),
    ).toBe(true);
    expect(problems.map((problem) => problem.field)).toEqual(
      requiredMessageKeys.filter((key) => key !== 'fallback'),
    );
  });
});

describe('collecting every problem', () => {
  it('reports every problem in every file in one pass, not only the first', () => {
    const problems = problemsOf(
      knowledgeTree({
        'knowledge/faq/unclosed.md': [
          '---',
          'id: unclosed',
          'questions:',
          '  en: [Closed?]',
          '',
        ].join('\n'),
        'knowledge/faq/misspelled.md': [
          '---',
          'id: misspelled',
          'questions:',
          '  en: [Spelled?]',
          'tagz: [x]',
          'followUp: [x]',
          '---',
          '## en',
          'No.',
          '',
        ].join('\n'),
        'knowledge/faq/delivery-time.md': [
          '---',
          'id: delivery-time',
          'questions:',
          '  en: [Delivery?]',
          'followUps: [nowhere]',
          '---',
          '## en',
          'Soon.',
          '',
        ].join('\n'),
        'intents/thanks.yaml': [
          'id: thanks',
          'action: reply',
          'utterances:',
          '  en: [Thanks]',
          'responses:',
          '  fa: خواهش می‌کنم',
          '',
        ].join('\n'),
        'knowledge/branches.yaml': [
          'branches:',
          '  - id: head-office',
          '    kind: head-office',
          '    name: { en: HQ }',
          '    phone: none',
          '',
        ].join('\n'),
      }),
    );
    expect(
      problems.map((problem) => `${problem.file}:${problem.line}:${problem.field}`).sort(),
    ).toEqual(
      [
        'intents/thanks.yaml:5:responses.en',
        'knowledge/branches.yaml:5:branches[0].phone',
        'knowledge/faq/delivery-time.md:5:followUps',
        'knowledge/faq/misspelled.md:5:tagz',
        'knowledge/faq/misspelled.md:6:followUp',
        'knowledge/faq/unclosed.md:1:',
      ].sort(),
    );
  });

  it('the broken fixture (used by the check command test) has a problem in each of its broken files', () => {
    const problems = problemsOf(fixture('knowledge-broken'), fixtureLocales);
    const files = new Set(problems.map((problem) => problem.file));
    expect([...files].sort()).toEqual([
      'intents/thanks.yaml',
      'knowledge/branches.yaml',
      'knowledge/faq/missing-answer.md',
      'knowledge/faq/misspelled-key.md',
      'knowledge/faq/unclosed.md',
    ]);
  });
});

describe('synonyms (knowledge/synonyms/<locale>.yaml)', () => {
  const file = (lines: string[]) => lines.join('\n') + '\n';

  it('loads per locale into the knowledge', () => {
    const loaded = loadTree(
      knowledgeTree({
        'knowledge/synonyms/en.yaml': file([
          'locale: en',
          'synonyms:',
          '  warranty: [guarantee, guaranty]',
        ]),
        'knowledge/synonyms/fa.yaml': file(['locale: fa', 'synonyms:', '  گارانتی: [ضمانت]']),
      }),
    );
    expect(loaded.knowledge.synonyms).toEqual({
      en: { warranty: ['guarantee', 'guaranty'] },
      fa: { گارانتی: ['ضمانت'] },
    });
    expect(loaded.warnings).toEqual([]);
  });

  it('a misspelled key is named at its line', () => {
    expect(problems(['locale: en', 'synonym:', '  warranty: [guarantee]'])).toEqual([
      'knowledge/synonyms/en.yaml:1: synonyms: required field is missing; add it (object)',
      'knowledge/synonyms/en.yaml:2: synonym: unknown key "synonym"; remove it or fix its spelling',
    ]);
  });

  it('a variant that is not a string, or an empty list, names the field and line', () => {
    expect(
      problems([
        'locale: en', //                     1
        'synonyms:', //                      2
        '  warranty: []', //                 3
        '  phone:', //                       4
        '    - mobile', //                   5
        '    - [cell]', //                   6
      ]),
    ).toEqual([
      'knowledge/synonyms/en.yaml:3: synonyms.warranty: list at least one variant, e.g. [guarantee]',
      'knowledge/synonyms/en.yaml:6: synonyms.phone[1]: expected string, got array',
    ]);
  });

  it('a variant under two words, a word listed as a variant, a folded duplicate, a part of the word are errors at their line', () => {
    expect(
      problems([
        'locale: en', //                                 1
        'synonyms:', //                                  2
        '  warranty: [guarantee, Warranty]', //          3
        '  assurance: [guarantee]', //                   4
        '  phone:', //                                   5
        '    - mobile', //                               6
        '    - assurance', //                            7
        '  washing machine: [washer, Machine]', //       8
      ]),
    ).toEqual([
      'knowledge/synonyms/en.yaml:3: synonyms.warranty[1]: "Warranty" is the word itself; remove it',
      'knowledge/synonyms/en.yaml:4: synonyms.assurance[0]: "guarantee" is already a variant of "warranty"; a variant can mean only one word',
      'knowledge/synonyms/en.yaml:7: synonyms.phone[1]: "assurance" is also a word of its own ("assurance"); list its variants under one word',
      'knowledge/synonyms/en.yaml:8: synonyms.washing machine[1]: "Machine" is part of "washing machine" itself, which would then be read twice; remove it',
    ]);
  });

  it('a file named for another locale is an error; an unconfigured locale is a warning', () => {
    expect(
      problemsOf(
        knowledgeTree({
          'knowledge/synonyms/en.yaml': file(['locale: fa', 'synonyms:', '  گارانتی: [ضمانت]']),
        }),
      ).map(formatProblem),
    ).toEqual([
      'knowledge/synonyms/en.yaml:1: locale: locale "fa" differs from the file name; name the file fa.yaml',
    ]);
    const loaded = loadTree(
      knowledgeTree({
        'knowledge/synonyms/de.yaml': file(['locale: de', 'synonyms:', '  garantie: [gewähr]']),
      }),
    );
    expect(loaded.warnings.map(formatProblem)).toEqual([
      'knowledge/synonyms/de.yaml:1: locale: "de" is not a configured locale (en, fa); these synonyms are unused',
    ]);
  });

  function problems(lines: string[]): string[] {
    return problemsOf(knowledgeTree({ 'knowledge/synonyms/en.yaml': file(lines) })).map(
      formatProblem,
    );
  }
});
