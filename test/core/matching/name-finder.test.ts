import { createNameFinder, MIN_SCORE } from '../../../src/core/matching/name-finder';

describe('createNameFinder', () => {
  const finder = createNameFinder([
    { id: 'galaxy-s24', names: ['Samsung Galaxy S24'] },
    { id: 'iphone-15', names: ['iPhone 15'] },
    { id: 'east', names: ['East branch', 'شعبه شرق'] },
    { id: 'north', names: ['North branch', 'شعبه شمال'] },
  ]);

  it('finds a name with typos inside a sentence', () => {
    const [found] = finder.find('my samsnug galaxy s24 is broken');
    expect(found?.id).toBe('galaxy-s24');
    expect(found?.name).toBe('Samsung Galaxy S24');
    expect(found?.score).toBeGreaterThanOrEqual(MIN_SCORE);
    expect(finder.find('iphone15 does not charge')[0]?.id).toBe('iphone-15');
  });

  it('finds the exact name with score 1 and not a name that only shares a word', () => {
    const found = finder.find('شماره تلفن شعبه شرق چیست؟', 'fa');
    expect(found.map((entry) => entry.id)).toEqual(['east']);
    expect(found[0]?.score).toBeCloseTo(1, 5);
  });

  it('finds nothing in a sentence without a name', () => {
    expect(finder.find('how long is the warranty')).toEqual([]);
    expect(finder.find('')).toEqual([]);
  });
});
