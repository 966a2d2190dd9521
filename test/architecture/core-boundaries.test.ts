/**
 * The core never imports an adapter, a platform SDK, storage, the server or node I/O. The lint
 * rule (eslint.config.mjs) says so at edit time; this test proves it on every file, including
 * imports through re-exports of relative paths.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const coreDir = path.join(root, 'src/core');
const forbiddenPackages = [
  /^grammy/,
  /^@grammyjs\//,
  /^telegraf/,
  /^@slack\//,
  /^botbuilder/,
  /^botframework-/,
  /^better-sqlite3$/,
  /^pino$/,
];
// Node's I/O modules are forbidden as values; a type-only reference (the shape of Node's HTTP
// request that adapters mount on) does no I/O and is allowed.
const forbiddenAtRuntime = [/^(node:)?(fs|http|https|net|child_process)$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

interface ImportSite {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, 'utf8');
  const sites = [
    ...text.matchAll(
      /(import\s+type\s|export\s+type\s)?(?:import|export)?[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)(\.)?|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ];
  return sites.map((match) => ({
    specifier: match[2] ?? match[3] ?? match[5] ?? '',
    typeOnly: match[1] !== undefined || match[4] !== undefined,
  }));
}

describe('core boundaries', () => {
  const files = sourceFiles(coreDir);

  test('there is a core to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(files.map((file) => [path.relative(root, file), file]))(
    '%s imports nothing outside the core but allowed libraries',
    (_name, file) => {
      for (const { specifier, typeOnly } of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          expect(`${specifier} -> ${path.relative(coreDir, target)}`).not.toMatch(/-> \.\./);
        } else {
          expect(forbiddenPackages.filter((pattern) => pattern.test(specifier))).toEqual([]);
          if (!typeOnly)
            expect(forbiddenAtRuntime.filter((pattern) => pattern.test(specifier))).toEqual([]);
        }
      }
    },
  );

  // The hand-off implements the pipeline's contracts (src/core/pipeline/ports.ts), never the
  // reverse: the pipeline can be read, and tested, without the ticket desk.
  test.each(
    files
      .filter((file) => file.startsWith(path.join(coreDir, 'pipeline') + path.sep))
      .map((file) => [path.relative(root, file), file]),
  )('%s imports nothing from src/core/handoff', (_name, file) => {
    const handoffDir = path.join(coreDir, 'handoff');
    const intoHandoff = importsOf(file)
      .filter(({ specifier }) => specifier.startsWith('.'))
      .map(({ specifier }) => path.resolve(path.dirname(file), specifier))
      .filter((target) => target === handoffDir || target.startsWith(handoffDir + path.sep));
    expect(intoHandoff.map((target) => path.relative(root, target))).toEqual([]);
  });

  // Timers belong to the composition root (src/app.ts), which drives the core with a method
  // call and an injected clock.
  test.each(files.map((file) => [path.relative(root, file), file]))(
    '%s starts no timer',
    (_name, file) => {
      const timers = readFileSync(file, 'utf8').match(/\bset(?:Interval|Timeout|Immediate)\s*\(/g);
      expect(timers ?? []).toEqual([]);
    },
  );
});
