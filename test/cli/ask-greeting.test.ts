/**
 * `aftercare ask <greeting> --json` with the shipped configuration: a greeting or one-word message
 * with no locale hint is answered in its own language, and a weak guess never beats defaultLocale.
 */
import path from 'node:path';
import { runAftercare } from '../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const env = { AFTERCARE_DB: path.join(makeTempDir('aftercare-ask-greeting-'), 'ask.db') };

async function ask(text: string): Promise<{ intent: string | null; locale: string }> {
  const result = await runAftercare(['ask', text, '--json'], { env });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as { intent: string | null; locale: string };
}

describe('the right language from the first word', () => {
  test.each([
    ['hi', 'en'],
    ['hello', 'en'],
    ['Γεια', 'el'],
    ['Здраво', 'sr'],
    ['Zdravo', 'sr'],
    ['வணக்கம்', 'ta'],
    ['chào', 'vi'],
    ['سلام', 'fa'],
    ['salam', 'fa'],
  ])('%s is greeted in %s', async (text, locale) => {
    expect(await ask(text)).toEqual(expect.objectContaining({ intent: 'greeting', locale }));
  });

  test('a short word of no clear language is answered in the default language', async () => {
    expect((await ask('ok')).locale).toBe('en');
  });
});
