/**
 * The "Read more" address of an FAQ entry: its help-centre page, absolute on `help.baseUrl` when
 * one is configured (every channel can link it), otherwise the server's own path, which only the
 * web chat (served by the same server) can link.
 */
export function articleUrlFor(help: {
  readonly readMoreLinks: boolean;
  readonly baseUrl: string | null;
}): ((faqId: string, locale: string) => string) | undefined {
  if (!help.readMoreLinks) return undefined;
  const base = (help.baseUrl ?? '').replace(/\/+$/, '');
  return (faqId, locale) =>
    `${base}/help/${encodeURIComponent(locale)}/${encodeURIComponent(faqId)}`;
}
