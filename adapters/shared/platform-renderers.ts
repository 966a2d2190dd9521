/**
 * The Markdown subset written for each platform. Each one escapes the characters its platform
 * reads as markup, so customer-visible text is shown as typed.
 */
import { isSafeUrl } from './markdown';
import type { MarkupRenderer } from './render';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Telegram's HTML parse mode: only `&`, `<`, `>` (and `"` in attributes) need escaping. */
export const telegramHtml: MarkupRenderer = {
  text: escapeHtml,
  bold: (rendered) => `<b>${rendered}</b>`,
  link: (text, url) =>
    isSafeUrl(url, ['http:', 'https:', 'tg:'])
      ? `<a href="${escapeHtml(url).replace(/"/g, '&quot;')}">${escapeHtml(text)}</a>`
      : `${escapeHtml(text)} (${escapeHtml(url)})`,
  listItem: (number, rendered) => `${number === null ? '•' : `${number}.`} ${rendered}`,
};

/**
 * Slack mrkdwn: `&`, `<`, `>` are the only characters Slack lets us escape; links are
 * `<url|text>`, bold is `*text*`.
 */
export const slackMrkdwn: MarkupRenderer = {
  text: escapeHtml,
  bold: (rendered) => `*${rendered}*`,
  link: (text, url) =>
    isSafeUrl(url)
      ? `<${escapeHtml(url).replace(/\|/g, '%7C')}|${escapeHtml(text)}>`
      : `${escapeHtml(text)} (${escapeHtml(url)})`,
  listItem: (number, rendered) => `${number === null ? '•' : `${number}.`} ${rendered}`,
};

const MARKDOWN_SPECIAL = /[\\`*_[\]]/g;

/** Teams' Markdown (`textFormat: 'markdown'`): backslash escapes, plus entities for HTML. */
export const teamsMarkdown: MarkupRenderer = {
  text: (text) => escapeHtml(text).replace(MARKDOWN_SPECIAL, (character) => `\\${character}`),
  bold: (rendered) => `**${rendered}**`,
  link: (text, url) => {
    const label = teamsMarkdown.text(text);
    return isSafeUrl(url)
      ? `[${label}](${url.replace(/[()\s]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`
      : `${label} (${teamsMarkdown.text(url)})`;
  },
  listItem: (number, rendered) => `${number === null ? '-' : `${number}.`} ${rendered}`,
};
