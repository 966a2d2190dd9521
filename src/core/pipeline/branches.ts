/** Answers "which number do I call" from the branch directory: the branch named in the question, else all. */
import type { Branch } from '../knowledge/knowledge';
import { normalizeText } from '../language/normalize';
import type { Reply } from '../message';
import { reply, say, type Turn } from './turn';

export function findBranches(branches: readonly Branch[], text: string, locale: string): Branch[] {
  const question = ` ${normalizeText(text, locale)} `;
  const named = branches.filter((branch) =>
    [...Object.values(branch.name), ...branch.aliases].some((name) => {
      const normalized = normalizeText(name, locale).trim();
      return normalized.length > 1 && question.includes(` ${normalized} `);
    }),
  );
  return named;
}

export function branchReply(turn: Turn, confidence: number): Reply {
  const named = findBranches(turn.brain.branches, turn.text, turn.locale);
  const shown = named.length > 0 ? named : turn.brain.branches;
  const lines = shown.map((branch) => {
    const hours = turn.brain.texts.pick(branch.hours, turn.locale);
    const name = turn.brain.texts.pick(branch.name, turn.locale);
    return `- **${name}**: ${branch.phone}${hours ? ` (${hours})` : ''}`;
  });
  const intro = named.length > 0 ? '' : `${say(turn, 'branch-list')}\n\n`;
  return reply(turn, { text: `${intro}${lines.join('\n')}`, intent: 'branch-lookup', confidence });
}
