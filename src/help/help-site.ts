/**
 * The help centre as a function of a path: the server answers from it and `aftercare help
 * build` writes every path it lists. Unknown locales and ids get the 404 page in the default
 * language.
 */
import type { HelpContext } from './help-context';
import { helpScript } from './help-script';
import {
  branchesPage,
  faqPage,
  indexPage,
  notFoundPage,
  searchPage,
  warrantyIndexPage,
  warrantyPage,
} from './pages';
import { searchHelp } from './search';
import { helpStyles } from './styles';

export interface HelpResponse {
  readonly status: 200 | 301 | 404;
  readonly type: 'text/html' | 'application/json' | 'text/javascript' | 'text/css';
  readonly body: string;
  readonly location?: string;
}

const html = (body: string, status: 200 | 404 = 200): HelpResponse => ({
  status,
  type: 'text/html',
  body,
});

export function renderHelp(
  context: HelpContext,
  pathname: string,
  query: URLSearchParams,
  minScore: number,
): HelpResponse {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2);
  const [first, second, third] = parts;
  if (first === undefined)
    return { status: 301, type: 'text/html', body: '', location: `/help/${context.defaultLocale}` };
  if (first === 'assets' && second === 'help.js' && parts.length === 2)
    return { status: 200, type: 'text/javascript', body: helpScript };
  // A stylesheet file, not a <style> element: the server's CSP allows no inline style.
  if (first === 'assets' && second === 'help.css' && parts.length === 2)
    return { status: 200, type: 'text/css', body: helpStyles(context.brand.primaryColor) };
  if ((first === 'search' || first === 'search.json') && parts.length === 1) {
    const requested = query.get('locale') ?? context.defaultLocale;
    const locale = context.locales.includes(requested) ? requested : context.defaultLocale;
    const text = query.get('q') ?? '';
    const hits = searchHelp(context, text, locale, minScore);
    if (first === 'search.json')
      return {
        status: 200,
        type: 'application/json',
        body: JSON.stringify({ query: text, locale, results: hits }),
      };
    return html(searchPage(context, locale, text, hits));
  }
  if (!context.locales.includes(first)) return html(notFoundPage(context), 404);
  const locale = first;
  if (second === undefined) return html(indexPage(context, locale));
  if (second === 'branches' && third === undefined) return html(branchesPage(context, locale));
  if (second === 'warranty') {
    if (third === undefined) return html(warrantyIndexPage(context, locale));
    const category = context.rules.categories[third];
    if (category && parts.length === 3) return html(warrantyPage(context, category, locale));
    return html(notFoundPage(context), 404);
  }
  const faq = context.brain.faqs.get(second);
  if (faq && third === undefined) return html(faqPage(context, faq, locale));
  return html(notFoundPage(context), 404);
}

/** Every page of the site, for the static export and its sitemap. */
export function helpPaths(context: HelpContext): string[] {
  return context.locales.flatMap((locale) => [
    `/help/${locale}`,
    `/help/${locale}/branches`,
    `/help/${locale}/warranty`,
    ...Object.keys(context.rules.categories).map((id) => `/help/${locale}/warranty/${id}`),
    ...context.brain.knowledge.faqs.map((faq) => `/help/${locale}/${faq.id}`),
  ]);
}
