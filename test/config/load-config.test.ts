/**
 * bot.config.json: strict (a misspelled key is an error naming it and its line), the
 * defaultLocale must be one of locales, and AFTERCARE_DB / AFTERCARE_PORT / AFTERCARE_HOST
 * override the file. Configs are written into temp folders; line numbers are counted below.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadConfig,
  type LoadConfigOptions,
  type ResolvedConfig,
} from '../../src/config/load-config';
import { KnowledgeError, type Problem } from '../../src/config/located-error';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

/** A small valid config, one top-level key per line so that lines are easy to count. */
const baseLines = [
  '{', //                                                                      1
  '  "locales": ["en", "fa"],', //                                             2
  '  "defaultLocale": "en",', //                                               3
  '  "thresholds": { "answer": 0.6, "clarify": 0.3 },', //                      4
  '  "storage": { "path": "data/test.db" },', //                               5
  '  "server": { "host": "127.0.0.1", "port": 3978 },', //                     6
  '  "businessHours": { "timeZone": "UTC", "open": { "mon": [{ "from": "08:00", "to": "17:00" }] } },', // 7
  '  "handoff": { "target": "none" }', //                                      8
  '}', //                                                                      9
];

function writeConfig(lines: readonly string[]): { rootDir: string; shown: string } {
  const rootDir = makeTempDir('aftercare-config-');
  const file = path.join(rootDir, 'bot.config.json');
  writeFileSync(file, lines.join('\n'));
  return { rootDir, shown: path.relative(process.cwd(), file) };
}

function load(rootDir: string, env: LoadConfigOptions['env'] = {}): ResolvedConfig {
  return loadConfig({ rootDir, env });
}

function problemsOf(run: () => unknown): readonly Problem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
  throw new Error('expected a KnowledgeError, but the config loaded');
}

function replaceLine(index: number, text: string): string[] {
  const lines = [...baseLines];
  lines[index - 1] = text;
  return lines;
}

describe('the config file', () => {
  it('the small config and the shipped bot.config.json both load', () => {
    const { rootDir } = writeConfig(baseLines);
    const config = load(rootDir);
    expect(config.locales).toEqual(['en', 'fa']);
    expect(config.server.maxBodyBytes).toBe(65536);
    const shipped = load(repoRoot);
    expect(shipped.locales).toEqual(expect.arrayContaining(['en', 'fa', 'vi', 'el', 'sr', 'ta']));
    expect(shipped.locales).toContain(shipped.defaultLocale);
  });

  it('a misspelled top-level key is an error naming the key and its line', () => {
    const { rootDir, shown } = writeConfig(replaceLine(3, '  "defaultLocal": "en",'));
    const problems = problemsOf(() => load(rootDir));
    expect(problems).toContainEqual({
      file: shown,
      line: 3,
      field: 'defaultLocal',
      message: 'unknown key "defaultLocal"; remove it or fix its spelling',
    });
    // The real key is now missing, and that is said too.
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: shown,
        field: 'defaultLocale',
        message: expect.stringMatching(/required field is missing/),
      }),
    );
  });

  it('an unknown nested key is named with its dotted path', () => {
    const { rootDir, shown } = writeConfig(
      replaceLine(6, '  "server": { "host": "127.0.0.1", "prot": 3978, "port": 3978 },'),
    );
    expect(problemsOf(() => load(rootDir))).toEqual([
      {
        file: shown,
        line: 6,
        field: 'server.prot',
        message: 'unknown key "prot"; remove it or fix its spelling',
      },
    ]);
  });

  it('two unknown keys are two problems, each at its own line', () => {
    const lines = [
      ...baseLines.slice(0, 7),
      '  "handoff": { "target": "none" },',
      '  "logLevl": "info",',
      '  "secretToken": "x"',
      '}',
    ];
    const { rootDir, shown } = writeConfig(lines);
    const problems = problemsOf(() => load(rootDir));
    expect(problems.map((problem) => `${problem.line}:${problem.field}`)).toEqual([
      '9:logLevl',
      '10:secretToken',
    ]);
    expect(problems.every((problem) => problem.file === shown)).toBe(true);
  });

  it('a defaultLocale that is not one of locales is an error at its line', () => {
    const { rootDir, shown } = writeConfig(replaceLine(3, '  "defaultLocale": "de",'));
    expect(problemsOf(() => load(rootDir))).toEqual([
      {
        file: shown,
        line: 3,
        field: 'defaultLocale',
        message: 'defaultLocale must be one of locales',
      },
    ]);
  });

  it('clarify above answer is refused at the thresholds line', () => {
    const { rootDir, shown } = writeConfig(
      replaceLine(4, '  "thresholds": { "answer": 0.3, "clarify": 0.6 },'),
    );
    expect(problemsOf(() => load(rootDir))).toEqual([
      {
        file: shown,
        line: 4,
        field: 'thresholds.clarify',
        message: 'clarify must not be above answer',
      },
    ]);
  });

  it('broken JSON is reported with its line, not a stack trace', () => {
    const { rootDir, shown } = writeConfig(
      replaceLine(5, '  "storage": { "path": "data/test.db" ,'),
    );
    const problems = problemsOf(() => load(rootDir));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: shown, field: '' });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('a missing config file says so and how to fix it', () => {
    const rootDir = makeTempDir('aftercare-config-');
    expect(problemsOf(() => load(rootDir))).toEqual([
      expect.objectContaining({
        line: null,
        message: expect.stringMatching(/cannot read the configuration file; create it/),
      }),
    ]);
  });
});

