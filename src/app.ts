/**
 * The composition root: the one place that knows every part. It loads configuration and
 * knowledge, opens storage, builds the core, the HTTP server, the web chat and every channel
 * whose credentials are in the environment.
 */
import path from 'node:path';
import type { PhoneServices } from '../adapters/twilio/phone-services';
import type { SlackAdapter } from '../adapters/slack/slack-adapter';
import { isOpen } from './core/business-hours';
import { sharedWebchatSecret, webchatSecret } from '../adapters/webchat/token-secret';
import { createWebchatAdapter, type WebchatLiveEvents } from '../adapters/webchat/webchat-adapter';
import { loadWebchatTexts } from './config/load-webchat-texts';
import { channelDefinitions, missingEnv, type Env } from './channels';
import { loadConfig, type ResolvedConfig } from './config/load-config';
import { loadKnowledge, type LoadedKnowledge } from './config/load-knowledge';
import { KnowledgeError } from './config/located-error';
import { knowledgeVersion, watchKnowledge } from './config/knowledge-watch';
import { buildKnowledgeOffThread } from './config/build-off-thread';
import { wordVectorsFor } from './config/load-word-vectors';
import { brainFromModel } from './core/brain-model';
import { createBrain, type Brain } from './core/brain';
import { errorMessage } from './core/error-message';
import type { AdapterContext, ChannelAdapter, HandleMessage, ReferenceStore } from './core/channel';
import type { OutboxStore } from './core/outbox-store';
import type { Reply } from './core/message';
import { routeStaffMessages } from './core/handoff/staff-router';
import type { StaffChannel } from './core/handoff/staff-channel';
import { createTicketDesk, type TicketDesk } from './core/handoff/ticket-desk';
import { createHandoffHooks } from './core/handoff/turn-hooks';
import { createWarrantyUnits } from './core/handoff/warranty-units';
import { createSentimentAnalysis } from './core/sentiment/sentiment';
import { loadSentimentWordLists } from './config/load-sentiment';
import { loadWarrantyRules } from './config/load-warranty';
import { createWarrantyDialog } from './core/warranty/dialog';
import { createCaseDialog } from './core/cases/case-dialog';
import type { ServiceRules } from './core/cases/service-rules';
import { loadServiceRules } from './config/load-service';
import { createStoreBookings } from './core/cases/store-bookings';
import { initialStatus, type CaseStatusRules } from './core/cases/statuses';
import { loadCaseStatuses } from './config/load-case-statuses';
import { mountCaseStatusApi } from './server/case-status-api';
import type { WarrantyRules } from './core/warranty/rules';
import { createWarrantyService } from './core/warranty/service';
import { createStaffWarrantyLookup } from './core/warranty/staff-report';
import type { CustomerUnitsStore } from './core/warranty/customer-units';
import { createEngineMatcher } from './core/matching/engine';
import { createCore } from './core/pipeline/create-core';
import type { Dialog } from './core/pipeline/respond';
import { systemClock, type Clock, type ConversationStore, type Logger } from './core/ports';
import { createLogger } from './logger';
import { createReplicaRoles, type RoleWork } from './replica-roles';
import type { Cluster } from './storage/postgres/cluster';
import { createHttpServer, type HttpServer } from './server/http-server';
import { mountHealth } from './server/health';
import { helpContextFor } from './help/help-context';
import { mountHelp } from './help/mount-help';
import { articleUrlFor } from './help/article-url';
import type { SqliteDatabase } from './storage/sqlite/open-database';
import { databaseUrlFrom, openStorage, type Storage } from './storage/open-storage';
import { createStaffChannel } from './staff-channels';
import { createPrometheusMetrics, type PrometheusMetrics } from './server/metrics';
import { createMetricsEndpoint } from './server/metrics-endpoint';
import type { AuditLog, PrivacyStore } from './core/privacy/ports';
import { createStaffAccess } from './staff-access';
import { createAuditedStaffWarranty } from './staff-lookup';
import { mountAdmin } from './server/admin/mount-admin';
import { loadReportFrom } from './insights/load-report';
import { createRetentionSweep, type RetentionSweep } from './privacy-retention';
import { createCaseDesk, type CaseDesk } from './core/cases/case-desk';
import { chainHooks, createCaseStatusHooks } from './core/cases/case-status-hooks';
import { routeCaseStaffMessages } from './core/cases/case-staff-router';
import { staffOnlyText, type StaffIdentity } from './core/handoff/staff-access';
import { staffLineReply } from './core/handoff/ticket-card';

