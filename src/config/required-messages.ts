/** A messages file's required keys: each missing key is an error, each missing locale a warning (both file:line). */
import type { Problem } from './located-error';
import type { Located } from './parse-located';

export function checkRequiredMessages(
  file: string,
  located: Located<Readonly<Record<string, Readonly<Record<string, string>>>>>,
  keys: readonly string[],
  locales: readonly string[],
  found: { readonly problems: Problem[]; readonly warnings: Problem[] },
): void {
  for (const key of keys) {
    const texts = located.data[key];
    if (!texts) {
      found.problems.push({
        file,
        line: 1,
        field: key,
        message: 'required message is missing; add it with a text per locale',
      });
      continue;
    }
    for (const locale of locales)
      if (texts[locale] === undefined)
        found.warnings.push({
          file,
          line: located.lineOf([key]),
          field: `${key}.${locale}`,
          message: `no "${locale}" text; the default locale's text is used`,
        });
  }
}