describe('environment overrides', () => {
  it("without overrides, the storage path is resolved against the root and the port is the file's", () => {
    const { rootDir } = writeConfig(baseLines);
    const config = load(rootDir);
    expect(config.databasePath).toBe(path.join(rootDir, 'data', 'test.db'));
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 3978 });
  });

  it('AFTERCARE_DB replaces the storage path: relative to the root, absolute as is, :memory: untouched', () => {
    const { rootDir } = writeConfig(baseLines);
    expect(load(rootDir, { AFTERCARE_DB: 'elsewhere/bot.db' }).databasePath).toBe(
      path.join(rootDir, 'elsewhere', 'bot.db'),
    );
    expect(load(rootDir, { AFTERCARE_DB: '/var/lib/aftercare/bot.db' }).databasePath).toBe(
      '/var/lib/aftercare/bot.db',
    );
    expect(load(rootDir, { AFTERCARE_DB: ':memory:' }).databasePath).toBe(':memory:');
  });

  it('AFTERCARE_PORT replaces the port; 0 means any free port', () => {
    const { rootDir } = writeConfig(baseLines);
    expect(load(rootDir, { AFTERCARE_PORT: '8080' }).server.port).toBe(8080);
    expect(load(rootDir, { AFTERCARE_PORT: '0' }).server.port).toBe(0);
  });

  it('AFTERCARE_HOST replaces the host', () => {
    const { rootDir } = writeConfig(baseLines);
    expect(load(rootDir, { AFTERCARE_HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
  });

  it('an empty AFTERCARE_PORT or AFTERCARE_DB (a blank line in .env) counts as unset', () => {
    const { rootDir } = writeConfig(baseLines);
    const config = load(rootDir, { AFTERCARE_PORT: '', AFTERCARE_DB: '' });
    expect(config.server.port).toBe(3978);
    expect(config.databasePath).toBe(path.join(rootDir, 'data', 'test.db'));
  });

  it.each(['web', '70000', '-1', '80.5'])(
    'AFTERCARE_PORT=%j is an error naming the variable',
    (value) => {
      const { rootDir } = writeConfig(baseLines);
      expect(problemsOf(() => load(rootDir, { AFTERCARE_PORT: value }))).toEqual([
        {
          file: 'environment',
          line: null,
          field: 'AFTERCARE_PORT',
          message: 'must be a port number 0..65535',
        },
      ]);
    },
  );

  it('AFTERCARE_TRUSTED_PROXIES replaces webchat.trustedProxies; a bad entry names the variable', () => {
    const { rootDir } = writeConfig([
      ...baseLines.slice(0, 8).map((line, index) => (index === 7 ? `${line},` : line)),
      '  "webchat": { "trustedProxies": ["10.0.0.7"] }',
      '}',
    ]);
    expect(load(rootDir).webchat.trustedProxies).toEqual(['10.0.0.7']);
    expect(
      load(rootDir, { AFTERCARE_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).webchat
        .trustedProxies,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(problemsOf(() => load(rootDir, { AFTERCARE_TRUSTED_PROXIES: '10.0.0.0/40' }))).toEqual([
      {
        file: 'environment',
        line: null,
        field: 'AFTERCARE_TRUSTED_PROXIES',
        message: '"10.0.0.0/40" is not an IP address or network; use e.g. 10.0.0.7,10.0.0.0/8',
      },
    ]);
  });

  it('a webchat.trustedProxies entry that is not an address is an error at its line', () => {
    const { rootDir, shown } = writeConfig([
      ...baseLines.slice(0, 8).map((line, index) => (index === 7 ? `${line},` : line)),
      '  "webchat": { "trustedProxies": ["proxy.example.com"] }',
      '}',
    ]);
    const [problem] = problemsOf(() => load(rootDir));
    expect(problem).toMatchObject({ file: shown, line: 9, field: 'webchat.trustedProxies[0]' });
    expect(problem?.message).toContain('an IP address or network');
  });

  it.each([
    ['help', '{ "primaryColor": "#ffcc00" }', 'help.primaryColor'],
    [
      'webchat',
      '{ "branding": { "colours": { "primary": "#7fb2ff" } } }',
      'webchat.branding.colours.primary',
    ],
  ])(
    'a %s brand colour too light for white text is refused, with its contrast',
    (key, value, field) => {
      const { rootDir, shown } = writeConfig([
        ...baseLines.slice(0, 8).map((line, index) => (index === 7 ? `${line},` : line)),
        `  "${key}": ${value}`,
        '}',
      ]);
      const [problem] = problemsOf(() => load(rootDir));
      expect(problem).toMatchObject({ file: shown, line: 9, field });
      expect(problem?.message).toMatch(/contrast of \d\.\d\d:1, below WCAG AA/);
    },
  );
});