export const projectRoot = path.resolve(__dirname, '..');

/** How often the hand-off desk sends what is due (outbox retries, follow-ups). */
const deskTickIntervalMs = 15_000;
/**
 * On PostgreSQL, how often the replica leading `timers` takes back the jobs of replicas that died
 * and flushes every channel's outbox (jobs another replica queued and did not send).
 */
const replicaSweepIntervalMs = 5_000;
/** How long close (SIGTERM) waits for the requests in flight to be answered. */
const shutdownGraceMs = 10_000;

export interface AppOptions {
  readonly rootDir?: string;
  readonly configPath?: string;
  readonly env?: Env;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Overrides the database path (tests use a temp folder). */
  readonly dbPath?: string;
  /** Start only the web chat, whatever the environment holds (the CLI's one-shot commands). */
  readonly channels?: 'all' | 'none';
  /** Reload intents/ and knowledge/ by itself when their files change (what `aftercare start` does). */
  readonly watchKnowledge?: boolean;
  /**
   * A staff channel instead of the one handoff.target names (conversation tests record tickets
   * in one, as a Slack channel would take them).
   */
  readonly staffChannel?: StaffChannel;
}

/** Which knowledge the bot answers from, and how the last reload went (reported by /healthz). */
export interface KnowledgeStatus {
  /** Content hash of intents/ and knowledge/ that the running brain was built from. */
  readonly version: string;
  readonly loadedAt: Date;
  /** The last reload that failed since the last one that worked, with its first problem. */
  readonly lastFailure: {
    readonly at: Date;
    readonly version: string;
    readonly error: string;
  } | null;
}

export interface ChannelStatus {
  readonly channel: string;
  /** Configured: every variable it needs is set (it is started with the app). */
  readonly started: boolean;
  readonly missing: readonly string[];
}

/** A configured channel whose start failed (kept running with `onChannelFailure: degraded`). */
export interface ChannelFailure {
  readonly channel: string;
  readonly error: string;
}

export interface App {
  readonly config: ResolvedConfig;
  readonly handle: HandleMessage;
  readonly store: ConversationStore & ReferenceStore;
  readonly references: ReferenceStore;
  /** Replies the channels could not deliver yet (AdapterContext.outbox). */
  readonly outbox: OutboxStore;
  /** Every store, on SQLite or PostgreSQL (src/storage/open-storage.ts). */
  readonly storage: Storage;
  /** The SQLite database; throws on PostgreSQL (use `storage`). */
  readonly db: SqliteDatabase;
  /** The customer behind a channel user (on voice and SMS: by number) and their units. */
  readonly customers: CustomerUnitsStore;
  readonly server: HttpServer;
  readonly routes: HttpServer;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly adapters: readonly ChannelAdapter[];
  readonly channels: readonly ChannelStatus[];
  /** Channels that were configured but could not start. */
  readonly channelsDown: readonly ChannelFailure[];
  /** Tickets, the staff channel and the hand-off outbox (src/core/handoff/ticket-desk.ts). */
  readonly desk: TicketDesk;
  /** Service cases: repairs, returns, exchanges (src/core/cases/case-desk.ts). */
  readonly caseDesk: CaseDesk;
  /** Prometheus counters behind GET /metrics (src/server/metrics.ts). */
  readonly metrics: PrometheusMetrics;
  /** Who looked at, exported or erased customer data (`aftercare audit`). */
  readonly audit: AuditLog;
  /** Export, erase, retention (docs/privacy.md). */
  readonly privacy: PrivacyStore;
  /** The retention sweep the app runs every `privacy.sweepHours` (tests call it with their clock). */
  readonly retention: RetentionSweep;
  brain(): Brain;
  knowledgeStatus(): KnowledgeStatus;
  /**
   * Re-reads intents/ and knowledge/ and trains on a worker thread; keeps the current brain and
   * returns the error when they are invalid. Reloads run one at a time; calls during one share
   * the next.
   */
  reloadKnowledge(): Promise<KnowledgeError | null>;
  /** Starts the HTTP server and every adapter; resolves to the server's URL. */
  start(): Promise<string>;
  /**
   * Settles when the running app can no longer serve as configured: a polling channel that this
   * replica took over later (PostgreSQL leader election) could not start, with
   * `onChannelFailure: exit`. `aftercare start` then closes the app and exits non-zero.
   */
  readonly failed: Promise<Error>;
  close(): Promise<void>;
}

