/**
 * `aftercare suggestions [--json]`, `suggestions accept ID`, `suggestions reject ID`: question
 * variants learned from customers. Listing first learns from the transcripts stored since the
 * last time (accepted "did you mean" choices, staff `!faq ID` notes); accepting writes the variant into the entry's file,
 * keeping its formatting and comments, and runs the check (a failing check puts the file back).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addFaqQuestions } from '../../config/add-faq-questions';
import { loadConfig } from '../../config/load-config';
import { loadRejectionPhrases } from '../../config/load-rejection-phrases';
import { createRejectionTest } from '../../gaps/rejection';
import { fileOfEntry } from '../../gaps/write-drafts';
import { learnFromClarificationsFrom } from '../../suggestions/learn';
import { openCliStorage } from '../open-cli-storage';
import type { Suggestion } from '../../suggestions/suggestion-store';
import { parseArgs, type CliCommand } from '../io';
import { checkCommand } from './check';

const usage =
  'usage: aftercare suggestions [--json] | suggestions accept ID | suggestions reject ID\n';

export const suggestionsCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const [action, rawId] = positionals;
  const id = Number(rawId);
  const unknown = [...flags.keys()].filter((name) => name !== 'json');
  if (
    unknown.length > 0 ||
    (action !== undefined && !(['accept', 'reject'].includes(action) && Number.isInteger(id)))
  ) {
    io.stderr(usage);
    return 2;
  }
  const config = loadConfig({ rootDir: io.rootDir, env: io.env });
  const storage = openCliStorage(io, config);
  try {
    const store = storage.suggestions;
    if (action === undefined) {
      const rejects = createRejectionTest(
        loadRejectionPhrases({ rootDir: io.rootDir, knowledgeDir: config.knowledgeDir }),
      );
      await store.record(
        await learnFromClarificationsFrom(storage.transcripts.lines(), rejects),
        'clarify',
      );
      await store.record(await storage.staffFaqNotes(), 'staff');
      const open = await store.list('open');
      if (flags.has('json')) io.stdout(`${JSON.stringify(open.map(toJson), null, 2)}\n`);
      else if (open.length === 0) io.stdout('No open suggestions.\n');
      else
        for (const suggestion of open)
          io.stdout(
            `#${suggestion.id} ${suggestion.faq} [${suggestion.locale}] ×${suggestion.seen} (${suggestion.source}): ${suggestion.text}\n`,
          );
      return 0;
    }
    const suggestion = await store.get(id);
    if (!suggestion || suggestion.status !== 'open') {
      io.stderr(`error: no open suggestion #${id}; \`aftercare suggestions\` lists them\n`);
      return 1;
    }
    if (action === 'reject') {
      await store.setStatus(id, 'rejected');
      io.stdout(`rejected #${id}\n`);
      return 0;
    }
    const file = fileOfEntry(path.join(io.rootDir, config.knowledgeDir, 'faq'), suggestion.faq);
    if (!file) {
      io.stderr(
        `error: FAQ entry ${suggestion.faq} is not in ${config.knowledgeDir}/faq any more\n`,
      );
      return 1;
    }
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, addFaqQuestions(before, suggestion.locale, [suggestion.text]).text);
    if ((await checkCommand([], io)) !== 0) {
      writeFileSync(file, before);
      io.stderr(`the check failed, so ${path.relative(io.rootDir, file)} was left as it was\n`);
      return 1;
    }
    await store.setStatus(id, 'accepted');
    io.stdout(
      `accepted #${id}: "${suggestion.text}" added to ${path.relative(io.rootDir, file)}\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
};

function toJson(suggestion: Suggestion): Record<string, unknown> {
  return {
    ...suggestion,
    firstSeen: suggestion.firstSeen.toISOString(),
    lastSeen: suggestion.lastSeen.toISOString(),
  };
}
