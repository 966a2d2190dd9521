/** Answers "which number do I call" from the branch directory: the branch named in the question, else all. */
import type { Branch } from '../knowledge/knowledge';
import { normalizeText } from '../language/normalize';
import type { NameFinder } from '../matching/name-finder';
import type { Reply } from '../message';
import { reply, say, type Turn } from './turn';

/**
 * Branches named in the question. A name matches when each of its words appears in the question,
 * allowing inflected endings ("κέντρου" for "κέντρο", "மையத்தின்" for "மையம்"): two words match when
 * one is the other, or (for words of five letters or more) the question's word is about as long
 * and shares all but the last two letters of the name's word. When no name matches that way, a
 * typo'd one ("repiar centre") is looked up fuzzily with `names` (fuse.js), if given.
 */
export function findBranches(
  branches: readonly Branch[],
  text: string,
  locale: string,
  names?: NameFinder,
): Branch[] {
  const named = namedExactly(branches, text, locale);
  if (named.length > 0 || !names) return named;
  const found = names.find(text, locale);
  const best = found[0]?.score ?? 0;
  const ids = new Set(found.filter((item) => item.score === best).map((item) => item.id));
  return branches.filter((branch) => ids.has(branch.id));
}

function namedExactly(branches: readonly Branch[], text: string, locale: string): Branch[] {
  const questionWords = words(normalizeText(text, locale));
  return branches.filter((branch) =>
    [...Object.values(branch.name), ...branch.aliases].some((name) => {
      const nameWords = words(normalizeText(name, locale));
      return (
        nameWords.length > 0 &&
        nameWords.every((word) => questionWords.some((candidate) => sameWord(word, candidate)))
      );
    }),
  );
}

const words = (text: string): string[][] =>
  text
    .split(' ')
    .filter(Boolean)
    .map((word) => Array.from(word));

function sameWord(name: readonly string[], candidate: readonly string[]): boolean {
  // Short words must match exactly: "شمال" (north) is not "شماره" (number).
  if (name.length < 5) return name.join('') === candidate.join('');
  const needed = Math.max(3, name.length - 2);
  // An inflected form is about as long as the name's word, or longer; "centra" is not "centrala".
  if (candidate.length < name.length - 1) return false;
  for (let index = 0; index < needed; index++) if (name[index] !== candidate[index]) return false;
  return true;
}

export function branchReply(turn: Turn, confidence: number): Reply {
  const named = findBranches(turn.brain.branches, turn.text, turn.locale, turn.brain.branchNames);
  const shown = named.length > 0 ? named : turn.brain.branches;
  const lines = shown.map((branch) => {
    const hours = turn.brain.texts.pick(branch.hours, turn.locale);
    const name = turn.brain.texts.pick(branch.name, turn.locale);
    return `- **${name}**: ${branch.phone}${hours ? ` (${hours})` : ''}`;
  });
  const intro = named.length > 0 ? '' : `${say(turn, 'branch-list')}\n\n`;
  return reply(turn, { text: `${intro}${lines.join('\n')}`, intent: 'branch-lookup', confidence });
}
