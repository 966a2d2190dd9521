/**
 * The watcher's poll hashes the tree with asynchronous reads (so it does not pause the requests
 * being answered); its hash must be exactly the one the bot was built with, or every poll would
 * look like an edit, and it must change with every edit the synchronous one sees.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knowledgeVersion, knowledgeVersionAsync } from '../../src/config/knowledge-watch';

const root = path.resolve(__dirname, '../..');

describe('knowledgeVersionAsync', () => {
  test('gives the synchronous hash of the shipped knowledge and intents', async () => {
    const dirs = [path.join(root, 'intents'), path.join(root, 'knowledge')];
    expect(await knowledgeVersionAsync(dirs)).toBe(knowledgeVersion(dirs));
  });

  test('follows the same edits: nested files, swap files ignored, a missing folder, a rename', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-version-'));
    try {
      const dirs = [path.join(dir, 'knowledge'), path.join(dir, 'absent')];
      mkdirSync(path.join(dir, 'knowledge/faq/deep'), { recursive: true });
      writeFileSync(path.join(dir, 'knowledge/faq/a.md'), 'one');
      writeFileSync(path.join(dir, 'knowledge/faq/deep/b.yaml'), 'two');
      const first = await knowledgeVersionAsync(dirs);
      expect(first).toBe(knowledgeVersion(dirs));

      writeFileSync(path.join(dir, 'knowledge/faq/.a.md.swp'), 'editor state');
      writeFileSync(path.join(dir, 'knowledge/faq/a.md~'), 'backup');
      expect(await knowledgeVersionAsync(dirs)).toBe(first);

      writeFileSync(path.join(dir, 'knowledge/faq/a.md.tmp'), 'one, edited');
      renameSync(path.join(dir, 'knowledge/faq/a.md.tmp'), path.join(dir, 'knowledge/faq/a.md'));
      const edited = await knowledgeVersionAsync(dirs);
      expect(edited).not.toBe(first);
      expect(edited).toBe(knowledgeVersion(dirs));

      renameSync(
        path.join(dir, 'knowledge/faq/deep/b.yaml'),
        path.join(dir, 'knowledge/faq/deep/c.yaml'),
      );
      const renamed = await knowledgeVersionAsync(dirs);
      expect(renamed).not.toBe(edited);
      expect(renamed).toBe(knowledgeVersion(dirs));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
