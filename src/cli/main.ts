/** The `aftercare` command: one dispatcher, each command in src/cli/commands. */
import { projectRoot } from '../app';
import { KnowledgeError, formatProblem } from '../config/located-error';
import { DatabaseVersionError } from '../storage/sqlite/open-database';
import { askCommand, chatCommand } from './commands/ask';
import { checkCommand } from './commands/check';
import { dbCommand } from './commands/db';
import { evalCommand } from './commands/eval';
import { gapsCommand } from './commands/gaps';
import { helpCommand } from './commands/help';
import { importUnitsCommand } from './commands/import-units';
import { importCasesCommand } from './commands/import-cases';
import { casesCommand } from './commands/cases';
import { startCommand } from './commands/start';
import { suggestionsCommand } from './commands/suggestions';
import { testCommand } from './commands/test';
import { ticketsCommand } from './commands/tickets';
import { warrantyCommand } from './commands/warranty';
import { auditCommand } from './commands/audit';
import { eraseCommand, exportCommand } from './commands/privacy';
import { reportCommand } from './commands/report';
import type { CliCommand, CliIo } from './io';
import { closestName } from './suggest';

const commands: Readonly<Record<string, { run: CliCommand; usage: string }>> = {
  start: {
    run: startCommand,
    usage: 'start                                  run the bot (web chat + configured channels)',
  },
  ask: {
    run: askCommand,
    usage: 'ask "<text>" [--locale xx] [--conversation ID] [--json]  one question, one answer',
  },
  chat: {
    run: chatCommand,
    usage: 'chat                                   a conversation in the terminal',
  },
  check: {
    run: checkCommand,
    usage: 'check [--dir D] [--strict]             validate intents/ and knowledge/',
  },
  eval: {
    run: evalCommand,
    usage:
      'eval --data FILE.jsonl [--shots K] [--json]  matcher accuracy, OOS threshold, speed, memory',
  },
  warranty: {
    run: warrantyCommand,
    usage:
      "warranty SERIAL [--on DATE] [--json]   a unit's full record and warranty status (staff)",
  },
  import: {
    run: (args, io) =>
      args.find((arg) => !arg.startsWith('--')) === 'cases'
        ? importCasesCommand(args, io)
        : importUnitsCommand(args, io),
    usage: 'import units|cases FILE.csv|FILE.json [--dry-run]  load unit records or service cases',
  },
  cases: {
    run: casesCommand,
    usage:
      'cases [--status S] [--json]            service cases (also: show ID, update ID --status S [--note T])',
  },
  gaps: {
    run: gapsCommand,
    usage:
      'gaps [--since DATE] [--locale xx] [--channel C] [--json] [--write DIR]  unanswered questions, clustered',
  },
  suggestions: {
    run: suggestionsCommand,
    usage:
      'suggestions [--json]                   variants learned from customers (also: accept|reject ID)',
  },
  test: {
    run: testCommand,
    usage: 'test [FILES] [--dir D]                 run conversation tests (conversations/*.yaml)',
  },
  help: {
    run: helpCommand,
    usage: 'help build --out DIR [--base-url URL]  the help centre as static files + sitemap',
  },
  tickets: {
    run: ticketsCommand,
    usage:
      'tickets [--status open] [--json]       the hand-off queue (also: show|reply|resolve ID)',
  },
  report: {
    run: reportCommand,
    usage: 'report [--since D] [--until D] [--format md|json]  the insights figures of /admin',
  },
  export: {
    run: exportCommand,
    usage: "export --customer ID|--phone P|--channel-id CH:ID [--out F]  a person's data as JSON",
  },
  erase: {
    run: eraseCommand,
    usage: 'erase --customer ID|--phone P|--channel-id CH:ID [--yes]  erase a person everywhere',
  },
  db: {
    run: dbCommand,
    usage: 'db copy --to postgres://… [--from FILE]  copy the SQLite database into PostgreSQL',
  },
  audit: {
    run: auditCommand,
    usage: 'audit [--since D] [--json]             who looked at or erased customer data',
  },
};

export async function runCli(argv: readonly string[], io?: Partial<CliIo>): Promise<number> {
  const full: CliIo = {
    stdout: io?.stdout ?? ((text) => process.stdout.write(text)),
    stderr: io?.stderr ?? ((text) => process.stderr.write(text)),
    rootDir: io?.rootDir ?? process.env.AFTERCARE_ROOT ?? projectRoot,
    env: io?.env ?? process.env,
  };
  const [name, ...args] = argv;
  // A bare `aftercare help` lists the commands; `aftercare help build` is the help centre's.
  const command = name && !(name === 'help' && args.length === 0) ? commands[name] : undefined;
  if (!command) {
    if (name !== undefined && name !== 'help' && name !== '--help') {
      const near = closestName(name, Object.keys(commands));
      full.stderr(`unknown command '${name}'${near ? `; did you mean '${near}'?` : ''}\n`);
    }
    full.stderr(
      `usage: aftercare <command>\n${Object.values(commands)
        .map((c) => `  aftercare ${c.usage}`)
        .join('\n')}\n`,
    );
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    return await command.run(args, full);
  } catch (error) {
    // Known errors explain themselves; never a stack trace for a problem an operator can fix.
    if (error instanceof KnowledgeError) {
      for (const problem of error.problems) full.stderr(`error: ${formatProblem(problem)}\n`);
      const starting =
        name === 'start' || name === 'ask' || name === 'chat' ? 'Aftercare did not start: ' : '';
      full.stderr(
        `${starting}fix the file(s) above (\`npx aftercare check\` lists every problem).\n`,
      );
      return 1;
    }
    if (error instanceof DatabaseVersionError) {
      full.stderr(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
