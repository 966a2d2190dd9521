/** What a CLI command gets instead of touching process globals: testable, and the same for every command. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly rootDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Parses `--name value`, `--flag` and positionals; unknown flags are reported by the caller. */
export function parseArgs(
  args: readonly string[],
  booleanFlags: readonly string[],
): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (booleanFlags.includes(name)) flags.set(name, true);
      else {
        const value = args[index + 1];
        if (value === undefined || value.startsWith('--')) flags.set(name, true);
        else {
          flags.set(name, value);
          index++;
        }
      }
    } else {
      positionals.push(arg);
    }
  }
  return { flags, positionals };
}