/** The web chat's streams woken from every replica (LISTEN/NOTIFY on PostgreSQL). */
function webchatLiveEvents(cluster: Cluster): WebchatLiveEvents {
  return {
    announce: (conversationId) => cluster.announce({ channel: 'webchat', conversationId }),
    subscribe: (listener) =>
      cluster.live.subscribe((key) => {
        if (key.channel === 'webchat') listener(key.conversationId);
      }),
  };
}

export function createApp(options: AppOptions = {}): App {
  const rootDir = options.rootDir ?? projectRoot;
  const env = options.env ?? process.env;
  const config = loadConfig({
    rootDir,
    configPath: options.configPath,
    env: { ...env, ...(options.dbPath ? { AFTERCARE_DB: options.dbPath } : {}) },
  });
  const logger = options.logger ?? createLogger(env.AFTERCARE_LOG_LEVEL ?? config.logLevel);
  const clock = options.clock ?? systemClock;

  const readKnowledge = (): LoadedKnowledge =>
    loadKnowledge({
      rootDir,
      knowledgeDir: config.knowledgeDir,
      intentsDir: config.intentsDir,
      locales: config.locales,
    });
  const wordVectors = wordVectorsFor(config.locales);
  const buildBrain = (loaded: LoadedKnowledge): Brain =>
    createBrain(loaded.knowledge, {
      locales: config.locales,
      defaultLocale: config.defaultLocale,
      createMatcher: (examples) => createEngineMatcher(examples, { wordVectors }),
    });
  const readWarranty = (): WarrantyRules =>
    loadWarrantyRules({
      rootDir,
      knowledgeDir: config.knowledgeDir,
      locales: config.locales,
      defaultLocale: config.defaultLocale,
    }).rules;
  const startedAt = performance.now();
  const contentDirs = [config.knowledgeDir, config.intentsDir].map((dir) =>
    path.resolve(rootDir, dir),
  );
  let knowledge: KnowledgeStatus = {
    version: knowledgeVersion(contentDirs),
    loadedAt: clock.now(),
    lastFailure: null,
  };
  let brain = buildBrain(readKnowledge());
  let warrantyRules = readWarranty();
  const readService = (): ServiceRules | null =>
    loadServiceRules(
      { rootDir, knowledgeDir: config.knowledgeDir, locales: config.locales },
      { warranty: warrantyRules, branchIds: brain.branches.map((branch) => branch.id) },
    ).rules;
  let serviceRules = readService();
  let caseStatuses: CaseStatusRules | null = loadCaseStatuses({
    rootDir,
    knowledgeDir: config.knowledgeDir,
    locales: config.locales,
  });
  logger.info(
    {
      faqs: brain.knowledge.faqs.length,
      intents: brain.knowledge.intents.length,
      ms: Math.round(performance.now() - startedAt),
    },
    'knowledge loaded',
  );

  const webchatTexts = loadWebchatTexts({
    ...config,
    rootDir,
    fallbackFile: path.join(projectRoot, 'knowledge', 'webchat.yaml'),
  });
  const storage = openStorage({
    databasePath: config.databasePath,
    databaseUrl: databaseUrlFrom(env),
    applicationName: 'aftercare app',
  });
  const store = storage.conversations;
  const metrics = createPrometheusMetrics(storage.metricsFigures);
  const sentiment = createSentimentAnalysis({
    wordLists: loadSentimentWordLists({ rootDir, knowledgeDir: config.knowledgeDir }),
  });
  for (const reason of sentiment.unavailable)
    logger.warn(
      { locales: sentiment.locales },
      `${reason}; English uses knowledge/sentiment/en.yaml only`,
    );
  const units = storage.units;
  const timeZone = config.businessHours.timeZone;
  const customerUnits = storage.customerUnits;
  const warrantyDialog: Dialog = createWarrantyDialog({
    rules: () => warrantyRules,
    units,
    timeZone,
    ownedUnits: customerUnits,
  });
  // Fault reports, repair bookings and returns (src/core/cases), on the cases store.
  const cases = storage.cases;
  const caseDialog = createCaseDialog({
    rules: () => serviceRules,
    warranty: () => warrantyRules,
    units,
    ownedUnits: customerUnits,
    bookings: createStoreBookings({
      // Through the case desk, so that a new case is posted to the staff channel in its transaction.
      store: {
        openCase: ({ status: _initial, staffTarget: _staff, ...input }, openOptions) =>
          caseDesk.open(
            input,
            openOptions?.capacity === undefined ? {} : { capacity: openOptions.capacity },
          ),
        bookedCounts: (...args) => cases.bookedCounts(...args),
        listCases: (filter) => cases.listCases(filter),
      },
      references: store,
      initialStatus: (kind) => {
        if (!caseStatuses)
          throw new Error('knowledge/case-statuses.yaml is missing: cases cannot be opened');
        return initialStatus(caseStatuses, kind).id;
      },
      timeZone,
      logger: logger.child({ part: 'cases' }),
    }),
    timeZone,
  });
  // The rules may be swapped by a reload, so the service is built from the current ones per use.
  const warrantyService = () =>
    createWarrantyService({ rules: warrantyRules, units, clock, timeZone });
  const { audit, privacy } = storage;
  const staffAccess = createStaffAccess(config.staffAccess, {
    members: {
      slack: config.handoff.slackChannel
        ? () => {
            const slack = adapters.find((adapter) => adapter.channel === 'slack');
            const channel = config.handoff.slackChannel ?? '';
            return slack && 'channelMembers' in slack
              ? (slack as SlackAdapter).channelMembers(channel)
              : Promise.resolve([]);
          }
        : undefined,
    },
    clock,
    logger,
  });
  const staffWarranty = createAuditedStaffWarranty(
    (serial) => createStaffWarrantyLookup(warrantyService(), { rules: warrantyRules })(serial),
    { access: staffAccess, audit, clock, logger },
  );
  // The hand-off desk: tickets in the database, posted to the staff channel, relayed both ways.
  const adapters: ChannelAdapter[] = [];
  const customerSerials = storage.customerSerials;
  const staff =
    options.staffChannel ?? createStaffChannel(config.handoff, env, () => adapters, logger);
  // One outbox on the bot's database: every queue (channel replies, hand-off, cases) is in it.
  const outbox = storage.outbox;
  const desk: TicketDesk = createTicketDesk({
    tickets: storage.tickets,
    outbox,
    conversations: store,
    references: store,
    staff,
    deliver: (key, replies) => {
      const adapter = adapters.find((candidate) => candidate.channel === key.channel);
      if (!adapter) return Promise.reject(new Error(`the ${key.channel} channel is not running`));
      return adapter.deliver(key.conversationId, replies);
    },
    brain: () => brain,
    units: customerSerials
      ? createWarrantyUnits({
          serialsOf: customerSerials,
          status: (serial) => warrantyService().status(serial),
        })
      : null,
    businessHours: config.businessHours,
    clock,
    logger: logger.child({ part: 'handoff' }),
    reviewUrl: config.handoff.reviewUrl ?? null,
    followUpDays: config.handoff.followUpDays,
    defaultLocale: config.defaultLocale,
    maxCustomerMessagesPerMinute: config.handoff.maxCustomerMessagesPerMinute,
    acknowledgeEveryMs: config.handoff.acknowledgeEveryMinutes * 60_000,
    claimTimeoutMs: config.handoff.claimTimeoutMinutes * 60_000,
  });
  const deliverToCustomer = (
    key: { readonly channel: string; readonly conversationId: string },
    replies: readonly Reply[],
  ): Promise<void> => {
    const adapter = adapters.find((candidate) => candidate.channel === key.channel);
    if (!adapter) return Promise.reject(new Error(`the ${key.channel} channel is not running`));
    return adapter.deliver(key.conversationId, replies);
  };
  const caseDesk: CaseDesk = createCaseDesk({
    cases,
    outbox,
    rules: () => caseStatuses,
    staff,
    deliver: deliverToCustomer,
    followUpRepair: async (serviceCase, at) => {
      if (serviceCase.customer === null) return;
      await desk.followUpRepair({
        key: serviceCase.customer,
        userId: serviceCase.userId ?? '',
        reference: serviceCase.reference,
        locale: serviceCase.locale,
        script: serviceCase.script,
        caseId: serviceCase.id,
        at,
      });
    },
    clock,
    logger: logger.child({ part: 'cases' }),
    timeZone,
    defaultLocale: config.defaultLocale,
  });
  // The core owns no timer: this one drives the desk (retries, follow-ups) on the app's clock.
  let deskTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  const core = createCore({
    brain: () => brain,
    store,
    clock,
    logger,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    maxMessageChars: config.maxMessageChars,
    settings: {
      desk,
      businessHours: config.businessHours,
      thresholds: config.thresholds,
      maxFallbacks: config.handoff.maxFallbacks,
      alwaysHumanTags: config.handoff.alwaysHumanTags,
      warrantyDialog,
      caseDialog,
      articleUrl: articleUrlFor(config.help),
    },
    hooks: chainHooks(
      createHandoffHooks({ sentiment, desk: desk.hooks }),
      createCaseStatusHooks({
        cases: caseDesk.cases,
        rules: () => caseStatuses,
        timeZone,
        defaultLocale: config.defaultLocale,
      }),
    ),
    metrics,
  });
  const onStaffRefused = async (
    identity: { platform: string; userId: string },
    what: string,
  ): Promise<void> => {
    const actor = `${identity.platform}:${identity.userId}`;
    logger.warn({ actor, what }, 'staff action refused: not staff');
    await audit.record({ actor, at: clock.now(), action: 'refused', subject: what });
  };
  // Case posts' buttons and threads go to the case desk.
  const caseHandle = routeCaseStaffMessages(core.handle, {
    desk: caseDesk,
    target: staff?.target ?? null,
    access: staffAccess,
    onRefused: onStaffRefused,
  });
  // Ticket threads and their buttons go to the desk; everything else to the bot.
  const handle = routeStaffMessages(caseHandle, {
    desk,
    target: staff?.target ?? null,
    access: staffAccess,
    onRefused: async (identity, what) => {
      const actor = `${identity.platform}:${identity.userId}`;
      logger.warn({ actor, what }, 'staff action refused: not staff');
      await audit.record({ actor, at: clock.now(), action: 'refused', subject: `ticket-${what}` });
    },
  });

  // Slack's `/case ID`: the staff rule and the audit trail of /warranty, then the case post.
  const staffCase = async (id: string, requester: StaffIdentity): Promise<Reply[]> => {
    const actor = `${requester.platform}:${requester.userId}`;
    const subject = `case:${id.trim().toUpperCase()}`;
    if (!(await staffAccess.allows(requester))) {
      logger.warn({ actor, what: 'case' }, 'staff lookup refused: not staff');
      await audit.record({ actor, at: clock.now(), action: 'refused', subject });
      return [staffLineReply({ kind: 'warning', text: staffOnlyText })];
    }
    const found = caseStatuses === null ? null : await caseDesk.cases.getCase(id);
    await audit.record({ actor, at: clock.now(), action: 'lookup', subject });
    if (found === null) return [staffLineReply({ kind: 'warning', text: `No case ${id.trim()}.` })];
    return [caseDesk.card(found)];
  };
  const server = createHttpServer(logger);
  const context: AdapterContext = {
    handle,
    logger,
    references: store,
    routes: server,
    outbox,
    maxBodyBytes: config.server.maxBodyBytes,
  };
  mountHealth(server, {
    schemaVersion: () => storage.schemaVersion(),
    brain: () => brain,
    knowledge: () => knowledge,
    channelsDown: () => channelsDown,
    startedAt: clock.now(),
  });
  let stopWatching = (): void => {};
  const channelsDown: ChannelFailure[] = [];
  /** Whether start() has returned: a failure after it is a takeover's (PostgreSQL leader). */
  let started = false;
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    fail = resolve;
  });
  /** A channel that could not start, by onChannelFailure: exit, or /healthz 503 naming it. */
  const channelFailed = (channel: string, reason: string): void => {
    if (started && config.server.onChannelFailure === 'exit') {
      fail(new Error(`channel ${channel} could not start: ${reason}`));
      return;
    }
    const known = channelsDown.findIndex((down) => down.channel === channel);
    // A replica retrying every few seconds logs the failure once, and again if the reason changes.
    if (known >= 0 && channelsDown[known]?.error === reason) return;
    if (known >= 0) channelsDown.splice(known, 1);
    channelsDown.push({ channel, error: reason });
    logger.error(
      { channel, detail: reason },
      `channel ${channel} could not start; running without it (onChannelFailure: degraded), /healthz answers 503`,
    );
  };
  /** A channel that started after all (a later leader election on PostgreSQL). */
  const channelUp = (channel: string): void => {
    const known = channelsDown.findIndex((down) => down.channel === channel);
    if (known < 0) return;
    channelsDown.splice(known, 1);
    logger.info({ channel }, `channel ${channel} started after all`);
  };
  mountHelp(server, {
    context: (origin) => helpContextFor(config, brain, warrantyRules, origin),
    minScore: config.thresholds.clarify,
  });
  const metricsEndpoint = createMetricsEndpoint(env, server, metrics.registry, logger);
  mountAdmin(server, {
    token: env.AFTERCARE_ADMIN_TOKEN?.trim() || null,
    report: (range) =>
      loadReportFrom(
        { figures: storage.reportFigures, transcripts: storage.transcripts },
        brain.matcher,
        range,
      ),
    now: () => clock.now(),
    logger,
  });
  mountCaseStatusApi(server, {
    apiKey: env.AFTERCARE_CASES_API_KEY?.trim() || null,
    desk: caseDesk,
    maxBodyBytes: config.server.maxBodyBytes,
    logger: logger.child({ part: 'cases-api' }),
  });
  const retention = createRetentionSweep(privacy, config.privacy, clock, logger);
  adapters.push(
    createWebchatAdapter(
      {
        maxBodyBytes: config.server.maxBodyBytes,
        store,
        now: () => clock.now(),
        webchat: config.webchat,
        secret:
          storage.backend === 'sqlite'
            ? webchatSecret(env, config.databasePath)
            : sharedWebchatSecret(env, options.channels !== 'none'),
        texts: () => webchatTexts,
        ...(storage.cluster ? { liveEvents: webchatLiveEvents(storage.cluster) } : {}),
        locales: config.locales,
        defaultLocale: config.defaultLocale,
      },
      context,
    ),
  );
  const phone: PhoneServices = {
    settings: { phone: config.phone, defaultLocale: config.defaultLocale, locales: config.locales },
    text: (key, locale, params) => brain.texts.message(key, locale, params),
    staffOpen: () => isOpen(clock.now(), config.businessHours),
    clock,
  };
  const channels: ChannelStatus[] = [];
  // Channels that pull their updates (long polling, Socket Mode): on PostgreSQL, one replica's job.
  const polling = new Set<ChannelAdapter>();
  for (const definition of channelDefinitions) {
    const missing = missingEnv(definition, env);
    const started = options.channels !== 'none' && missing.length === 0;
    channels.push({ channel: definition.channel, started, missing });
    if (!started) continue;
    const adapter = definition.create(
      env,
      { ...context, logger: logger.child({ channel: definition.channel }) },
      { staffWarranty, staffCase, phone },
    );
    adapters.push(adapter);
    if (definition.polls?.(env) === true) polling.add(adapter);
  }
  const roles = createReplicaRoles(storage.cluster, logger);
  const tick = (): void => {
    Promise.all([desk.tick(), caseDesk.tick()])
      .then(() => undefined)
      .catch((error: unknown) =>
        logger.error({ error: errorMessage(error) }, 'hand-off tick failed'),
      );
  };
  const sweep = async (cluster: Cluster): Promise<void> => {
    const { requeued, abandoned } = await cluster.recoverGone(clock.now());
    if (requeued + abandoned > 0)
      logger.warn({ requeued, abandoned }, 'took back the jobs of a replica that is gone');
    for (const adapter of adapters) await adapter.flush?.();
  };
  /** The timers that must run once cluster-wide: on the replica that leads `timers`. */
  const timers: RoleWork = {
    start() {
      deskTimer ??= setInterval(tick, deskTickIntervalMs);
      deskTimer.unref();
      retention.start();
      const cluster = storage.cluster;
      if (cluster === null) return;
      // A new leader catches up at once: a follow-up or claim time-out may have waited for it.
      tick();
      sweepTimer ??= setInterval(() => {
        sweep(cluster).catch((error: unknown) =>
          logger.error({ error: errorMessage(error) }, 'replica sweep failed'),
        );
      }, replicaSweepIntervalMs);
      sweepTimer.unref();
    },
    stop() {
      if (deskTimer) clearInterval(deskTimer);
      deskTimer = null;
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      retention.stop();
    },
  };

  let reloading: Promise<KnowledgeError | null> | null = null;
  let nextReload: Promise<KnowledgeError | null> | null = null;
  function reloadKnowledge(): Promise<KnowledgeError | null> {
    // One at a time, so an older build can never land after a newer one; edits made during a
    // reload are all picked up by the single one queued behind it.
    if (nextReload) return nextReload;
    if (reloading) {
      nextReload = reloading.then(() => {
        nextReload = null;
        return startReload();
      });
      return nextReload;
    }
    return startReload();
  }
  function startReload(): Promise<KnowledgeError | null> {
    reloading = rebuild().finally(() => (reloading = null));
    return reloading;
  }
  async function rebuild(): Promise<KnowledgeError | null> {
    const started = performance.now();
    let version = knowledge.version;
    try {
      const built = await buildKnowledgeOffThread(
        {
          rootDir,
          knowledgeDir: config.knowledgeDir,
          intentsDir: config.intentsDir,
          locales: config.locales,
          defaultLocale: config.defaultLocale,
        },
        { logger },
      );
      version = built.version;
      // The only part on the main thread: lookup maps from the transferred arrays.
      const restoring = performance.now();
      // Both or neither: an answer never mixes old FAQ entries with new warranty rules.
      brain = brainFromModel(built.knowledge, built.model, { ...config, wordVectors });
      warrantyRules = built.warrantyRules;
      serviceRules = built.serviceRules;
      caseStatuses = built.caseStatuses;
      knowledge = { version, loadedAt: clock.now(), lastFailure: null };
      logger.info(
        {
          version,
          faqs: brain.knowledge.faqs.length,
          intents: brain.knowledge.intents.length,
          ms: Math.round(performance.now() - started),
          thread: built.thread,
          readMs: Math.round(built.readMs),
          trainMs: Math.round(built.trainMs),
          restoreMs: Math.round(performance.now() - restoring),
        },
        'knowledge reloaded',
      );
      metrics.knowledgeReloaded(true);
      return null;
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      // The files were not readable as a whole: the hash of what is on disk now names them.
      version = knowledgeVersion(contentDirs);
      metrics.knowledgeReloaded(false);
      const firstLine = error.message.split('\n').find((line) => line.trim() !== '') ?? '';
      knowledge = { ...knowledge, lastFailure: { at: clock.now(), version, error: firstLine } };
      logger.error(
        { version, problems: error.problems.length, detail: error.message },
        'knowledge reload failed; still answering from the previous version',
      );
      return error;
    }
  }

  return {
    config,
    handle,
    store,
    references: store,
    outbox,
    storage,
    get db(): SqliteDatabase {
      if (storage.sqlite === null)
        throw new Error('this app runs on PostgreSQL (AFTERCARE_DATABASE_URL): use app.storage');
      return storage.sqlite;
    },
    customers: customerUnits,
    server,
    routes: server,
    logger,
    clock,
    adapters,
    channels,
    channelsDown,
    desk,
    caseDesk,
    metrics,
    audit,
    privacy,
    retention,
    brain: () => brain,
    knowledgeStatus: () => knowledge,
    reloadKnowledge,
    failed,
    async start() {
      // PostgreSQL: migrated (once, under the advisory lock) and this replica's liveness lock held
      // before anything is claimed.
      await storage.ready();
      await storage.cluster?.start();
      logger.info(
        {
          backend: storage.backend,
          database: storage.location,
          ...(storage.cluster ? { replica: storage.cluster.replicaId } : {}),
        },
        'storage ready',
      );
      const url = await server.listen(config.server.port, config.server.host);
      for (const adapter of adapters) {
        if (storage.cluster !== null && polling.has(adapter)) {
          // One replica pulls the updates; the others answer webhooks and send from the outbox.
          // A start that fails lets the lead go (another replica, or this one 5 s later, tries
          // again) and follows onChannelFailure like any other channel.
          let firstFailure: string | null = null;
          await roles.run(`${adapter.channel}-polling`, {
            start: async () => {
              try {
                await adapter.start();
              } catch (error) {
                const reason = errorMessage(error);
                if (!started) firstFailure = reason;
                else channelFailed(adapter.channel, reason);
                throw error;
              }
              channelUp(adapter.channel);
            },
            stop: () => adapter.stop(),
          });
          if (firstFailure === null) continue;
          if (config.server.onChannelFailure === 'exit') {
            await this.close();
            throw new Error(`channel ${adapter.channel} could not start: ${firstFailure}`);
          }
          channelFailed(adapter.channel, firstFailure);
          continue;
        }
        try {
          await adapter.start();
        } catch (error) {
          const reason = errorMessage(error);
          if (config.server.onChannelFailure === 'exit') {
            // Nothing half-alive: a supervisor sees the exit and the reason.
            await this.close();
            throw new Error(`channel ${adapter.channel} could not start: ${reason}`);
          }
          channelFailed(adapter.channel, reason);
        }
      }
      started = true;
      await metricsEndpoint.start(config.server.host);
      await desk.start();
      await caseDesk.start();
      await roles.run('timers', timers);
      if (options.watchKnowledge === true) {
        stopWatching = watchKnowledge({
          dirs: contentDirs,
          initialVersion: knowledge.version,
          onChange: () => {
            reloadKnowledge().catch((error: unknown) =>
              logger.error({ error: errorMessage(error) }, 'knowledge reload crashed'),
            );
          },
        });
      }
      return url;
    },
    async close() {
      // First the requests in flight are answered (a SIGTERM in a rolling deploy loses none),
      // with everything they need still running; no new ones are taken.
      await server.close(shutdownGraceMs);
      // Timers and polling stop before the leader locks go (with the storage, last).
      await roles.stop();
      stopWatching();
      // A reload in flight finishes first: its worker thread would otherwise outlive the app.
      await (nextReload ?? reloading)?.catch(() => undefined);
      await desk.stop();
      await caseDesk.stop();
      for (const adapter of adapters)
        await adapter
          .stop()
          .catch((error: unknown) =>
            logger.warn({ err: error, channel: adapter.channel }, 'adapter stop failed'),
          );
      await metricsEndpoint.close();
      await storage.close();
    },
  };
}
