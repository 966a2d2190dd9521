/**
 * The case desk: opens service cases, moves them through their statuses, and tells everyone.
 *
 * open()          → a case number; the case is posted to the staff channel
 * changeStatus()  → a history line; the customer is told in their language on their channel, the
 *                   staff post is re-rendered, and closing a repair starts its follow-up
 * tick()          → sends what is due; the composition root (src/app.ts) calls it on its timer
 *
 * Every message is a job of the `cases` queue of the outbox, written in the same transaction as the
 * change that caused it: a restart loses nothing; a failed send waits and is tried again.
 */
import type { Locale, Reply } from '../message';
import type { NewQueuedJob, OutboxStore } from '../outbox-store';
import { createOutboxRunner } from '../outbox/runner';
import { PermanentFailure } from '../outbox/retry-policy';
import type { Clock, ConversationKey, Logger } from '../ports';
import type { StaffChannel } from '../handoff/staff-channel';
import { caseCardReply } from './case-card';
import { statusNotice, type CaseTextOptions } from './case-notices';
import type {
  CaseImport,
  CaseImportOptions,
  CaseImportSummary,
  CaseStore,
  NewCase,
  OpenCaseResult,
} from './ports';
import { findStatus, initialStatus, statusesFor, type CaseStatusRules } from './statuses';
import type { CaseActor, ServiceCase } from './types';

export const CASES_QUEUE = 'cases';

/** A job of the `cases` queue, as JSON. */
export type CaseJob =
  | { readonly kind: 'customer'; readonly caseId: string; readonly replies: readonly Reply[] }
  | { readonly kind: 'staff-post'; readonly caseId: string }
  | { readonly kind: 'staff-update'; readonly caseId: string }
  | { readonly kind: 'staff-line'; readonly caseId: string; readonly text: string }
  | { readonly kind: 'follow-up'; readonly caseId: string };

export interface CaseDeskOptions {
  readonly cases: CaseStore;
  readonly outbox: OutboxStore;
  /** The status model; null without knowledge/case-statuses.yaml (then no case can be opened). */
  readonly rules: () => CaseStatusRules | null;
  readonly staff: StaffChannel | null;
  /** Sends replies to a customer conversation through its channel (ChannelAdapter.deliver). */
  readonly deliver: (key: ConversationKey, replies: readonly Reply[]) => Promise<void>;
  /** Closing a repair case: the ticket desk's satisfaction question and follow-up. */
  readonly followUpRepair: ((serviceCase: ServiceCase, at: Date) => Promise<void>) | null;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The business's zone: case-number months and the dates customers read. */
  readonly timeZone: string;
  readonly defaultLocale: Locale;
  /** Waits between attempts; after the last the job is given up (and logged). */
  readonly retryDelaysMs?: readonly number[];
  /** False in a process that only records (the CLI): the running bot's tick sends. Default true. */
  readonly autoSend?: boolean;
}

export type CaseOpening = Omit<NewCase, 'status' | 'staffTarget'>;

export type CaseChangeOutcome =
  | { readonly outcome: 'changed'; readonly case: ServiceCase; readonly previousStatus: string }
  | { readonly outcome: 'unchanged'; readonly case: ServiceCase }
  | { readonly outcome: 'not-found' }
  /** The status is not one of the case's kind; `allowed` lists those that are. */
  | { readonly outcome: 'unknown-status'; readonly allowed: readonly string[] };

export interface CaseDesk {
  readonly cases: CaseStore;
  rules(): CaseStatusRules | null;
  /** Opens a case in its kind's initial status and queues its staff post. */
  open(input: CaseOpening, options?: { readonly capacity?: number }): Promise<OpenCaseResult>;
  changeStatus(
    id: string,
    change: { readonly status: string; readonly by: CaseActor; readonly note?: string | null },
  ): Promise<CaseChangeOutcome>;
  addNote(id: string, text: string, by: CaseActor): Promise<ServiceCase | null>;
  /**
   * Imports cases from the service system; a status an existing case changes to is told to its
   * customer and its staff thread as any change is, in the import's transaction; with `notify`
   * false only the staff post and its thread are brought up to date. `notified` counts the customers told (or who would be, on a dry run).
   */
  importCases(
    rows: readonly CaseImport[],
    options: Omit<CaseImportOptions, 'defaultLocale' | 'jobs'> & { readonly notify?: boolean },
  ): Promise<CaseImportSummary & { readonly notified: number }>;
  /** The staff post of a case (summary and next-status buttons). */
  card(serviceCase: ServiceCase): Reply;
  /** Sends every due job; concurrent calls share one run. */
  tick(): Promise<void>;
  /** Re-queues what a restart interrupted and sends what waits. */
  start(): Promise<void>;
  /** Resolves when what is being sent is sent. */
  stop(): Promise<void>;
}

