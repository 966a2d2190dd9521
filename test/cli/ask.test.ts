/**
 * `aftercare ask "<text>" [--locale xx] [--json]` on the shipped knowledge: the JSON shape, the
 * warranty question in English and Persian, the repair centre's phone number from the branch
 * directory in every language (Serbian in both scripts), and a knowledge error that stops the
 * command with file:line instead of a stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { knowledgeTree } from '../helpers/knowledge-tree';
import { repoRoot } from '../helpers/paths';
import { runAftercare, stackTraceLine } from '../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

interface AskJson {
  kind: 'answer' | 'clarify' | 'handoff';
  intent: string | null;
  faq: string | null;
  confidence: number;
  locale: string;
  text: string;
  choices: { id: string; label: string }[];
  handoffReason?: string;
}

const env = (): Record<string, string> => ({
  AFTERCARE_DB: path.join(makeTempDir('aftercare-ask-'), 'ask.db'),
});

async function askJson(text: string, ...flags: string[]): Promise<AskJson> {
  const result = await runAftercare(['ask', text, '--json', ...flags], { env: env() });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as AskJson;
}

const messages = parse(
  readFileSync(path.join(repoRoot, 'knowledge', 'messages.yaml'), 'utf8'),
) as Record<string, Record<string, string>>;
const branches = (
  parse(readFileSync(path.join(repoRoot, 'knowledge', 'branches.yaml'), 'utf8')) as {
    branches: { id: string; phone: string }[];
  }
).branches;
const repairCentrePhone = branches.find((branch) => branch.id === 'repair-centre')?.phone;

describe('aftercare ask --json', () => {
  it('does not guess on an unrelated question: it offers a person instead', async () => {
    const reply = await askJson('what is the capital of France');
    expect(reply.faq).toBeNull();
    expect(reply.intent).toBeNull();
    expect(reply.kind === 'handoff' || reply.choices.some((choice) => choice.id === 'human')).toBe(
      true,
    );
  });

  it('prints one object with exactly the documented fields', async () => {
    const reply = await askJson('How long is the warranty?');
    expect(
      Object.keys(reply)
        .filter((key) => key !== 'handoffReason')
        .sort(),
    ).toEqual(['choices', 'confidence', 'faq', 'intent', 'kind', 'locale', 'text']);
    expect(['answer', 'clarify', 'handoff']).toContain(reply.kind);
    expect(reply.confidence).toBeGreaterThanOrEqual(0);
    expect(reply.confidence).toBeLessThanOrEqual(1);
    for (const choice of reply.choices) expect(Object.keys(choice).sort()).toEqual(['id', 'label']);
  });

  it('answers "How long is the warranty?" from the warranty FAQ, in English', async () => {
    expect(await askJson('How long is the warranty?')).toMatchObject({
      kind: 'answer',
      faq: 'warranty-period',
      locale: 'en',
    });
  });

  it('answers "گارانتی محصول چقدر است؟" from the warranty FAQ, in Persian', async () => {
    expect(await askJson('گارانتی محصول چقدر است؟')).toMatchObject({
      kind: 'answer',
      faq: 'warranty-period',
      locale: 'fa',
    });
  });

  it('--locale is the language for a message with no words to detect one from', async () => {
    const reply = await askJson('', '--locale', 'fa');
    expect(reply).toMatchObject({
      kind: 'answer',
      locale: 'fa',
      text: messages['empty-message']?.fa,
    });
  });
});

describe("the repair centre's phone number, from the branch directory", () => {
  it('the number is in knowledge/branches.yaml (from the Persian source)', () => {
    expect(repairCentrePhone).toMatch(/^0\d{2}-\d{8}$/);
  });

  it.each([
    ['en', 'What is the phone number of the repair centre?', /[A-Za-z]/],
    [
      'vi',
      'Số điện thoại của trung tâm sửa chữa là gì?',
      /[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i,
    ],
    ['el', 'Ποιο είναι το τηλέφωνο του κέντρου επισκευών;', /\p{Script=Greek}/u],
    ['sr', 'Који је број телефона сервисног центра?', /\p{Script=Cyrillic}/u],
    ['sr', 'Koji je broj telefona servisnog centra?', /[A-Za-zčćšžđ]/],
    ['ta', 'பழுதுபார்ப்பு மையத்தின் தொலைபேசி எண் என்ன?', /\p{Script=Tamil}/u],
  ])('%s: %s', async (locale, question, script) => {
    const reply = await askJson(question);
    expect(reply).toMatchObject({ kind: 'answer', intent: 'branch-lookup', locale });
    expect(reply.text).toContain(repairCentrePhone);
    expect(reply.text).toMatch(script);
  });

  it('a question in Serbian Latin is answered in Latin, without Cyrillic letters', async () => {
    const reply = await askJson('Koji je broj telefona servisnog centra?');
    expect(reply.text).not.toMatch(/\p{Script=Cyrillic}/u);
  });
});

describe('aftercare ask without --json', () => {
  it('prints the reply text', async () => {
    const result = await runAftercare(['ask', '   '], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${messages['empty-message']?.en}\n`);
  });
});

describe('a knowledge error stops the command', () => {
  it('with one file:line line per problem and exit 1, never a stack trace', async () => {
    const rootDir = knowledgeTree({}, { base: 'knowledge-broken', withConfig: true });
    const result = await runAftercare(['ask', 'hello', '--json'], { rootDir, env: env() });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'error: knowledge/faq/unclosed.md:1: front matter is not closed',
    );
    expect(result.stderr).toContain('error: knowledge/branches.yaml:9: branches[1].phone:');
    expect(result.stderr).toMatch(/Aftercare did not start: fix the file\(s\) above/);
    expect(result.stderr).not.toMatch(stackTraceLine);
  });
});
