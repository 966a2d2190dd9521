/**
 * The web chat's static side: the chat page (framable by the allowed origins), its script and
 * styles, the embed script /webchat/widget.js, a theme stylesheet from the configured branding
 * (a file, not inline style, so the CSP stays strict) and /webchat/config with the UI texts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpRoutes } from '../../src/core/channel';
import type { WebchatStrings } from '../../src/config/load-webchat-texts';
import type { WebchatConfig } from '../../src/config/webchat-schema';
import { inScript } from '../../src/core/texts';
import { sendJson } from '../../src/server/http-body';
import { allowFraming } from '../../src/server/security-headers';

export interface WebchatAssetOptions {
  readonly webchat: WebchatConfig;
  readonly texts: () => Record<string, WebchatStrings>;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
}

const publicDir = path.join(__dirname, 'public');
const files: Record<string, { file: string; type: string; framable?: boolean }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8', framable: true },
  '/webchat/frame': { file: 'index.html', type: 'text/html; charset=utf-8', framable: true },
  '/webchat/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/webchat/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/webchat/widget.js': { file: 'widget.js', type: 'text/javascript; charset=utf-8' },
};

export function mountWebchatAssets(routes: HttpRoutes, options: WebchatAssetOptions): void {
  const { branding, allowedOrigins } = options.webchat;
  for (const [route, asset] of Object.entries(files)) {
    const body = readFileSync(path.join(publicDir, asset.file));
    routes.add('GET', route, (_request, response) => {
      if (asset.framable) allowFraming(response, allowedOrigins);
      response.writeHead(200, {
        'content-type': asset.type,
        'cache-control': 'no-cache',
        'content-length': body.length,
      });
      response.end(body);
    });
  }
  const theme = Buffer.from(
    `:root{--user:${branding.colours.primary};--bg:${branding.colours.background};--ink:${branding.colours.text};}\n`,
  );
  routes.add('GET', '/webchat/theme.css', (_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'no-cache',
      'content-length': theme.length,
    });
    response.end(theme);
  });
  routes.add('GET', '/webchat/config', (_request, response) => {
    const texts = options.texts();
    sendJson(response, 200, {
      locales: options.locales,
      defaultLocale: options.defaultLocale,
      name: branding.name ?? null,
      logoUrl: branding.logoUrl ?? null,
      texts: Object.fromEntries(
        Object.entries(texts).map(([locale, strings]) => [
          locale,
          { ...strings, welcome: brandedWelcome(branding.welcome, locale) ?? strings.welcome },
        ]),
      ),
    });
  });
}

/** The configured welcome for `locale`; for a Latin variant (sr-Latn), the base one transliterated. */
function brandedWelcome(welcome: Readonly<Record<string, string>>, locale: string): string | null {
  const own = welcome[locale];
  if (own !== undefined) return own;
  const base = /^(.+)-Latn$/.exec(locale)?.[1];
  const text = base === undefined ? undefined : welcome[base];
  return base === undefined || text === undefined ? null : inScript(text, base, 'latin');
}