export const defaultCaseRetryDelaysMs: readonly number[] = [
  30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3_600_000,
];

export function createCaseDesk(options: CaseDeskOptions): CaseDesk {
  const { cases, outbox, clock, logger, staff } = options;
  const retryDelays = options.retryDelaysMs ?? defaultCaseRetryDelaysMs;
  const requireRules = (): CaseStatusRules => {
    const rules = options.rules();
    if (rules === null)
      throw new Error('no case statuses: add knowledge/case-statuses.yaml to keep service cases');
    return rules;
  };
  const textOptions = (rules: CaseStatusRules): CaseTextOptions => ({
    rules,
    timeZone: options.timeZone,
    defaultLocale: options.defaultLocale,
  });
  const job = (lane: string, body: CaseJob, at: Date, atMostOnce = false): NewQueuedJob => ({
    queue: CASES_QUEUE,
    lane,
    job: body,
    at,
    atMostOnce,
  });
  const staffLane = (caseId: string): string => `staff:${caseId}`;
  const customerLane = (key: ConversationKey): string =>
    `customer:${key.channel}:${key.conversationId}`;

  async function send(body: CaseJob): Promise<void> {
    const serviceCase = await cases.getCase(body.caseId);
    if (serviceCase === null) throw new PermanentFailure(`case ${body.caseId} is gone`);
    switch (body.kind) {
      case 'customer':
        if (serviceCase.customer === null)
          throw new PermanentFailure(`case ${serviceCase.id} has no customer conversation`);
        await options.deliver(serviceCase.customer, body.replies);
        return;
      case 'follow-up':
        await options.followUpRepair?.(serviceCase, clock.now());
        return;
      case 'staff-post':
      case 'staff-update':
      case 'staff-line': {
        if (!staff || !serviceCase.staff || serviceCase.staff.target !== staff.target)
          throw new PermanentFailure(
            `no staff channel "${serviceCase.staff?.target ?? 'none'}" is configured`,
          );
        const threadId = serviceCase.staff.threadId;
        if (body.kind === 'staff-post') {
          if (threadId !== null) return;
          const posted = await staff.postMessage(caseCardReply(serviceCase, requireRules()));
          await cases.setStaffThread(serviceCase.id, staff.target, posted, clock.now());
          return;
        }
        if (threadId === null)
          throw new Error(`case ${serviceCase.id} is not posted to ${staff.target} yet`);
        if (body.kind === 'staff-update')
          await staff.updateMessage(threadId, caseCardReply(serviceCase, requireRules()));
        else await staff.postLine(threadId, { kind: 'event', text: body.text });
      }
    }
  }

  // Sent by the core's outbox runner, as every other queue: in order per lane, retried, recovered.
  const runner = createOutboxRunner<CaseJob>({
    store: outbox,
    queue: CASES_QUEUE,
    now: () => clock.now(),
    logger,
    send,
    retryDelaysMs: () => retryDelays,
    describe: (body) => ({ caseId: body.caseId, job: body.kind }),
    texts: {
      retry: 'case message not sent; will retry',
      refused: 'case message not sent; giving up',
      exhausted: 'case message not sent; giving up',
      requeued: 'case messages interrupted by a restart will be sent again',
      abandoned: 'an at-most-once case message was interrupted by a restart and is not sent again',
      failed: 'case outbox failed',
    },
  });
  const tick = (): Promise<void> => runner.drain();
  const kick = (): void => {
    if (options.autoSend !== false) runner.kick();
  };

  /**
   * What a status change queues: the customer's notice in their lane, the staff post's update and
   * a history line in its thread, and after a repair's final status the satisfaction follow-up.
   */
  const statusJobs = (
    rules: CaseStatusRules,
    updated: ServiceCase,
    previous: string,
    change: { readonly status: string; readonly by: CaseActor; readonly note?: string | null },
    at: Date,
  ): NewQueuedJob[] => {
    const definition = findStatus(rules, change.status);
    if (definition === undefined) return [];
    const jobs: NewQueuedJob[] = [];
    if (updated.customer)
      jobs.push(
        job(
          customerLane(updated.customer),
          {
            kind: 'customer',
            caseId: updated.id,
            replies: [statusNotice(updated, textOptions(rules))],
          },
          at,
        ),
      );
    if (updated.staff) {
      jobs.push(job(staffLane(updated.id), { kind: 'staff-update', caseId: updated.id }, at));
      const note = change.note ? ` Note: ${change.note}` : '';
      jobs.push(
        job(
          staffLane(updated.id),
          {
            kind: 'staff-line',
            caseId: updated.id,
            text: `${findStatus(rules, previous)?.label ?? previous} → ${definition.label} by ${change.by}.${note}`,
          },
          at,
        ),
      );
    }
    // After the customer's notice in their lane: "closed", then the satisfaction question.
    if (
      definition.final &&
      updated.kind === 'repair' &&
      change.status !== 'cancelled' &&
      updated.customer
    )
      jobs.push(
        job(customerLane(updated.customer), { kind: 'follow-up', caseId: updated.id }, at, true),
      );
    return jobs;
  };

  return {
    cases,
    rules: options.rules,
    async open(input, openOptions = {}) {
      const rules = requireRules();
      const result = await cases.openCase(
        {
          ...input,
          status: initialStatus(rules, input.kind).id,
          staffTarget: staff?.target ?? null,
        },
        {
          ...(openOptions.capacity === undefined ? {} : { capacity: openOptions.capacity }),
          timeZone: options.timeZone,
          jobs: (created) =>
            created.staff
              ? [job(staffLane(created.id), { kind: 'staff-post', caseId: created.id }, input.at)]
              : [],
        },
      );
      if (result.ok) {
        logger.info({ caseId: result.case.id, kind: input.kind }, 'case opened');
        kick();
      }
      return result;
    },
    async changeStatus(id, change) {
      const rules = requireRules();
      const existing = await cases.getCase(id);
      if (existing === null) return { outcome: 'not-found' };
      const definition = findStatus(rules, change.status);
      if (definition === undefined || !definition.kinds.includes(existing.kind))
        return {
          outcome: 'unknown-status',
          allowed: statusesFor(rules, existing.kind).map((status) => status.id),
        };
      const at = clock.now();
      const result = await cases.changeStatus(
        existing.id,
        {
          status: change.status,
          final: definition.final,
          by: change.by,
          note: change.note ?? null,
          at,
        },
        { jobs: (updated, previous) => statusJobs(rules, updated, previous, change, at) },
      );
      if (result.outcome === 'changed') {
        logger.info(
          { caseId: existing.id, from: result.previousStatus, to: change.status, by: change.by },
          'case status changed',
        );
        kick();
      }
      return result;
    },
    async importCases(rows, importOptions) {
      const rules = requireRules();
      let notified = 0;
      let queued = 0;
      const summary = await cases.importCases(rows, {
        at: importOptions.at,
        source: importOptions.source,
        defaultLocale: options.defaultLocale,
        ...(importOptions.dryRun === undefined ? {} : { dryRun: importOptions.dryRun }),
        jobs: (updated, previous) => {
          const jobs = statusJobs(
            rules,
            updated,
            previous,
            { status: updated.status, by: importOptions.source as CaseActor, note: null },
            importOptions.at,
          );
          queued += jobs.length;
          // Quiet: no customer is told, but the staff post still shows the case as it now is.
          if (importOptions.notify === false)
            return jobs.filter((queuedJob) => !queuedJob.lane.startsWith('customer:'));
          if (updated.customer) notified += 1;
          return jobs;
        },
      });
      if (queued > 0 && importOptions.dryRun !== true) kick();
      return { ...summary, notified };
    },
    async addNote(id, text, by) {
      const noted = await cases.addNote(id, { text, by, at: clock.now() });
      if (noted?.staff) {
        await outbox.enqueue(
          job(
            staffLane(noted.id),
            { kind: 'staff-line', caseId: noted.id, text: `Note by ${by}: ${text}` },
            clock.now(),
          ),
        );
        kick();
      }
      return noted;
    },
    card: (serviceCase) => caseCardReply(serviceCase, requireRules()),
    tick,
    async start() {
      await runner.recover();
      kick();
    },
    stop: () => runner.idle(),
  };
}
