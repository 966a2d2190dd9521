/**
 * The `aftercare` command refuses mistakes: an unknown command is named with the closest one, an
 * unknown flag or locale is an error (exit 2) instead of swallowing the question, `ask` without
 * text prints its usage; `ask --conversation ID` continues one conversation in the database.
 */
import path from 'node:path';
import { runAftercare } from '../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const env = { AFTERCARE_DB: path.join(makeTempDir('aftercare-cli-errors-'), 'ask.db') };

describe('aftercare refuses mistakes', () => {
  test('an unknown command is named, with the command it looks like', async () => {
    const result = await runAftercare(['akss', 'hi'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'akss'; did you mean 'ask'?");
  });

  test('an unknown flag is an error, and the question is not answered', async () => {
    const result = await runAftercare(['ask', 'hi', '--jsn'], { env });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('unknown option --jsn');
  });

  test('--locale must be a configured locale', async () => {
    const result = await runAftercare(['ask', 'hi', '--locale', 'de'], { env });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('--locale de is not a configured locale');
    expect((await runAftercare(['ask', 'hi', '--locale', 'sr-Latn'], { env })).code).toBe(0);
  });

  test('ask with no text prints its usage', async () => {
    const result = await runAftercare(['ask'], { env });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('usage: aftercare ask "<text>"');
  });
});

describe('aftercare ask --conversation ID', () => {
  test('consecutive calls with the same id continue one conversation (its pending question)', async () => {
    const first = await runAftercare(
      [
        'ask',
        'Is my washing machine still under warranty?',
        '--conversation',
        'script-1',
        '--json',
      ],
      { env },
    );
    expect(JSON.parse(first.stdout)).toMatchObject({ intent: 'warranty-status' });
    // A wrong serial ("12345") is taken as an attempt only as the answer to the question before.
    const second = await runAftercare(['ask', '12345', '--conversation', 'script-1', '--json'], {
      env,
    });
    expect(JSON.parse(second.stdout)).toMatchObject({ intent: 'warranty-status' });
    const alone = await runAftercare(['ask', '12345', '--conversation', 'script-2', '--json'], {
      env,
    });
    expect(JSON.parse(alone.stdout)).toMatchObject({ intent: null });
  });
});
