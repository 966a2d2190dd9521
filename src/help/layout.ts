/**
 * The page shell shared by every help page: `lang`/`dir`, canonical and `hreflang` alternates,
 * the branded header, the search box (a plain GET form; help.js only adds suggestions), the
 * stylesheet, and the chat widget's script, which loads only where the widget is served.
 */
import { nativeName } from '../core/texts';
import { escapeHtml } from './html';
import type { HelpContext } from './help-context';

export interface PageSpec {
  readonly locale: string;
  readonly title: string;
  /** Path of this page in `locale`, e.g. /help/fa/warranty-period; null for no canonical. */
  readonly path: (locale: string) => string | null;
  readonly body: string;
  readonly query?: string;
}

export function renderPage(context: HelpContext, page: PageSpec): string {
  const { locale } = page;
  const t = (key: string, params?: Readonly<Record<string, string>>) =>
    context.texts.message(key, locale, params);
  const own = page.path(locale);
  const others = context.locales.filter((other) => other !== locale);
  const alternates = context.locales
    .map((other) => ({ other, path: page.path(other) }))
    .filter((entry): entry is { other: string; path: string } => entry.path !== null);
  const brand = context.brand;
  const logo = brand.logoUrl ? `<img src="${escapeHtml(brand.logoUrl)}" alt="" height="32">` : '';
  const languageLinks = others
    .map((other) => ({ other, path: page.path(other) ?? `/help/${other}` }))
    .map(
      ({ other, path }) =>
        `<li><a href="${escapeHtml(path)}" hreflang="${other}" lang="${other}">${escapeHtml(nativeName(other))}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${locale}" dir="${context.direction(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · ${escapeHtml(brand.name)}</title>
${own === null ? '' : `<link rel="canonical" href="${escapeHtml(context.absolute(own))}">`}
${alternates.map(({ other, path }) => `<link rel="alternate" hreflang="${other}" href="${escapeHtml(context.absolute(path))}">`).join('\n')}
<link rel="stylesheet" href="/help/assets/help.css">
<script src="/help/assets/help.js" defer></script>
<script src="/webchat/widget.js" async></script>
</head>
<body>
<header class="top"><a class="brand" href="/help/${locale}">${logo}<span>${escapeHtml(brand.name)} · ${escapeHtml(t('help-title'))}</span></a></header>
<form class="search" role="search" action="/help/search" method="get">
<label for="q">${escapeHtml(t('help-search-label'))}</label>
<div class="row"><input id="q" name="q" type="search" value="${escapeHtml(page.query ?? '')}" autocomplete="off" data-suggest="/help/search.json" aria-controls="suggestions"><input type="hidden" name="locale" value="${locale}"><button type="submit">${escapeHtml(t('help-search-button'))}</button></div>
<ul id="suggestions" class="suggestions" aria-live="polite"></ul>
</form>
<main>
${page.body}
</main>
<footer>
<nav aria-label="${escapeHtml(t('help-languages'))}"><h2>${escapeHtml(t('help-languages'))}</h2><ul class="languages">${languageLinks}</ul></nav>
<p><a href="/help/${locale}">${escapeHtml(t('help-home'))}</a> · <a href="/help/${locale}/branches">${escapeHtml(t('help-branches'))}</a> · <a href="/help/${locale}/warranty">${escapeHtml(t('help-warranty'))}</a></p>
</footer>
</body>
</html>
`;
}
