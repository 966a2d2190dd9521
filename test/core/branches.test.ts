import path from 'node:path';
import { loadKnowledge } from '../../src/config/load-knowledge';
import { createNameFinder } from '../../src/core/matching/name-finder';
import { findBranches } from '../../src/core/pipeline/branches';

const { knowledge } = loadKnowledge({
  rootDir: path.resolve(__dirname, '../..'),
  knowledgeDir: 'knowledge',
  intentsDir: 'intents',
  locales: ['en', 'fa', 'vi', 'el', 'sr', 'ta'],
});
const named = (text: string, locale: string) =>
  findBranches(knowledge.branches, text, locale).map((branch) => branch.id);

describe('finding the branch a question names, in the shipped directory', () => {
  test.each([
    ['What is the phone number of the repair centre?', 'en'],
    ['شماره تلفن مرکز تعمیرات چنده؟', 'fa'],
    ['Số điện thoại của trung tâm sửa chữa là gì?', 'vi'],
    ['Ποιο είναι το τηλέφωνο του κέντρου επισκευών;', 'el'],
    ['Који је број телефона сервисног центра?', 'sr'],
    ['Koji je broj telefona servisnog centra?', 'sr'],
    ['பழுதுபார்ப்பு மையத்தின் தொலைபேசி எண் என்ன?', 'ta'],
  ])('%s names the repair centre only', (text, locale) => {
    expect(named(text, locale)).toEqual(['repair-centre']);
  });

  test('a short word does not match a longer one that starts the same (شمال is not شماره)', () => {
    expect(named('شماره شعبه غرب', 'fa')).toEqual(['west']);
  });

  test('no branch named gives none, so the whole directory is shown', () => {
    expect(named('which branch should I call', 'en')).toEqual([]);
  });

  test('a typo in a branch name is found fuzzily; without a typo the fuzzy lookup changes nothing', () => {
    const names = createNameFinder(
      knowledge.branches.map((branch) => ({
        id: branch.id,
        names: [...Object.values(branch.name), ...branch.aliases],
      })),
    );
    const fuzzy = (text: string, locale: string) =>
      findBranches(knowledge.branches, text, locale, names).map((branch) => branch.id);
    expect(fuzzy('phone number of the repiar centre', 'en')).toEqual(['repair-centre']);
    expect(named('phone number of the repiar centre', 'en')).toEqual([]);
    expect(fuzzy('which branch should I call', 'en')).toEqual([]);
    expect(fuzzy('شماره شعبه غرب', 'fa')).toEqual(['west']);
  });
});
