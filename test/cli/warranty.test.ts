/**
 * `aftercare warranty SERIAL [--on DATE] [--json]` on the sample units: the staff report, the
 * JSON object, an unknown serial (clear message, exit 1), and usage errors.
 */
import path from 'node:path';
import { importUnitsCommand } from '../../src/cli/commands/import-units';
import { warrantyCommand } from '../../src/cli/commands/warranty';
import type { CliCommand } from '../../src/cli/io';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const env = { AFTERCARE_DB: path.join(makeTempDir('aftercare-warranty-cli-'), 'units.db') };

async function run(command: CliCommand, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    rootDir: repoRoot,
    env,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  expect(
    (await run(importUnitsCommand, 'units', path.join(repoRoot, 'examples/units.csv'))).code,
  ).toBe(0);
});

describe('aftercare warranty SERIAL', () => {
  test('--json prints one object with serial, model, covered, until, daysLeft, coveredBy and reasons', async () => {
    const result = await run(warrantyCommand, 'AC12-2410-0039', '--on', '2026-06-02', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      serial: 'AC1224100039',
      model: 'breeze-12',
      covered: true,
      until: '2026-10-01',
      daysLeft: 121,
      coveredBy: 'statutory-eu',
    });
    expect(json.reasons).toEqual([
      expect.objectContaining({
        code: 'manufacturer-from-delivery',
        text: expect.stringContaining('18 months from delivery and installation'),
      }),
      expect.objectContaining({
        code: 'statutory',
        params: { region: 'eu', months: 24, until: '2026-10-01' },
      }),
    ]);
  });

  test('an expired unit: covered false, the date it ended, the reason', async () => {
    const json = JSON.parse(
      (await run(warrantyCommand, 'WM07-2104-0029', '--on', '2026-03-02', '--json')).stdout,
    ) as Record<string, unknown>;
    expect(json).toMatchObject({
      covered: false,
      state: 'expired',
      until: '2023-04-12',
      daysLeft: 0,
      coveredBy: 'washing-machine',
    });
    expect(json.reasons).toContainEqual(
      expect.objectContaining({ code: 'expired', text: 'The warranty ended on April 12, 2023.' }),
    );
  });

  test('plan stacking on a sample unit: care-plus then care-premium, 60 months', async () => {
    const json = JSON.parse(
      (await run(warrantyCommand, 'sl14 2112 0020', '--on', '2026-03-02', '--json')).stdout,
    ) as Record<string, unknown>;
    expect(json).toMatchObject({
      covered: true,
      until: '2026-12-01',
      coveredBy: 'care-premium',
      plans: ['care-plus', 'care-premium'],
    });
  });

  test('the report shows the customer, plans and history, as staff see it', async () => {
    const result = await run(warrantyCommand, 'NV12-2301-0004', '--on', '2026-03-02');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Status on 2026-03-02: **covered** until 2026-05-10 (69 days left), by care-plus',
    );
    expect(result.stdout).toContain('- Name: Ali Rezaei');
    expect(result.stdout).toContain(
      '- Purchased: 2023-05-10; delivered: not recorded; order: not recorded',
    );
    expect(result.stdout).toContain('- Email: ali.rezaei@example.com');
    expect(result.stdout).toContain('created: imported from units.csv');
  });

  test('--issue asks about one part', async () => {
    const json = JSON.parse(
      (
        await run(
          warrantyCommand,
          'NV12-2501-0001',
          '--on',
          '2026-04-01',
          '--issue',
          'battery',
          '--json',
        )
      ).stdout,
    ) as Record<string, unknown>;
    expect(json).toMatchObject({
      covered: false,
      until: '2026-03-14',
      coveredBy: 'phone/battery',
      issue: 'battery',
    });
  });

  test('an order number lists every unit on the order', async () => {
    const result = await run(warrantyCommand, 'ORD-250914', '--on', '2026-03-02');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('**Warranty NV12-2501-0001**');
    expect(result.stdout).toContain('**Warranty NV12-2508-0050**');
    const json = JSON.parse((await run(warrantyCommand, 'ORD-250914', '--json')).stdout) as {
      serial: string;
    }[];
    expect(json.map((item) => item.serial)).toEqual(['NV1225010001', 'NV1225080050']);
  });

  test('an unknown serial: a clear message and exit code 1', async () => {
    const result = await run(warrantyCommand, 'NV12-9999-9999', '--on', '2026-03-02');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'No unit with serial NV1299999999 is on record. Check the serial, or import the unit with `aftercare import units FILE.csv`.\n',
    });
    const json = await run(warrantyCommand, 'NV12-9999-9999', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      serial: 'NV1299999999',
      covered: false,
      state: 'unknown-serial',
      until: null,
    });
  });

  test('usage errors exit 2', async () => {
    expect(await run(warrantyCommand)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: aftercare warranty SERIAL'),
    });
    expect(await run(warrantyCommand, 'NV12-2501-0001', '--on', '2026-02-30')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"2026-02-30" is not a real date'),
    });
  });
});
