/**
 * `.env.example` lists every variable the code reads (issue 14 point 5, and every channel's rule):
 * each quoted AFTERCARE_/TWILIO_/SLACK_/TELEGRAM_/TEAMS_/Microsoft… name in src/ and adapters/
 * has its line there, commented out or not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const NAME =
  /['"`]((?:AFTERCARE|TWILIO|SLACK|TELEGRAM|TEAMS|Microsoft)[A-Za-z0-9]*_?[A-Za-z0-9_]*)['"`]/g;

const readNames = new Set(
  ['src', 'adapters']
    .flatMap((dir) => sourceFiles(path.join(repoRoot, dir)))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(NAME)].map((match) => match[1]!)),
);
const listed = new Set(
  readFileSync(path.join(repoRoot, '.env.example'), 'utf8')
    .split('\n')
    .flatMap((line) => /^#?\s*([A-Za-z][A-Za-z0-9_]*)=/.exec(line)?.[1] ?? []),
);

test('every variable the code reads is in .env.example', () => {
  for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WEBHOOK_BASE_URL'])
    expect(readNames).toContain(name);
  expect([...readNames].filter((name) => !listed.has(name)).sort()).toEqual([]);
});
