/** Reads conversation files with the line of every turn, so a failure points at the file and line. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseWithLines } from '../config/parse-located';
import { conversationFileSchema, type ConversationFile } from './schema';

export interface LoadedConversationFile {
  /** As shown in messages: relative to the project root when inside it. */
  readonly file: string;
  readonly absolutePath: string;
  readonly data: ConversationFile;
  /** The line of `conversations[c].turns[t]`, or of the conversation when `turn` is omitted. */
  lineOf(conversation: number, turn?: number): number;
}

export function loadConversationFile(
  absolutePath: string,
  rootDir: string,
): LoadedConversationFile {
  const relative = path.relative(rootDir, absolutePath);
  const file = relative.startsWith('..') ? absolutePath : relative;
  const located = parseWithLines(
    { file, text: readFileSync(absolutePath, 'utf8') },
    conversationFileSchema,
  );
  return {
    file,
    absolutePath,
    data: located.data,
    lineOf: (conversation, turn) =>
      located.lineOf(
        turn === undefined
          ? ['conversations', conversation]
          : ['conversations', conversation, 'turns', turn],
      ),
  };
}

/** The `*.yaml`/`*.yml` files of a folder, sorted, for a stable order of output. */
export function conversationFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}
