/**
 * The real app (createApp) with voice and SMS on, Twilio played by its local stand-in and staff
 * on the Slack stand-in, both on 127.0.0.1. The app's clock is manual (business hours).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import type { BotConfig } from '../../../src/config/config-schema';
import { loadWarrantyRules } from '../../../src/config/load-warranty';
import { readUnitsFile } from '../../../src/config/units-file';
import { readCasesFile } from '../../../src/config/cases-file';
import { loadCaseStatuses } from '../../../src/config/load-case-statuses';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';
import { manualClock, type ManualClock } from '../../core/handoff/support/fakes';
import { repoRoot } from '../../helpers/paths';
import { makeTempDir } from '../../helpers/temp-dir';
import {
  startSlackStandIn,
  type SlackStandIn,
  type SlackPost,
} from '../../stand-ins/slack-web-api';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  BOT_NUMBER,
  PUBLIC_BASE,
  startTwilioStandIn,
  type TwilioStandIn,
} from '../../stand-ins/twilio';
import { createTestLogger, type TestLogger } from '../support/test-logger';

export const STAFF_CHANNEL = 'C0PHONESTAFF';
export const STAFF_NUMBER = '+982166000111';
export const SLACK_SIGNING_SECRET = 'phone-e2e-signing-secret-0123456789';
/** Monday 2 March 2026, 10:00 in Tehran: the shipped business hours are open. */
export const OPEN_HOURS = '2026-03-02T06:30:00Z';
/** Friday 6 March 2026, 10:00 in Tehran: closed all day. */
export const FRIDAY = '2026-03-06T06:30:00Z';

export interface PhoneWorld {
  readonly app: App;
  readonly url: string;
  readonly twilio: TwilioStandIn;
  readonly slack: SlackStandIn;
  readonly clock: ManualClock;
  readonly logger: TestLogger;
  ticketPosts(): SlackPost[];
  threadPosts(ticketTs: string): SlackPost[];
  close(): Promise<void>;
}

async function importSampleUnits(app: App): Promise<void> {
  const rules = loadWarrantyRules({
    rootDir: repoRoot,
    knowledgeDir: 'knowledge',
    locales: app.config.locales,
    defaultLocale: app.config.defaultLocale,
  }).rules;
  const file = readUnitsFile(
    'units.csv',
    readFileSync(path.join(repoRoot, 'examples/units.csv'), 'utf8'),
    rules,
  );
  await createSqliteUnitStore(app.db).importUnits(file.rows, { at: new Date(OPEN_HOURS) });
}

async function importSampleCases(app: App): Promise<void> {
  const statuses = loadCaseStatuses({
    rootDir: repoRoot,
    knowledgeDir: 'knowledge',
    locales: app.config.locales,
  });
  if (statuses === null) throw new Error('knowledge/case-statuses.yaml is missing');
  const file = readCasesFile(
    'cases.csv',
    readFileSync(path.join(repoRoot, 'examples/cases.csv'), 'utf8'),
    {
      statuses,
      locales: app.config.locales,
      defaultLocale: app.config.defaultLocale,
    },
  );
  if (file.bad.length > 0)
    throw new Error(`examples/cases.csv has bad rows: ${JSON.stringify(file.bad)}`);
  await app.caseDesk.cases.importCases(file.rows, {
    at: new Date(OPEN_HOURS),
    source: 'import:test',
    defaultLocale: app.config.defaultLocale,
  });
}

export async function startPhoneWorld(
  options: {
    start?: string;
    phone?: Partial<BotConfig['phone']>;
    env?: Record<string, string>;
    /** More bot.config.json blocks (e.g. `help`). */
    config?: Record<string, unknown>;
    /** Imports examples/units.csv (units and their owners' numbers) before the first call. */
    units?: boolean;
    /** Imports examples/cases.csv (13 service cases) before the first call. */
    cases?: boolean;
  } = {},
): Promise<PhoneWorld> {
  const twilio = await startTwilioStandIn();
  const slack = await startSlackStandIn();
  const dir = makeTempDir('aftercare-phone-');
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = path.join(dir, 'bot.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...config,
      handoff: { ...(config.handoff as object), target: 'slack', slackChannel: STAFF_CHANNEL },
      // Twilio has no Persian voice; this deployment's provider is assumed to have one.
      phone: {
        voices: { en: 'Polly.Joanna', fa: 'Test.fa-IR-Voice', el: 'Google.el-GR-Standard-A' },
        ...options.phone,
      },
      ...options.config,
    }),
  );
  const clock = manualClock(options.start ?? OPEN_HOURS);
  const logger = createTestLogger();
  const app = createApp({
    rootDir: repoRoot,
    configPath,
    dbPath: path.join(dir, 'aftercare.db'),
    clock,
    logger,
    env: {
      AFTERCARE_HOST: '127.0.0.1',
      AFTERCARE_PORT: '0',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_WEBHOOK_BASE_URL: PUBLIC_BASE,
      TWILIO_PHONE_NUMBER: BOT_NUMBER,
      TWILIO_STAFF_NUMBER: STAFF_NUMBER,
      TWILIO_API_URL: twilio.apiUrl,
      TWILIO_OUTBOX_DELAYS_MS: '20,20',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_RETRY_DELAYS_MS: '5,5',
      SLACK_OUTBOX_DELAYS_MS: '20,20',
      ...options.env,
    },
  });
  if (options.units) await importSampleUnits(app);
  if (options.cases) await importSampleCases(app);
  const url = await app.start();
  return {
    app,
    url,
    twilio,
    slack,
    clock,
    logger,
    ticketPosts: () =>
      slack
        .posts()
        .filter((post) => post.channel === STAFF_CHANNEL && post.thread_ts === undefined),
    threadPosts: (ticketTs) =>
      slack.posts().filter((post) => post.channel === STAFF_CHANNEL && post.thread_ts === ticketTs),
    async close() {
      await app.close();
      await twilio.close();
      await slack.close();
    },
  };
}
