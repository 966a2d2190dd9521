/**
 * `aftercare check [--dir D]`: exit 1 with one file:line line per problem on stderr for a broken
 * tree (test/fixtures/knowledge-broken), exit 0 on the fixture and on the shipped knowledge.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fixture, repoRoot } from '../helpers/paths';
import { knowledgeTree } from '../helpers/knowledge-tree';
import { runAftercare, stackTraceLine } from '../helpers/run-cli';
import { removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

describe('aftercare check', () => {
  it('fails on a broken tree, naming every broken file with its line and field', async () => {
    const result = await runAftercare(['check', '--dir', fixture('knowledge-broken')]);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual(
      expect.arrayContaining([
        'error: knowledge/faq/unclosed.md:1: front matter is not closed: add a line "---" after the YAML fields',
        'error: knowledge/faq/misspelled-key.md:6: followUp: unknown key "followUp"; remove it or fix its spelling',
        'error: knowledge/faq/missing-answer.md:5: answer.fa: missing answer: questions are given in "fa" but there is no "## fa" section; add it',
        'error: intents/thanks.yaml:6: responses.fa: action "reply" needs a "fa" response; add responses: fa: ...',
        expect.stringMatching(/^error: knowledge\/branches\.yaml:9: branches\[1\]\.phone: /),
      ]),
    );
    expect(errors).toHaveLength(5);
    expect(result.stderr).toMatch(/5 error\(s\): fix them and run `npx aftercare check` again/);
    expect(result.stderr).not.toMatch(stackTraceLine);
    expect(result.stdout).toBe('');
  });

  it('names a broken synonyms file with its line and field, and warns of questions that collide through a synonym', async () => {
    const broken = knowledgeTree({
      'knowledge/synonyms/en.yaml':
        'locale: en\nsynonyms:\n  warranty: [guarantee]\n  cover: [guarantee]\n',
    });
    const result = await runAftercare(['check', '--dir', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: knowledge\/synonyms\/en\.yaml:4: synonyms\.cover\[0\]: "guarantee" is already a variant of "warranty"/m,
    );
    expect(result.stderr).not.toMatch(stackTraceLine);

    // "When are you open?" (store-hours) and a new entry's "When are you available?" are one
    // question once "available" is read as "open".
    const colliding = knowledgeTree({
      'knowledge/synonyms/en.yaml': 'locale: en\nsynonyms:\n  open: [available]\n',
      'knowledge/faq/availability.md':
        '---\nid: availability\nquestions:\n  en:\n    - When are you available?\n---\n\n## en\nAlways.\n',
    });
    const warned = await runAftercare(['check', '--dir', colliding]);
    expect(warned.stderr).toMatch(
      /^warning: knowledge\/faq\/availability\.md and knowledge\/faq\/store-hours\.md: en questions collide \(100 % alike\)/m,
    );
  });

  it('names the mistakes of every kind of file in one run: an FAQ entry, a warranty file and the case statuses', async () => {
    const broken = knowledgeTree({
      'knowledge/faq/no-answer.md': '---\nid: no-answer\nquestions:\n  en:\n    - Where?\n---\n',
      'knowledge/warranty/regions.yaml': 'regions:\n  - id: Bad Region!\n',
      'knowledge/case-statuses.yaml': 'statuses:\n  - id: Received!\n    label: Received\n',
    });
    const result = await runAftercare(['check', '--dir', broken]);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error: knowledge\/faq\/no-answer\.md:\d+: /),
        expect.stringMatching(/^error: knowledge\/warranty\/regions\.yaml:\d+: /),
        expect.stringMatching(/^error: knowledge\/case-statuses\.yaml:2: statuses\[0\]\.id: /),
      ]),
    );
    expect(result.stderr).not.toMatch(stackTraceLine);
  });

  it('passes on the small valid fixture', async () => {
    const result = await runAftercare(['check', '--dir', fixture('knowledge-ok')]);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error'))).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ok: 2 FAQ entries, 1 intents, 2 branches, 8 warranty models, 0 fault symptoms;/,
    );
  });

  it('passes on the shipped knowledge (intents/ and knowledge/ of this repository)', async () => {
    const result = await runAftercare(['check']);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error'))).toEqual([]);
    expect(result.code).toBe(0);
    const faqs = Number(/ok: (\d+) FAQ entries/.exec(result.stdout)?.[1]);
    expect(faqs).toBeGreaterThanOrEqual(25);
  });

  it('--strict turns warnings (a configured locale missing) into exit 1', async () => {
    // The fixture is written in English and Persian only; the shipped config asks for six languages.
    const result = await runAftercare(['check', '--strict', '--dir', fixture('knowledge-ok')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^warning: knowledge\/faq\/store-hours\.md:4: questions\.vi: no "vi" questions/m,
    );
  });

  it('the real command (bin/aftercare.js, what `npx aftercare` runs) exits 1 with file:line on stderr', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'aftercare.js'), 'check', '--dir', fixture('knowledge-broken')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'error: knowledge/faq/missing-answer.md:5: answer.fa: missing answer',
    );
    expect(result.stderr).not.toMatch(stackTraceLine);
  });
});
