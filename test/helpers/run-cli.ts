/** Runs the `aftercare` command in-process (src/cli/main.ts runCli) and keeps what it printed. */
import { runCli } from '../../src/cli/main';
import { repoRoot } from './paths';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runAftercare(
  argv: readonly string[],
  options: { rootDir?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    rootDir: options.rootDir ?? repoRoot,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A stack trace line ("    at fn (file:1:2)"): never shown to an operator. */
export const stackTraceLine = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
