/**
 * The key that signs web chat tokens: AFTERCARE_WEBCHAT_SECRET when set; otherwise one generated
 * on first start and kept in `webchat-secret` next to the database, so tokens survive restarts.
 * Rotating it (a new value, or deleting the file) ends every open web chat session.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function webchatSecret(
  env: Readonly<Record<string, string | undefined>>,
  databasePath: string,
): string {
  const fromEnv = env.AFTERCARE_WEBCHAT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32)
      throw new Error(
        'AFTERCARE_WEBCHAT_SECRET is too short: use at least 32 characters (e.g. openssl rand -hex 32)',
      );
    return fromEnv;
  }
  if (databasePath === ':memory:') return randomBytes(32).toString('hex');
  const file = path.join(path.dirname(databasePath), 'webchat-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * On PostgreSQL every replica must sign and check tokens with the same key, so it comes from the
 * environment; a process that serves no web chat (a CLI command) may do with a random one.
 */
export function sharedWebchatSecret(
  env: Readonly<Record<string, string | undefined>>,
  servesWebchat: boolean,
): string {
  if (env.AFTERCARE_WEBCHAT_SECRET || servesWebchat)
    return webchatSecret(
      { AFTERCARE_WEBCHAT_SECRET: env.AFTERCARE_WEBCHAT_SECRET ?? missingShared() },
      ':memory:',
    );
  return randomBytes(32).toString('hex');
}

function missingShared(): never {
  throw new Error(
    'AFTERCARE_WEBCHAT_SECRET is required with AFTERCARE_DATABASE_URL: every replica signs web chat tokens with the same key. Generate one with: openssl rand -hex 32',
  );
}
