/**
 * A reply's "Read more" link as a channel outside the bot's own server can use it: only an
 * absolute http(s) address (help.baseUrl set). A bare path (/help/en/…) is for the web chat only.
 */
import type { Reply } from '../../src/core/message';
import { isSafeUrl } from './markdown';

export function publicReadMore(reply: Reply): { label: string; url: string } | null {
  const link = reply.readMore;
  return link && /^https?:\/\//i.test(link.url) && isSafeUrl(link.url) ? link : null;
}
