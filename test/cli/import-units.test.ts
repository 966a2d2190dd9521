/**
 * `aftercare import units FILE.csv|FILE.json [--dry-run]`, called as the dispatcher will call it:
 * the sample file imports; a file with 3 bad rows imports the rest and lists those 3 with line and
 * reason; a second import changes nothing; a file that cannot be parsed changes nothing at all.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { importUnitsCommand } from '../../src/cli/commands/import-units';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function setup() {
  const dir = makeTempDir('aftercare-import-');
  const db = path.join(dir, 'units.db');
  const run = async (...args: string[]): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const code = await importUnitsCommand(args, {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      rootDir: repoRoot,
      env: { AFTERCARE_DB: db },
    });
    return { code, stdout, stderr };
  };
  const count = (): number => {
    const handle = openDatabase(db);
    const row = handle.prepare('SELECT count(*) AS n FROM units').get() as { n: number };
    handle.close();
    return row.n;
  };
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  return { dir, db, run, count, write };
}

const header =
  'serial,model,purchase_date,delivery_date,region,plans,customer_name,customer_phone,customer_email,telegram_id';

describe('aftercare import units', () => {
  test('imports the sample file; a second import of the same file changes nothing', async () => {
    const { run, count } = setup();
    const first = await run('units', path.join(repoRoot, 'examples/units.csv'));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('units.csv: 50 row(s) read, 50 good, 0 bad');
    expect(first.stdout).toContain('changed: 50 (added 50, updated 0), unchanged 0');
    expect(count()).toBe(50);

    const second = await run('units', path.join(repoRoot, 'examples/units.csv'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('changed: 0 (added 0, updated 0), unchanged 50');
    expect(second.stdout).toContain('customers: added 0, updated 0');
  });

  test('a file with 3 bad rows: the rest is imported, the 3 are listed with line and reason', async () => {
    const { run, count } = setup();
    const result = await run('units', path.join(repoRoot, 'test/data/units-bad.csv'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('units-bad.csv: 6 row(s) read, 3 good, 3 bad');
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual([
      'error: units-bad.csv:3: serial: "XX9900000000" does not fit the serial format of nova-12 (e.g. NV12-2301-4567)',
      'error: units-bad.csv:4: purchase_date: "2026-02-30" is not a real date in the form YYYY-MM-DD',
      'error: units-bad.csv:5: model: unknown model "slate-99"; known models: nova-12, nova-12-pro, slate-14, slate-16, aquawash-7, aquawash-9, breeze-12, breeze-18',
    ]);
    expect(count()).toBe(3);
  });

  test('quoted fields keep their commas', async () => {
    const { run, db } = setup();
    await run('units', path.join(repoRoot, 'test/data/units-bad.csv'));
    const record = await createSqliteUnitStore(openDatabase(db)).findRecord('NP1226011006');
    expect(record?.customer?.name).toBe('Doe, Jane');
  });

  test('a file that cannot be parsed changes nothing, and says where', async () => {
    const { run, count, write } = setup();
    const good = `${header}\nNV12-2501-0001,nova-12,2025-09-14,,ir,,Sara,,,\n`;
    const broken = write(
      'broken.csv',
      `${good}NV12-2501-0002,nova-12,2025-09-15,,ir,,"Reza,,,\nNV12-2501-0003,nova-12,2025-09-16,,ir,,Ali,,,\n`,
    );
    const result = await run('units', broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: broken.csv:3: a quoted field is never closed; add the closing quote (")\nNothing was imported.\n',
    );
    expect(result.stdout).toBe('');
    expect(count()).toBe(0);
  });

  test('a missing file, an unknown column, invalid JSON: nothing imported, a clear message', async () => {
    const { dir, run, write } = setup();
    expect(await run('units', path.join(dir, 'nope.csv'))).toMatchObject({
      code: 1,
      stderr: 'error: nope.csv: cannot read (ENOENT)\nNothing was imported.\n',
    });
    const typo = await run(
      'units',
      write('typo.csv', 'serial,model,purchse_date\nNV12-2501-0001,nova-12,2025-09-14\n'),
    );
    expect(typo.stderr).toMatch(
      /^error: typo.csv:1: unknown column "purchse_date"; the columns are serial, model, purchase_date,/,
    );
    const json = await run('units', write('units.json', '[\n  {"serial": "NV12-2501-0001",\n'));
    expect(json.stderr).toMatch(/^error: units.json(:\d+)?: not valid JSON/);
  });

  test('JSON: an array of objects with the same keys; bad items reported at their line', async () => {
    const { run, count, write } = setup();
    const file = write(
      'units.json',
      `[
  { "serial": "NV12-2501-0001", "model": "nova-12", "purchase_date": "2025-09-14", "plans": "care-plus", "telegram_id": 501234567 },
  { "serial": "WM07-2312-0027", "model": "aquawash-7", "purchase_date": "2023-12-20", "delivery_date": "2024-01-05", "region": "eu", "plans": null },
  {
    "serial": "AC12-2306-0038", "model": "breeze-12", "purchase_date": "2023-06-25", "delivery_date": "2023-06-01"
  },
  { "serial": "SL14-2203-0017", "model": "slate-14", "purchase_date": "2022-09-15", "plans": "care-platinum" }
]
`,
    );
    const result = await run('units', file);
    expect(result.stdout).toContain('units.json: 4 row(s) read, 2 good, 2 bad');
    expect(result.stderr).toContain(
      'error: units.json:4: delivery_date: 2023-06-01 is before the purchase date 2023-06-25',
    );
    expect(result.stderr).toContain(
      'error: units.json:7: plans.0: unknown plan "care-platinum"; known plans: care-plus, care-premium',
    );
    expect(count()).toBe(2);
  });

  test('--dry-run validates and counts but writes nothing', async () => {
    const { run, count } = setup();
    const result = await run('units', path.join(repoRoot, 'examples/units.csv'), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'dry run, nothing written; would change: 50 (added 50, updated 0), unchanged 0',
    );
    expect(count()).toBe(0);
  });

  test('an order number that does not fit the format is a bad row', async () => {
    const { run, write } = setup();
    const result = await run(
      'units',
      write(
        'orders.csv',
        `serial,model,purchase_date,order_number\nNV12-2501-0001,nova-12,2025-09-14,ORD-250914\nNV12-2501-0002,nova-12,2025-09-14,12345\n`,
      ),
    );
    expect(result.stderr).toContain(
      'error: orders.csv:3: order_number: "12345" does not fit the order number format (e.g. ORD-240517)',
    );
    expect(result.stdout).toContain('2 row(s) read, 1 good, 1 bad');
  });

  test('a changed row is updated, the rest stays unchanged', async () => {
    const { run, write } = setup();
    await run(
      'units',
      write(
        'a.csv',
        `${header}\nNV12-2501-0001,nova-12,2025-09-14,,ir,,Sara,,,\nNV12-2501-0002,nova-12,2025-09-15,,ir,,Reza,,,\n`,
      ),
    );
    const result = await run(
      'units',
      write(
        'b.csv',
        `${header}\nNV12-2501-0001,nova-12,2025-09-14,,ir,care-plus,Sara,,,\nNV12-2501-0002,nova-12,2025-09-15,,ir,,Reza,,,\n`,
      ),
    );
    expect(result.stdout).toContain('changed: 1 (added 0, updated 1), unchanged 1');
  });

  test('large files report progress on stderr', async () => {
    const { run, write } = setup();
    const rows = Array.from(
      { length: 2500 },
      (_, index) => `NV12-2501-${String(index).padStart(4, '0')},nova-12,2025-09-14,,ir,,,,,`,
    );
    const result = await run('units', write('large.csv', `${header}\n${rows.join('\n')}\n`));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'imported 1000/2500 units\nimported 2000/2500 units\nimported 2500/2500 units\n',
    );
  });

  test('usage errors exit 2 and show how to call it', async () => {
    const { run } = setup();
    expect(await run()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'usage: aftercare import units FILE.csv|FILE.json [--dry-run]',
      ),
    });
    expect(await run('units', 'a.csv', '--force')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown option --force'),
    });
  });
});
