/**
 * The reply Markdown (adapters/shared/markdown.ts) as HTML for the help centre: the same tree the
 * channels render, with real lists, safe links only, and phone numbers as `tel:` links.
 */
import { isSafeUrl, parseMarkdown, type Inline } from '../../adapters/shared/markdown';

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// A run of at least seven digits with dashes or spaces, in Latin or Persian digits: 021-66097859.
const PHONE = /\+?[0-9۰-۹][0-9۰-۹ -]{5,}[0-9۰-۹]/g;

const asciiDigits = (text: string): string =>
  text.replace(/[۰-۹]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0));

/** `tel:` target of a phone number as written. */
export const telUrl = (phone: string): string =>
  `tel:${asciiDigits(phone).replace(/[^0-9+]/g, '')}`;

export function textWithPhones(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${telUrl(match[0])}" dir="ltr">${escapeHtml(match[0])}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

function inline(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return textWithPhones(node.text);
      if (node.type === 'bold') return `<strong>${inline(node.children)}</strong>`;
      return isSafeUrl(node.url)
        ? `<a href="${escapeHtml(node.url)}">${escapeHtml(node.text)}</a>`
        : `${escapeHtml(node.text)} (${escapeHtml(node.url)})`;
    })
    .join('');
}

export function markdownToHtml(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      if (block.type === 'paragraph') return `<p>${block.lines.map(inline).join('<br>')}</p>`;
      const items = block.items.map((item) => `<li>${inline(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      return `<ol${block.start === 1 ? '' : ` start="${block.start}"`}>${items}</ol>`;
    })
    .join('\n');
}
