/** The help centre's pages, each rendered from the knowledge and warranty rules as they are now. */
import type { FaqEntry } from '../core/knowledge/knowledge';
import { formatList, renderMessage } from '../core/warranty/render';
import { costKinds, localized, type CategoryRule } from '../core/warranty/rules';
import type { HelpContext } from './help-context';
import { escapeHtml, markdownToHtml, textWithPhones } from './html';
import { renderPage } from './layout';
import type { SearchHit } from './search';

/** Topic groups in the order customers look for them; an entry goes in the first its tags name. */
const tagGroups = [
  'warranty',
  'returns',
  'repair',
  'installation',
  'maintenance',
  'training',
  'contact',
  'support',
];

export const groupOf = (faq: FaqEntry): string =>
  tagGroups.find((tag) => faq.tags.includes(tag)) ?? 'other';

/** An entry's title: its first question in the locale. */
export const faqTitle = (context: HelpContext, faq: FaqEntry, locale: string): string =>
  (faq.questions[locale] ?? faq.questions[context.defaultLocale] ?? [faq.id])[0] ?? faq.id;

const h = escapeHtml;

export function indexPage(context: HelpContext, locale: string): string {
  const t = (key: string) => context.texts.message(key, locale);
  const groups = [...tagGroups, 'other']
    .map((group) => ({
      group,
      faqs: context.brain.knowledge.faqs.filter((faq) => groupOf(faq) === group),
    }))
    .filter(({ faqs }) => faqs.length > 0);
  const body = `<h1>${h(t('help-title'))}</h1>
<p>${h(t('help-intro'))}</p>
${groups
  .map(
    ({ group, faqs }) =>
      `<section><h2>${h(t(`help-tag-${group}`))}</h2><ul>${faqs
        .map(
          (faq) =>
            `<li><a href="/help/${locale}/${faq.id}">${h(faqTitle(context, faq, locale))}</a></li>`,
        )
        .join('')}</ul></section>`,
  )
  .join('\n')}
<section><h2>${h(t('help-branches'))}</h2><p><a href="/help/${locale}/branches">${h(t('help-branches'))}</a></p></section>
<section><h2>${h(t('help-warranty'))}</h2><ul>${Object.values(context.rules.categories)
    .map(
      (category) =>
        `<li><a href="/help/${locale}/warranty/${category.id}">${h(categoryName(context, category, locale))}</a></li>`,
    )
    .join('')}</ul></section>`;
  return renderPage(context, {
    locale,
    title: t('help-title'),
    path: (other) => `/help/${other}`,
    body,
  });
}

export function faqPage(context: HelpContext, faq: FaqEntry, locale: string): string {
  const title = faqTitle(context, faq, locale);
  const answer = context.texts.pick(faq.answers, locale);
  const body = `<article><h1>${h(title)}</h1>\n${markdownToHtml(answer)}</article>${contactBox(context, locale)}`;
  return renderPage(context, { locale, title, path: (other) => `/help/${other}/${faq.id}`, body });
}

export function branchesPage(context: HelpContext, locale: string): string {
  const t = (key: string) => context.texts.message(key, locale);
  const pick = (text: Readonly<Record<string, string>>) => context.texts.pick(text, locale);
  const body = `<h1>${h(t('help-branches'))}</h1>
${context.brain.branches
  .map(
    (branch) => `<section class="branch"><h2>${h(pick(branch.name))}</h2><dl>
<dt>${h(t('help-phone'))}</dt><dd>${textWithPhones(branch.phone)}</dd>
${Object.keys(branch.address).length > 0 ? `<dt>${h(t('help-address'))}</dt><dd>${h(pick(branch.address))}</dd>` : ''}
<dt>${h(t('help-hours'))}</dt><dd>${h(pick(branch.hours))}</dd></dl></section>`,
  )
  .join('\n')}`;
  return renderPage(context, {
    locale,
    title: t('help-branches'),
    path: (other) => `/help/${other}/branches`,
    body,
  });
}

function categoryName(context: HelpContext, category: CategoryRule, locale: string): string {
  return localized(category.name, locale, context.rules.defaultLocale);
}

const months = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : locale, {
    style: 'unit',
    unit: 'month',
    unitDisplay: 'long',
  }).format(value);

export function warrantyIndexPage(context: HelpContext, locale: string): string {
  const t = (key: string) => context.texts.message(key, locale);
  const body = `<h1>${h(t('help-warranty'))}</h1><ul>${Object.values(context.rules.categories)
    .map(
      (category) =>
        `<li><a href="/help/${locale}/warranty/${category.id}">${h(categoryName(context, category, locale))}</a></li>`,
    )
    .join('')}</ul>`;
  return renderPage(context, {
    locale,
    title: t('help-warranty'),
    path: (other) => `/help/${other}/warranty`,
    body,
  });
}

