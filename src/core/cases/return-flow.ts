/**
 * Returns and exchanges once the unit is known: the customer says what condition it is in (a
 * button per condition of knowledge/service/returns.yaml), the return rules decide, and an
 * accepted one becomes a case with an RMA number and the next steps; a refused one says why.
 */
import type { Reply } from '../message';
import { humanChoice, reply } from '../pipeline/turn';
import type { CasePending } from '../ports';
import { todayIn } from '../warranty/calendar-date';
import type { Unit } from '../warranty/types';
import { CASE_INTENT, type CaseStep } from './case-step';
import { formatNumber, pickText, sayCase } from './case-texts';
import { returnDecision } from './returns';

export function askCondition(step: CaseStep, pending: CasePending, unit: Unit): Reply[] {
  const { turn, rules, warranty } = step;
  turn.state.pending = { ...pending, step: 'condition', attempts: 0 };
  return [
    reply(turn, {
      text: sayCase(turn, rules, 'return-ask-condition', {
        model: warranty.models[unit.model]?.name ?? unit.model,
      }),
      intent: CASE_INTENT,
      choices: rules.returns.conditions.map((condition) => ({
        id: `case:cond:${condition.id}`,
        label: pickText(turn, condition.label),
      })),
    }),
  ];
}

export async function returnPressed(
  step: CaseStep,
  pending: CasePending,
  condition: string,
): Promise<Reply[] | null> {
  const { turn, rules, warranty, options } = step;
  if (pending.step !== 'condition' || pending.flow === 'repair' || !pending.serial) return null;
  if (!rules.returns.conditions.some((known) => known.id === condition)) return null;
  const unit = await options.units.findUnit(pending.serial);
  if (!unit) return null;
  const kind = pending.flow;
  const decision = returnDecision(
    unit,
    kind,
    condition,
    rules.returns,
    todayIn(turn.now, options.timeZone),
  );
  turn.state.pending = null;
  if (!decision.accepted) {
    const text =
      decision.reason === 'too-late'
        ? sayCase(turn, rules, 'return-too-late', {
            limit: formatNumber(decision.limit, turn.locale),
            days: formatNumber(decision.days, turn.locale),
            from: sayCase(
              turn,
              rules,
              decision.from === 'delivery' ? 'from-delivery' : 'from-purchase',
            ),
            model: warranty.models[unit.model]?.name ?? unit.model,
          })
        : sayCase(turn, rules, 'return-refused', {
            reason: pickText(turn, rules.returns.refusals[decision.condition]),
          });
    return [reply(turn, { text, intent: CASE_INTENT, choices: [humanChoice(turn)] })];
  }
  const opened = await options.bookings.open({
    kind,
    serial: unit.serial,
    customer: { channel: turn.message.channel, userId: turn.message.userId },
    conversation: turn.key,
    locale: turn.locale,
    script: turn.state.script,
    symptom: null,
    summary: `${kind} accepted: ${condition}, day ${decision.days} of ${decision.rule.days} (${decision.rule.id})`,
    appointment: null,
    at: turn.now,
  });
  if (!opened.ok) return null;
  return [
    reply(turn, {
      text: sayCase(turn, rules, kind === 'exchange' ? 'exchange-accepted' : 'return-accepted', {
        rma: opened.number,
        nextSteps: pickText(turn, rules.returns.nextSteps[kind]),
      }),
      intent: CASE_INTENT,
    }),
  ];
}
