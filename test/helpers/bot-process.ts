/** `aftercare start` as a real child process: its log, the URL it prints, its exit. */
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './paths';

export interface BotProcess {
  readonly child: ChildProcess;
  /** Resolves with the web chat URL from the start-up log; rejects if the process exits first. */
  readonly url: Promise<string>;
  /** stdout and stderr so far. */
  log(): string;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
}

export function startBot(env: NodeJS.ProcessEnv): BotProcess {
  const child = spawn(process.execPath, [`${repoRoot}/bin/aftercare.js`, 'start'], {
    env,
    cwd: repoRoot,
  });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /web chat at (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exit.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  // A test that expects the process to fail awaits its exit instead of the URL.
  url.catch(() => undefined);
  return { child, url, log: () => output, exited: () => exit };
}
