/**
 * The pipeline: one normalized message in, replies out.
 * clean -> dedupe -> state -> (relay while a person owns the conversation) -> detect language ->
 * button / command / pending dialog / match -> answer, clarify or hand off -> save.
 * One error boundary per turn: the customer gets a polite message, the log gets the details.
 */
import type { Brain } from '../brain';
import type { HandleMessage, TurnDelivery } from '../channel';
import { baseLocale } from '../language/normalize';
import type { Candidate } from '../matching/matcher';
import { localeProfile } from '../language/locale-profile';
import { mainReply, type IncomingMessage, type Locale, type Reply } from '../message';
import type { Clock, ConversationKey, ConversationStore, Logger } from '../ports';
import { decisionOf, noMetrics, type Metrics } from '../metrics';
import { cleanText } from '../sanitize';
import { commandReplies, languageChoiceReplies } from './commands';
import { backToBotChoiceId, handOff } from './handoff';
import type { TurnHooks } from './ports';
import { answerLabel, fallback, respondToMatch, type RespondSettings } from './respond';
import { nativeName } from '../texts';
import { reply, say, type Turn } from './turn';
import { asksForBot, whileHandedOff } from './waiting';

export interface CoreOptions {
  /** The current brain; a function so that a knowledge reload swaps it between turns. */
  readonly brain: () => Brain;
  readonly store: ConversationStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
  readonly maxMessageChars: number;
  readonly settings: RespondSettings;
  /** Hand-off hooks: satisfaction and follow-up buttons, comments, strong negative sentiment (src/core/handoff/turn-hooks.ts). */
  readonly hooks?: TurnHooks;
  /** Counters and histograms for /metrics (src/core/metrics.ts); none by default. */
  readonly metrics?: Metrics;
}

export interface Core {
  readonly handle: HandleMessage;
}

