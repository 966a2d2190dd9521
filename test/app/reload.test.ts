import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { shippedProjectCopy } from '../helpers/knowledge-tree';

const newEntry = `---
id: gift-wrapping
tags: [sales]
questions:
  en:
    - Do you offer gift wrapping?
    - Can you wrap my purchase as a present?
---

## en
Yes: every branch wraps purchases as a gift, free of charge.
`;

describe('an admin edit is picked up by the running bot', () => {
  test('a new FAQ entry is answered after a reload; a broken edit keeps the previous knowledge', async () => {
    const root = shippedProjectCopy('aftercare-reload-');
    const app = createApp({
      rootDir: root,
      dbPath: path.join(root, 'test.db'),
      env: {},
      logger: silentLogger,
      channels: 'none',
    });
    const ask = async (text: string, id: string) =>
      (
        await app.handle({
          channel: 'test',
          conversationId: id,
          userId: 'u',
          messageId: id,
          text,
          receivedAt: new Date(),
        })
      )[0];
    try {
      const before = app.brain().knowledge.faqs.length;
      writeFileSync(path.join(root, 'knowledge/faq/gift-wrapping.md'), newEntry);
      expect(await app.reloadKnowledge()).toBeNull();
      expect(app.brain().knowledge.faqs.length).toBe(before + 1);
      expect((await ask('Do you offer gift wrapping?', 'a'))?.faq).toBe('gift-wrapping');

      // A synonym the admin adds is read by the matcher after the reload.
      expect((await ask('do you do zorbling', 's1'))?.faq).not.toBe('gift-wrapping');
      const synonyms = path.join(root, 'knowledge/synonyms/en.yaml');
      writeFileSync(
        synonyms,
        `${readFileSync(synonyms, 'utf8').trimEnd()}\n  gift wrapping: [zorbling]\n`,
      );
      expect(await app.reloadKnowledge()).toBeNull();
      expect(app.brain().knowledge.synonyms?.en?.['gift wrapping']).toEqual(['zorbling']);
      expect((await ask('do you do zorbling', 's2'))?.faq).toBe('gift-wrapping');

      writeFileSync(
        path.join(root, 'knowledge/faq/broken.md'),
        '---\nid: broken\nquestions: [\n---\n',
      );
      const error = await app.reloadKnowledge();
      expect(error?.message).toMatch(/knowledge\/faq\/broken\.md:\d+/);
      // Still answering from the last good version.
      expect(app.brain().knowledge.faqs.length).toBe(before + 1);
      expect((await ask('Do you offer gift wrapping?', 'b'))?.faq).toBe('gift-wrapping');
    } finally {
      await app.close();
    }
  });
});
