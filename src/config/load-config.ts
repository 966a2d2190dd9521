/** Reads bot.config.json and applies the environment overrides documented in .env.example. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type BotConfig } from './config-schema';
import { KnowledgeError } from './located-error';
import { parseLocated } from './parse-located';
import { proxySchema } from './webchat-schema';

export interface LoadConfigOptions {
  readonly rootDir: string;
  /** Defaults to `<rootDir>/bot.config.json`. */
  readonly configPath?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedConfig extends BotConfig {
  readonly rootDir: string;
  /** Absolute database path after the AFTERCARE_DB override. */
  readonly databasePath: string;
}

export function loadConfig(options: LoadConfigOptions): ResolvedConfig {
  const configPath = options.configPath ?? path.join(options.rootDir, 'bot.config.json');
  const shown = path.relative(process.cwd(), configPath) || configPath;
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    throw new KnowledgeError([
      {
        file: shown,
        line: null,
        field: '',
        message: 'cannot read the configuration file; create it (see README, Configuration)',
      },
    ]);
  }
  const config = parseLocated({ file: shown, text }, configSchema);
  const given = options.env ?? {};
  // A blank `AFTERCARE_PORT=` line in .env means "not set", not port 0 or the project folder as a database.
  const env = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== ''),
  ) as typeof given;
  const port = env.AFTERCARE_PORT === undefined ? config.server.port : Number(env.AFTERCARE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KnowledgeError([
      {
        file: 'environment',
        line: null,
        field: 'AFTERCARE_PORT',
        message: 'must be a port number 0..65535',
      },
    ]);
  }
  const onChannelFailure = env.AFTERCARE_ON_CHANNEL_FAILURE ?? config.server.onChannelFailure;
  if (onChannelFailure !== 'exit' && onChannelFailure !== 'degraded') {
    throw new KnowledgeError([
      {
        file: 'environment',
        line: null,
        field: 'AFTERCARE_ON_CHANNEL_FAILURE',
        message: 'must be exit or degraded',
      },
    ]);
  }
  const storagePath = env.AFTERCARE_DB ?? config.storage.path;
  const trustedProxies = trustedProxiesFrom(env.AFTERCARE_TRUSTED_PROXIES);
  return {
    ...config,
    webchat: { ...config.webchat, trustedProxies: trustedProxies ?? config.webchat.trustedProxies },
    server: {
      ...config.server,
      port,
      host: env.AFTERCARE_HOST ?? config.server.host,
      onChannelFailure,
    },
    rootDir: options.rootDir,
    databasePath:
      storagePath === ':memory:' ? storagePath : path.resolve(options.rootDir, storagePath),
  };
}

/** AFTERCARE_TRUSTED_PROXIES: a comma-separated list that replaces webchat.trustedProxies. */
function trustedProxiesFrom(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = list.find((item) => !proxySchema.safeParse(item).success);
  if (bad !== undefined)
    throw new KnowledgeError([
      {
        file: 'environment',
        line: null,
        field: 'AFTERCARE_TRUSTED_PROXIES',
        message: `"${bad}" is not an IP address or network; use e.g. 10.0.0.7,10.0.0.0/8`,
      },
    ]);
  return list;
}