/** A category's terms, every sentence from the warranty rules and their messages. */
export function warrantyPage(context: HelpContext, category: CategoryRule, locale: string): string {
  const { rules } = context;
  const t = (key: string, params?: Readonly<Record<string, string>>) =>
    context.texts.message(key, locale, params);
  const pick = (text: Readonly<Record<string, string>>) =>
    localized(text, locale, rules.defaultLocale);
  const name = categoryName(context, category, locale);
  const costs = (covers: CategoryRule['covers']) =>
    formatList(
      costKinds
        .filter((kind) => covers[kind])
        .map((kind) => renderMessage(rules, `cost-${kind}`, locale)),
      locale,
    );
  const period = t(category.from === 'delivery' ? 'help-period-delivery' : 'help-period-purchase', {
    months: months(category.months, locale),
  });
  const plans = Object.values(rules.plans).filter(
    (plan) => plan.categories === null || plan.categories.includes(category.id),
  );
  const regions = Object.values(rules.regions).filter((region) => region.statutoryMonths !== null);
  const section = (heading: string, html: string) =>
    `<section><h2>${h(heading)}</h2>${html}</section>`;
  const body = `<h1>${h(t('help-warranty'))}: ${h(name)}</h1>
${section(t('help-warranty-period'), `<p>${h(period)}</p><p>${h(renderMessage(rules, 'costs', locale, { costs: costs(category.covers) }))}</p>`)}
${category.parts.length === 0 ? '' : section(t('help-warranty-parts'), `<ul>${category.parts.map((part) => `<li>${h(pick(rules.parts[part.part]?.name ?? {}))}: ${h(months(part.months, locale))}</li>`).join('')}</ul>`)}
${rules.exclusions.length === 0 ? '' : section(t('help-warranty-exclusions'), `<ul>${rules.exclusions.map((exclusion) => `<li>${h(pick(exclusion.text))}</li>`).join('')}</ul>`)}
${plans.length === 0 ? '' : section(t('help-warranty-plans'), plans.map((plan) => `<h3>${h(pick(plan.name))}</h3>${markdownToHtml(pick(plan.description))}`).join(''))}
${regions.length === 0 ? '' : section(t('help-warranty-statutory'), `<ul>${regions.map((region) => `<li>${h(pick(region.name))}: ${h(months(region.statutoryMonths ?? 0, locale))}</li>`).join('')}</ul>`)}
<p>${h(renderMessage(rules, 'proof', locale, { documents: pick(rules.terms.proofDocuments) }))}${rules.terms.transfersOnResale ? ` ${h(renderMessage(rules, 'transfer', locale))}` : ''}</p>`;
  return renderPage(context, {
    locale,
    title: `${t('help-warranty')}: ${name}`,
    path: (other) => `/help/${other}/warranty/${category.id}`,
    body,
  });
}

/** The chat and the head office's phone, offered under answers and when nothing matches. */
function contactBox(context: HelpContext, locale: string): string {
  const t = (key: string) => context.texts.message(key, locale);
  const phone = headOfficePhone(context);
  return `<p class="contact"><a class="button" href="/" data-open-chat>${h(t('help-open-chat'))}</a>${
    phone
      ? // The label in the page's direction, the number isolated left to right (never 66097851-021).
        ` <a class="button" href="tel:${phone.replace(/[^0-9+]/g, '')}">${h(t('help-call'))}: <bdi dir="ltr">${h(phone)}</bdi></a>`
      : ''
  }</p>`;
}

export const headOfficePhone = (context: HelpContext): string =>
  (
    context.brain.branches.find((branch) => branch.kind === 'head-office') ??
    context.brain.branches[0]
  )?.phone ?? '';

export function searchPage(
  context: HelpContext,
  locale: string,
  query: string,
  hits: readonly SearchHit[],
): string {
  const t = (key: string, params?: Readonly<Record<string, string>>) =>
    context.texts.message(key, locale, params);
  const results =
    hits.length === 0
      ? `<p class="no-results">${textWithPhones(t('help-no-results', { query, phone: headOfficePhone(context) }))}</p>${contactBox(context, locale)}`
      : `<ol class="results">${hits
          .map(
            (hit) =>
              `<li><a href="${hit.url}">${h(hit.title)}</a><p class="snippet">${h(hit.snippet)}</p></li>`,
          )
          .join('')}</ol>`;
  const body = `<h1>${h(t('help-results', { query }))}</h1>\n${results}`;
  return renderPage(context, {
    locale,
    title: t('help-results', { query }),
    path: () => null,
    body,
    query,
  });
}

export function notFoundPage(context: HelpContext): string {
  const locale = context.defaultLocale;
  const t = (key: string) => context.texts.message(key, locale);
  const body = `<h1>${h(t('help-not-found'))}</h1><p>${h(t('help-not-found-text'))}</p><p><a href="/help/${locale}">${h(t('help-home'))}</a></p>`;
  return renderPage(context, { locale, title: t('help-not-found'), path: () => null, body });
}
