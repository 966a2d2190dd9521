/** `aftercare check [--dir D] [--strict]`: validates the knowledge an admin edited, as CI does. */
import path from 'node:path';
import { findCollisions } from '../../config/find-collisions';
import { loadConfig } from '../../config/load-config';
import { loadKnowledge } from '../../config/load-knowledge';
import { loadRejectionPhrases } from '../../config/load-rejection-phrases';
import { loadCaseStatuses } from '../../config/load-case-statuses';
import { loadServiceRules } from '../../config/load-service';
import { loadWarrantyRules } from '../../config/load-warranty';
import { KnowledgeError, formatProblem, type Problem } from '../../config/located-error';
import { parseArgs, type CliCommand } from '../io';

export const checkCommand: CliCommand = async (args, io) => {
  const { flags } = parseArgs(args, ['strict']);
  const dir =
    typeof flags.get('dir') === 'string' ? path.resolve(flags.get('dir') as string) : io.rootDir;
  try {
    const config = loadConfig({ rootDir: io.rootDir, env: io.env });
    // Every file kind is checked, so one run names the mistakes of all of them; a kind whose
    // references need another (the service files name warranty categories and branches) waits
    // until that one is right.
    const problems: Problem[] = [];
    const attempt = <T>(load: () => T): T | undefined => {
      try {
        return load();
      } catch (error) {
        if (!(error instanceof KnowledgeError)) throw error;
        problems.push(...error.problems);
        return undefined;
      }
    };
    const loaded = attempt(() =>
      loadKnowledge({
        rootDir: dir,
        knowledgeDir: config.knowledgeDir,
        intentsDir: config.intentsDir,
        locales: config.locales,
      }),
    );
    const warranty = attempt(() =>
      loadWarrantyRules({
        rootDir: dir,
        knowledgeDir: config.knowledgeDir,
        locales: config.locales,
        defaultLocale: config.defaultLocale,
      }),
    );
    attempt(() => loadRejectionPhrases({ rootDir: dir, knowledgeDir: config.knowledgeDir }));
    const service =
      loaded && warranty
        ? attempt(() =>
            loadServiceRules(
              { rootDir: dir, knowledgeDir: config.knowledgeDir, locales: config.locales },
              {
                warranty: warranty.rules,
                branchIds: loaded.knowledge.branches.map((branch) => branch.id),
              },
            ),
          )
        : undefined;
    attempt(() =>
      loadCaseStatuses({
        rootDir: dir,
        knowledgeDir: config.knowledgeDir,
        locales: config.locales,
      }),
    );
    if (problems.length > 0 || !loaded || !warranty || !service) throw new KnowledgeError(problems);
    const collisions = findCollisions(loaded.knowledge);
    for (const warning of [...loaded.warnings, ...warranty.warnings, ...service.warnings])
      io.stderr(`warning: ${formatProblem(warning)}\n`);
    for (const collision of collisions) {
      io.stderr(
        `warning: ${collision.first.source} and ${collision.second.source}: ${collision.locale} questions collide (${Math.round(collision.similarity * 100)} % alike): "${collision.first.text}" / "${collision.second.text}"; reword one or merge the entries\n`,
      );
    }
    const { faqs, intents, branches } = loaded.knowledge;
    const warnings =
      loaded.warnings.length +
      warranty.warnings.length +
      service.warnings.length +
      collisions.length;
    const symptoms = service.rules?.symptoms.length ?? 0;
    const models = Object.keys(warranty.rules.models).length;
    io.stdout(
      `ok: ${faqs.length} FAQ entries, ${intents.length} intents, ${branches.length} branches, ${models} warranty models, ${symptoms} fault symptoms; ${warnings} warning(s)\n`,
    );
    return flags.has('strict') && warnings > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    for (const problem of error.problems) io.stderr(`error: ${formatProblem(problem)}\n`);
    io.stderr(
      `${error.problems.length} error(s): fix them and run \`npx aftercare check\` again\n`,
    );
    return 1;
  }
};