export function createCore(options: CoreOptions): Core {
  const { store, clock, logger, settings } = options;
  const metrics = options.metrics ?? noMetrics;

  /** One turn, committed in one transaction (ConversationStore.commitTurn). */
  function runTurn(message: IncomingMessage, delivery?: TurnDelivery): Promise<Reply[]> {
    return store.commitTurn(() => turnInTransaction(message, delivery));
  }

  async function turnInTransaction(
    message: IncomingMessage,
    delivery?: TurnDelivery,
  ): Promise<Reply[]> {
    const started = performance.now();
    const key: ConversationKey = {
      channel: message.channel,
      conversationId: message.conversationId,
    };
    const cleaned = cleanText(message.text, options.maxMessageChars);
    const brain = options.brain();
    const state = await store.loadState(key);
    // A language the customer picked wins over detection for the whole conversation.
    const chosen = configured(message.chosenLocale);
    const guess =
      message.choiceId || cleaned.unreadable || chosen
        ? null
        : // Words with digits (serials, order numbers) say nothing about the language.
          brain.detector.detect(cleaned.text.replace(/\S*\d\S*/gu, ' '), {
            hint: message.localeHint,
            current: state.locale,
            fallback: options.defaultLocale,
          });
    // A weak guess (two letters of Latin script) does not override what we know of the customer.
    const sure = guess?.locale && guess.confidence >= 0.5 ? guess.locale : null;
    const locale =
      chosen ?? sure ?? state.locale ?? configured(message.localeHint) ?? options.defaultLocale;
    if (!(await store.recordIncoming(key, { ...message, text: cleaned.text }, locale))) {
      logger.info(
        { channel: key.channel, conversationId: key.conversationId, messageId: message.messageId },
        'duplicate delivery ignored',
      );
      metrics.duplicateIgnored(key.channel);
      // Its replies were committed with it: a channel that sends from the outbox has them there;
      // one whose answer is the response (the web chat) gets the same replies again.
      return delivery && delivery.answersRedeliveries !== true
        ? []
        : store.repliesTo(key, message.messageId);
    }
    metrics.messageReceived(key.channel, locale);
    const turn: Turn = { key, message, text: cleaned.text, locale, brain, now: clock.now(), state };
    // Words with digits (serials, model numbers) say nothing about the script the customer writes in.
    const scripts = localeProfile(locale).scripts;
    if (scripts && !message.choiceId)
      state.script = scripts.detect(cleaned.text.replace(/\S*\d\S*/gu, '')) ?? state.script;

    // Handed off: the message goes to the ticket; waiting.ts says what the customer is told.
    let replies =
      state.handoffActive && (!cleaned.unreadable || message.choiceId)
        ? await whileHandedOff(turn, settings)
        : null;
    if (replies) {
      // answered by the hand-off
    } else if (guess && guess.locale === null) {
      replies = [unsupportedLanguage(turn)];
    } else {
      state.locale = locale;
      replies = await decide(turn, cleaned.unreadable);
      if (cleaned.truncated) replies = [reply(turn, { text: say(turn, 'too-long') }), ...replies];
    }
    await store.saveState(key, turn.state, turn.now);
    const stored = await store.recordReplies(key, replies, turn.now);
    await delivery?.commit(replies, stored);
    const main = mainReply(replies);
    metrics.replied(key.channel, decisionOf(main), main?.handoffReason ?? null);
    metrics.turnTimed((performance.now() - started) / 1000);
    logger.info(
      {
        channel: key.channel,
        conversationId: key.conversationId,
        messageId: message.messageId,
        locale,
        kind: main?.kind ?? 'silent',
        intent: main?.intent ?? null,
        faq: main?.faq ?? null,
        confidence: main ? Number(main.confidence.toFixed(3)) : null,
        ms: Number((performance.now() - started).toFixed(2)),
      },
      'turn',
    );
    logger.debug({ messageId: message.messageId, text: cleaned.text }, 'customer text');
    return replies;
  }

  async function decide(turn: Turn, unreadable: boolean): Promise<Reply[]> {
    const choiceId = turn.message.choiceId;
    if (choiceId) return pressed(turn, choiceId);
    if (unreadable) return [reply(turn, { text: say(turn, 'empty-message'), confidence: 0 })];
    const command = commandReplies(turn, settings, options.locales);
    if (command) return command;
    // "Back to the assistant" typed (or /bot) with no hand-off open: the customer already is.
    if (asksForBot(turn)) return [reply(turn, { text: say(turn, 'handoff-back') })];
    let candidates: Candidate[] | null = null;
    const matches = (): Candidate[] => {
      if (candidates) return candidates;
      const matchStarted = performance.now();
      candidates = turn.brain.matcher.match(turn.text, { locale: turn.locale, limit: 5 });
      metrics.matchTimed((performance.now() - matchStarted) / 1000);
      return candidates;
    };
    const hooked = await options.hooks?.beforeText(turn, settings, matches);
    if (hooked) return hooked;
    const cases = settings.caseDialog;
    if (turn.state.pending?.kind === 'case' && cases) {
      const resumed = await cases.resume(turn, settings);
      if (resumed) return resumed;
    }
    // A fault report carrying a serial ("my NV12-2601-1001 fell in water") is a repair, not a warranty question.
    const reported = await cases?.spot(turn, settings, matches);
    if (reported) return reported;
    if (turn.state.pending?.kind === 'warranty-serial' && settings.warrantyDialog) {
      const resumed = await settings.warrantyDialog.resume(turn);
      if (resumed) return resumed;
    }
    const spotted = await settings.warrantyDialog?.spot(turn);
    if (spotted) return spotted;
    return respondToMatch(turn, settings, matches());
  }

  async function pressed(turn: Turn, choiceId: string): Promise<Reply[]> {
    const hooked = await options.hooks?.pressed(turn, choiceId, settings);
    if (hooked) return hooked;
    if (choiceId.startsWith('case:') && settings.caseDialog) {
      const answered = await settings.caseDialog.pressed(turn, choiceId, settings);
      if (answered) return answered;
    }
    if (choiceId === 'human') return handOff(turn, settings, 'requested', 1);
    // A "back to the assistant" button pressed after the hand-off ended: nothing to end.
    if (choiceId === backToBotChoiceId) return [reply(turn, { text: say(turn, 'handoff-back') })];
    if (choiceId === 'none') return fallback(turn, settings, 0);
    if (choiceId.startsWith('lang:'))
      return languageChoiceReplies(turn, choiceId.slice(5), options.locales);
    return answerLabel(turn, settings, choiceId, 1);
  }

  function unsupportedLanguage(turn: Turn): Reply {
    const names = options.locales.map((code) => nativeName(code)).join(', ');
    const locale = turn.state.locale ?? options.defaultLocale;
    return reply(
      { ...turn, locale },
      {
        text: turn.brain.texts.message('unsupported-language', locale, { languages: names }),
        confidence: 0,
        choices: [],
      },
    );
  }

  function configured(hint: string | undefined): Locale | null {
    const base = baseLocale(hint);
    return base && options.locales.includes(base) ? base : null;
  }

  return {
    async handle(message, delivery) {
      try {
        return await runTurn(message, delivery);
      } catch (error) {
        logger.error(
          {
            channel: message.channel,
            conversationId: message.conversationId,
            messageId: message.messageId,
            err: error,
          },
          'turn failed',
        );
        const locale = options.defaultLocale;
        const text = safeMessage(options.brain, locale);
        const apology: Reply[] = [
          { kind: 'answer', text, locale, choices: [], intent: null, faq: null, confidence: 0 },
        ];
        // Nothing of the turn was committed; the apology goes out through the outbox too.
        await delivery
          ?.commit(apology)
          .catch((commitError: unknown) =>
            logger.error({ err: commitError }, 'apology not queued'),
          );
        return apology;
      }
    },
  };
}

function safeMessage(brain: () => Brain, locale: Locale): string {
  try {
    return brain().texts.message('turn-error', locale);
  } catch {
    return 'Sorry, something went wrong on our side. Please try again in a moment.';
  }
}
