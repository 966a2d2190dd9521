/**
 * `aftercare help build`: a static site whose internal links all resolve (a crawler follows them
 * from the default locale's index), and a broken knowledge file fails the build with file and line.
 */
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { runAftercare } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

/** The file a root-relative link is served from on a static host. */
function fileFor(outDir: string, link: string): string | null {
  const pathname = decodeURIComponent(link.split(/[?#]/)[0] ?? '');
  const candidates = [path.join(outDir, pathname), path.join(outDir, pathname, 'index.html')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

test('the export holds every page; every internal link on every page resolves', async () => {
  const outDir = makeTempDir('aftercare-help-');
  const result = await runAftercare([
    'help',
    'build',
    '--out',
    outDir,
    '--base-url',
    'https://help.example.com',
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/\d+\/\d+ pages/);
  const sitemap = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
  expect(sitemap).toContain('<loc>https://help.example.com/help/fa/warranty-period</loc>');

  const seen = new Set<string>();
  const queue = ['/help/en'];
  const broken: string[] = [];
  while (queue.length > 0) {
    const link = queue.shift() as string;
    if (seen.has(link)) continue;
    seen.add(link);
    const file = fileFor(outDir, link);
    if (file === null) {
      broken.push(link);
      continue;
    }
    if (!file.endsWith('.html')) continue;
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
      const target = match[1] as string;
      // The chat widget and the chat itself live on the bot's server, not in the export.
      if (target === '/' || target.startsWith('/webchat/')) continue;
      queue.push(target);
    }
  }
  expect(broken).toEqual([]);
  expect(seen.size).toBeGreaterThan(6 * 28);
  // Every locale's every page was reached through links alone.
  const sitemapPaths = [
    ...sitemap.matchAll(/<loc>https:\/\/help\.example\.com([^<]+)<\/loc>/g),
  ].map((m) => m[1]);
  for (const page of sitemapPaths) expect(seen).toContain(page);
});

test('a broken knowledge file fails the build, naming the file and line', async () => {
  const rootDir = makeTempDir('aftercare-broken-');
  for (const entry of ['bot.config.json', 'knowledge', 'intents'])
    cpSync(path.join(repoRoot, entry), path.join(rootDir, entry), { recursive: true });
  const file = path.join(rootDir, 'knowledge/faq/warranty-period.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('tags: [warranty]', 'tags: [warranty'));
  const outDir = makeTempDir('aftercare-help-out-');
  const result = await runAftercare(['help', 'build', '--out', outDir], { rootDir });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/error: knowledge\/faq\/warranty-period\.md:\d+/);
  expect(result.stderr).toContain('help build stopped');
  expect(existsSync(path.join(outDir, 'sitemap.xml'))).toBe(false);
});
