/**
 * `aftercare test [FILES] [--dir D]`: runs conversation tests (conversations/*.yaml) in-process
 * against the knowledge on disk. Exit 0 when all pass, 1 on any failure, 2 for a usage error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { conversationFilesIn, loadConversationFile } from '../../conversation-tests/load';
import { formatFailure, runConversationFiles } from '../../conversation-tests/run';
import { parseArgs, type CliCommand } from '../io';

const usage = 'usage: aftercare test [FILE.yaml ...] [--dir conversations]\n';

export const testCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, []);
  const unknown = [...flags.keys()].filter((name) => name !== 'dir');
  const dirFlag = flags.get('dir');
  if (unknown.length > 0 || dirFlag === true) {
    io.stderr(unknown.length > 0 ? `unknown option --${unknown[0]}\n${usage}` : usage);
    return 2;
  }
  const paths =
    positionals.length > 0
      ? positionals.map((file) => path.resolve(io.rootDir, file))
      : conversationFilesIn(path.resolve(io.rootDir, dirFlag ?? 'conversations'));
  const missing = paths.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    io.stderr(`error: no such file: ${missing.join(', ')}\n`);
    return 2;
  }
  if (paths.length === 0) {
    io.stderr(`error: no conversation files (*.yaml) in ${dirFlag ?? 'conversations'}\n`);
    return 2;
  }
  const files = paths.map((file) => loadConversationFile(file, io.rootDir));
  const summary = await runConversationFiles(files, {
    rootDir: io.rootDir,
    env: io.env,
    onConversation: (file, name, passed) =>
      io.stdout(`${passed ? 'ok  ' : 'FAIL'} ${file}: ${name}\n`),
  });
  for (const failure of summary.failures) io.stderr(`${formatFailure(failure)}\n`);
  io.stdout(
    `${summary.conversations} conversation(s), ${summary.turns} turn(s), ${summary.failures.length} failed\n`,
  );
  return summary.failures.length > 0 ? 1 : 0;
};
