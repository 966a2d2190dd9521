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
  ])('%s is greeted in %s', async (text, locale) => {
    expect(await ask(text)).toEqual(expect.objectContaining({ intent: 'greeting', locale }));
  });

  // Finglish "salam" may be Persian or the default language, never Serbian (issue 11). It is not
  // taught as a greeting yet: adding Latin-script Persian utterances shifted the shipped
  // conversation tests' scores, so that waits for the synonyms work.
  test('salam is answered in Persian, never in Serbian', async () => {
    expect((await ask('salam')).locale).toBe('fa');
  });

  test('a short word of no clear language is answered in the default language', async () => {
    expect((await ask('ok')).locale).toBe('en');
  });
});
