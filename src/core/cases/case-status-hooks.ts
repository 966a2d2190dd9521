/**
 * "Where is my repair?" answered from the case (the TurnHooks contract of src/core/pipeline/ports.ts):
 * a case number anywhere in the message (any spelling case, Persian or Arabic-Indic digits too)
 * is looked up; otherwise, when the message asks about a repair's status (the `repair-status` FAQ
 * entry matches), the customer's open cases are listed; with none open, the FAQ entry answers. The answer is in the question's language
 * and script, dates in its calendar.
 */
import { normalizeDigits } from '../language/normalize';
import type { Locale, Reply } from '../message';
import type { TurnHooks } from '../pipeline/ports';
import { reply, type Turn } from '../pipeline/turn';
import { caseMessage, caseSummaryText, type CaseTextOptions } from './case-notices';
import type { CaseStore } from './ports';
import type { CaseStatusRules } from './statuses';
import { caseNumberPattern, casePrefixOf, formatCaseNumber, type ServiceCase } from './types';

export interface CaseStatusHooksOptions {
  readonly cases: CaseStore;
  readonly rules: () => CaseStatusRules | null;
  readonly timeZone: string;
  readonly defaultLocale: Locale;
  /** The FAQ entry that asks for a repair's status; its match lists the customer's open cases. */
  readonly statusFaq?: string;
  /** How many open cases one answer lists. */
  readonly maxListed?: number;
}

/** The first case number in a message, in its canonical spelling; null when there is none. */
export function findCaseNumber(text: string): string | null {
  const match = caseNumberPattern.exec(normalizeDigits(text.normalize('NFKC')));
  if (match === null) return null;
  return formatCaseNumber(casePrefixOf(match[1]!), match[2]!, Number(match[3]));
}

export function createCaseStatusHooks(options: CaseStatusHooksOptions): TurnHooks {
  const statusFaq = `faq:${options.statusFaq ?? 'repair-status'}`;
  const maxListed = options.maxListed ?? 3;
  const answer = (turn: Turn, text: string): Reply[] => [
    reply(turn, { text, intent: 'case-status', confidence: 1 }),
  ];
  // Told in the language and script of the question, whatever the case was opened in.
  const asAsked = (turn: Turn, serviceCase: ServiceCase): ServiceCase => ({
    ...serviceCase,
    locale: turn.locale,
    script: turn.state.script,
  });
  return {
    async beforeText(turn, settings, matches) {
      const rules = options.rules();
      if (rules === null) return null;
      const text: CaseTextOptions = {
        rules,
        timeZone: options.timeZone,
        defaultLocale: options.defaultLocale,
      };
      const number = findCaseNumber(turn.text);
      if (number !== null) {
        turn.state.pending = null;
        const found = await options.cases.getCase(number);
        return answer(
          turn,
          found === null
            ? caseMessage(text, 'case-not-found', turn.locale, { case: number })
            : caseSummaryText(asAsked(turn, found), text),
        );
      }
      const top = matches()[0];
      if (!top || top.label !== statusFaq || top.score < settings.thresholds.answer) return null;
      const open = await options.cases.listCases({
        customer: turn.key,
        ...(turn.message.userId ? { userId: turn.message.userId } : {}),
        openOnly: true,
        limit: maxListed,
      });
      // None open: the FAQ entry answers (where the case number is printed, how to ask).
      if (open.length === 0) return null;
      turn.state.pending = null;
      turn.state.fallbacks = 0;
      return answer(
        turn,
        open.map((serviceCase) => caseSummaryText(asAsked(turn, serviceCase), text)).join('\n\n'),
      );
    },
    pressed: () => Promise.resolve(null),
  };
}

/** Runs hooks in order; the first that answers wins. */
export function chainHooks(...hooks: readonly TurnHooks[]): TurnHooks {
  return {
    async beforeText(turn, settings, matches) {
      for (const hook of hooks) {
        const handled = await hook.beforeText(turn, settings, matches);
        if (handled) return handled;
      }
      return null;
    },
    async pressed(turn, choiceId, settings) {
      for (const hook of hooks) {
        const handled = await hook.pressed(turn, choiceId, settings);
        if (handled) return handled;
      }
      return null;
    },
  };
}
