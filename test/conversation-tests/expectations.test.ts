/**
 * `aftercare test --dir D`: every part of a turn's expectation can fail, and the file's clock and
 * units fixture decide the answer. The same conversation passes under one clock and fails, with
 * its line, under a clock past the unit's cover.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const warrantyAt = (clock: string): string => `clock: ${clock}
units: units.csv
conversations:
  - name: warranty of the fixture's phone
    turns:
      - user: 'Is my phone still under warranty?'
        expect: { intent: warranty-status }
      - user: NV12-2601-1001
        expect: { kind: answer, must: 'under warranty until', mustNot: 'no longer' }
  - name: a pressed button and a locale hint
    turns:
      - user: 'not working'
        locale: en
        expect: { kind: clarify, locale: en }
      - press: '#1'
        expect: { kind: answer, locale: en }
`;

const wrong = `conversations:
  - name: every field wrong
    turns:
      - user: 'What are your opening hours?'
        expect: { kind: clarify, locale: fa, faq: repair-cost, mustNot: '08:00', buttons: ['Gift cards'] }
  - name: silence expected
    turns:
      - user: 'How long is the warranty?'
        expect: { silent: true }
  - name: a button never offered
    turns:
      - user: 'How long is the warranty?'
      - press: 'Gift cards'
        expect: { kind: answer }
`;

test('each expectation fails when it does not hold, naming file and line; the clock and fixture decide', async () => {
  const rootDir = makeTempDir('aftercare-expectations-');
  const dir = path.join(rootDir, 'checks');
  mkdirSync(dir);
  copyFileSync(
    path.join(repoRoot, 'conversations/fixtures/units.csv'),
    path.join(dir, 'units.csv'),
  );
  writeFileSync(path.join(dir, 'in-cover.yaml'), warrantyAt('2026-06-01T09:00:00Z'));
  writeFileSync(path.join(dir, 'past-cover.yaml'), warrantyAt('2031-06-01T09:00:00Z'));
  writeFileSync(path.join(dir, 'wrong.yaml'), wrong);

  const result = await runAftercare(['test', '--dir', dir]);
  expect(result.code).toBe(1);
  const out = result.stdout;
  expect(out).toContain(`ok   ${dir}/in-cover.yaml: warranty of the fixture's phone`);
  expect(out).toContain(`ok   ${dir}/in-cover.yaml: a pressed button and a locale hint`);
  expect(out).toContain(`ok   ${dir}/past-cover.yaml: a pressed button and a locale hint`);
  expect(out).toContain(`FAIL ${dir}/past-cover.yaml: warranty of the fixture's phone`);
  expect(out).toMatch(/\b4 failed\n$/);

  const failures = result.stderr.split(/^(?=FAIL )/m);
  const failure = (at: string): string => failures.find((text) => text.startsWith(at)) ?? '';
  const pastCover = failure(`FAIL ${dir}/past-cover.yaml:8: "warranty of the fixture's phone"`);
  expect(pastCover).toContain('text must contain "under warranty until"');
  expect(pastCover).toContain('text must not contain "no longer"');

  const everyField = failure(`FAIL ${dir}/wrong.yaml:4: "every field wrong", turn 1`);
  for (const line of [
    'kind: expected clarify, got answer',
    'faq: expected repair-cost, got opening-hours',
    'locale: expected fa, got en',
    'text must not contain "08:00"',
    'button "Gift cards" not offered',
  ])
    expect(everyField).toContain(line);
  expect(failure(`FAIL ${dir}/wrong.yaml:8: "silence expected", turn 1`)).toContain(
    'expected silence, got: answer',
  );
  expect(failure(`FAIL ${dir}/wrong.yaml:13: "a button never offered", turn 2`)).toContain(
    'cannot press "Gift cards"',
  );
}, 90_000);
