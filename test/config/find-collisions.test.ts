/**
 * `aftercare check`'s collision warning: two entries whose questions are the same sentence once
 * the knowledge's synonyms are read (as the matcher reads them) collide, and only then.
 */
import { findCollisions } from '../../src/config/find-collisions';
import type { FaqEntry, Knowledge } from '../../src/core/knowledge/knowledge';

const faq = (id: string, question: string): FaqEntry => ({
  id,
  tags: [],
  followUps: [],
  questions: { en: [question] },
  answers: { en: id },
  source: `knowledge/faq/${id}.md`,
});

const knowledge = (synonyms?: Knowledge['synonyms']): Knowledge => ({
  faqs: [
    faq('warranty-period', 'How long is the warranty on the phone?'),
    faq('guarantee-period', 'How long is the guarantee on the phone?'),
  ],
  intents: [],
  branches: [],
  messages: {},
  synonyms,
});

describe('findCollisions', () => {
  it('questions that differ by a listed synonym collide', () => {
    const collisions = findCollisions(knowledge({ en: { warranty: ['guarantee'] } }));
    expect(collisions).toHaveLength(1);
    expect(collisions[0]).toMatchObject({
      locale: 'en',
      similarity: 1,
      first: { id: 'warranty-period', text: 'How long is the warranty on the phone?' },
      second: { id: 'guarantee-period', text: 'How long is the guarantee on the phone?' },
    });
  });

  it('without the synonym they are different sentences', () => {
    expect(findCollisions(knowledge())).toEqual([]);
    expect(findCollisions(knowledge({ fa: { گارانتی: ['ضمانت'] } }))).toEqual([]);
  });
});
