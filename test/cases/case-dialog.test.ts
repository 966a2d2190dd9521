/**
 * The case dialogs against the real app and SQLite, as a careless or hostile customer would use
 * them: forged and stale buttons, a double press, an unknown serial, a city we do not serve.
 */
import path from 'node:path';
import type { App } from '../../src/app';
import type { Reply } from '../../src/core/message';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { customer as customerOf, openCaseApp } from './support/case-app';

let app: App;
const customer = (who: string) => customerOf(app, who);

beforeEach(async () => {
  app = await openCaseApp(
    path.join(makeTempDir('aftercare-cases-'), 'aftercare.db'),
    'serial,model,purchase_date,delivery_date,region\nNV12-2601-1001,nova-12,2026-01-05,,ir\n',
  );
});
afterEach(async () => {
  await app.close();
  removeTempDirs();
});

const textOf = (replies: readonly Reply[]): string => replies.map((one) => one.text).join('\n');
const casesOf = () => createSqliteCaseStore(app.db).listCases({});

it('a forged slot, a double press and a stale button book nothing more than the one slot', async () => {
  const send = customer('c1');
  await send('I dropped my phone in water');
  await send('NV12-2601-1001');
  const offer = await send('Tehran');
  const slot = offer[0]?.choices[0]?.id ?? '';
  expect(slot).toMatch(/^case:slot:2026-06-02T/);
  // A slot the schedule does not have (a Friday at 03:00), and one that is not even a date.
  for (const forged of ['case:slot:2026-06-05T00:30:00.000Z', 'case:slot:<script>', 'case:slot:'])
    expect(textOf(await send('x', forged))).not.toMatch(/R-\d{4}-\d{4}/);
  expect(await casesOf()).toHaveLength(0);
  expect(textOf(await send('x', slot))).toMatch(/Your case number is R-2606-0001/);
  // Pressed again (a double tap, a replayed button): no second case; the booking is named.
  expect(textOf(await send('x', slot))).toMatch(
    /^That time is already booked for you: .+, case R-2606-0001\.$/,
  );
  // Another time of the same, finished offer books nothing and says how to start again.
  const other = offer[0]?.choices[1]?.id ?? '';
  expect(other).toMatch(/^case:slot:/);
  expect(textOf(await send('x', other))).toMatch(/^That list of times is no longer open/);
  // The same button replayed by someone else is not their booking.
  expect(textOf(await customer('c9')('x', slot))).toMatch(/^That list of times is no longer open/);
  expect(textOf(await send('x', 'case:fixed'))).not.toMatch(/Glad it works/);
  const cases = await casesOf();
  expect(cases).toHaveLength(1);
  expect(cases[0]).toMatchObject({
    kind: 'repair',
    serial: 'NV12' + '26011001',
    category: 'phone',
    symptom: 'water-damage',
    appointment: { branch: 'repair-centre', mode: 'carry-in' },
  });
  expect(cases[0]?.description).toMatch(/paid: diagnosis 2500000 IRR/);
});

it('an unknown serial is asked again, then a person is offered; a city we do not serve lists ours', async () => {
  const send = customer('c2');
  await send('I dropped my phone in water');
  for (let attempt = 1; attempt < 3; attempt++)
    expect(textOf(await send('NV12-2601-9999'))).toMatch(/I cannot find NV1226019999/);
  const last = await send('NV12-2601-9998');
  expect(last[0]?.choices.map((choice) => choice.id)).toContain('human');

  const other = customer('c3');
  await other('I dropped my phone in water');
  await other('NV12-2601-1001');
  const unknown = await other('Mashhad');
  expect(textOf(unknown)).toMatch(/I don't have that city/);
  expect(unknown[0]?.choices.map((choice) => choice.id)).toContain('case:city:karaj');
  expect(textOf(await other('Karaj'))).toMatch(/bring your Nova 12 to West Branch/);
});
