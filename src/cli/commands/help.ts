/**
 * `aftercare help build --out DIR [--base-url URL] [--dir D]`: the help centre as static files
 * (every page as DIR/help/…/index.html, the suggestion script, sitemap.xml). It first runs the
 * checks of `aftercare check`, so a broken knowledge file stops the build with its file and line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/load-config';
import { loadKnowledge } from '../../config/load-knowledge';
import { loadWarrantyRules } from '../../config/load-warranty';
import { wordVectorsFor } from '../../config/load-word-vectors';
import { createBrain } from '../../core/brain';
import { createEngineMatcher } from '../../core/matching/engine';
import { helpContextFor } from '../../help/help-context';
import { helpPaths, renderHelp } from '../../help/help-site';
import { escapeHtml } from '../../help/html';
import { parseArgs, type CliCommand } from '../io';
import { checkCommand } from './check';

const usage =
  'usage: aftercare help build --out DIR [--base-url URL] [--dir D]   the help centre as static files\n';

export const helpCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, []);
  const out = flags.get('out');
  if (positionals[0] !== 'build' || typeof out !== 'string') {
    io.stderr(usage);
    return positionals.length === 0 ? 0 : 2;
  }
  const dir = flags.get('dir');
  const rootDir = typeof dir === 'string' ? path.resolve(dir) : io.rootDir;
  io.stdout('checking the knowledge (as aftercare check)…\n');
  const checked = await checkCommand(['--dir', rootDir], io);
  if (checked !== 0) {
    io.stderr('help build stopped: the knowledge has errors (above)\n');
    return checked;
  }
  const config = loadConfig({ rootDir: io.rootDir, env: io.env });
  const baseFlag = flags.get('base-url');
  const baseUrl =
    typeof baseFlag === 'string' ? baseFlag : (config.help.baseUrl ?? 'http://localhost');
  const knowledge = loadKnowledge({
    rootDir,
    knowledgeDir: config.knowledgeDir,
    intentsDir: config.intentsDir,
    locales: config.locales,
  }).knowledge;
  const rules = loadWarrantyRules({
    rootDir,
    knowledgeDir: config.knowledgeDir,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
  }).rules;
  const brain = createBrain(knowledge, {
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    createMatcher: (examples) =>
      createEngineMatcher(examples, { wordVectors: wordVectorsFor(config.locales) }),
  });
  const context = helpContextFor(config, brain, rules, baseUrl);
  const outDir = path.resolve(out);
  const write = (relative: string, body: string): void => {
    const file = path.join(outDir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  const paths = helpPaths(context);
  const none = new URLSearchParams();
  paths.forEach((page, index) => {
    write(path.join(page, 'index.html'), renderHelp(context, page, none, 0).body);
    if ((index + 1) % 50 === 0 || index + 1 === paths.length)
      io.stdout(`  ${index + 1}/${paths.length} pages\n`);
  });
  for (const asset of ['help.js', 'help.css'])
    write(`help/assets/${asset}`, renderHelp(context, `/help/assets/${asset}`, none, 0).body);
  write('help/index.html', redirectPage(`/help/${config.defaultLocale}`));
  write('404.html', renderHelp(context, '/help/-', none, 0).body);
  write(
    'sitemap.xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${paths
      .map((page) => `  <url><loc>${escapeHtml(context.absolute(page))}</loc></url>`)
      .join('\n')}\n</urlset>\n`,
  );
  io.stdout(`wrote ${paths.length} pages and sitemap.xml to ${outDir}\n`);
  return 0;
};

const redirectPage = (target: string): string =>
  `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${target}"><link rel="canonical" href="${target}"><a href="${target}">${target}</a>\n`;
