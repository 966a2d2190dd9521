/**
 * `aftercare gaps [--since DATE] [--locale xx] [--channel C] [--json] [--write DIR]`: what
 * customers asked that the bot could not answer, clustered, with the nearest existing entry.
 */
import path from 'node:path';
import { createApp } from '../../app';
import { clusterQuestions, type GapCluster } from '../../gaps/cluster';
import { loadRejectionPhrases } from '../../config/load-rejection-phrases';
import { findUnansweredFrom } from '../../gaps/find-unanswered';
import { createRejectionTest } from '../../gaps/rejection';
import { writeDrafts } from '../../gaps/write-drafts';
import { silentLogger } from '../../logger';
import { parseArgs, type CliCommand } from '../io';

const usage =
  'usage: aftercare gaps [--since YYYY-MM-DD] [--locale xx] [--channel C] [--json] [--write DIR]\n';
const known = ['since', 'locale', 'channel', 'json', 'write'];
/** Long transcripts report progress on stderr every this many lines. */
const progressEvery = 10_000;

export const gapsCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const unknown = [...flags.keys()].filter((name) => !known.includes(name));
  const value = (name: string): string | undefined => {
    const flag = flags.get(name);
    return typeof flag === 'string' ? flag : undefined;
  };
  const since = value('since');
  const sinceDate = since ? new Date(since) : undefined;
  if (
    unknown.length > 0 ||
    positionals.length > 0 ||
    ['since', 'locale', 'channel', 'write'].some((name) => flags.get(name) === true) ||
    (sinceDate && Number.isNaN(sinceDate.getTime()))
  ) {
    io.stderr(unknown.length > 0 ? `unknown option --${unknown[0]}\n${usage}` : usage);
    return 2;
  }
  const app = createApp({
    rootDir: io.rootDir,
    env: io.env,
    logger: silentLogger,
    channels: 'none',
  });
  try {
    const filter = {
      ...(sinceDate ? { since: sinceDate } : {}),
      ...(value('channel') ? { channel: value('channel') } : {}),
    };
    const total = await app.storage.transcripts.count(filter);
    let read = 0;
    const rejects = createRejectionTest(
      loadRejectionPhrases({ rootDir: io.rootDir, knowledgeDir: app.config.knowledgeDir }),
    );
    const questions = await findUnansweredFrom(app.storage.transcripts.lines(filter), {
      rejects,
      onLine: () => {
        read++;
        if (total >= progressEvery && (read % progressEvery === 0 || read === total))
          io.stderr(`read ${read}/${total} transcript lines\n`);
      },
    });
    const locale = value('locale');
    const clusters = clusterQuestions(
      locale ? questions.filter((question) => question.locale === locale) : questions,
      app.brain().matcher,
    );
    const outDir = value('write');
    if (outDir) {
      const files = writeDrafts(clusters, {
        faqDir: path.join(io.rootDir, app.config.knowledgeDir, 'faq'),
        outDir: path.resolve(io.rootDir, outDir),
        variantScore: app.config.thresholds.clarify,
      });
      io.stderr(
        `wrote ${files.length} draft(s) to ${path.join(outDir, 'faq')}; review them, then copy into knowledge/faq/\n`,
      );
    }
    if (flags.has('json')) io.stdout(`${JSON.stringify(clusters.map(toJson), null, 2)}\n`);
    else io.stdout(render(clusters));
    return 0;
  } finally {
    await app.close();
  }
};

function toJson(cluster: GapCluster): Record<string, unknown> {
  const { locale, count, examples, nearest, firstSeen, lastSeen, kinds } = cluster;
  return { locale, count, examples, nearest, firstSeen, lastSeen, kinds };
}

function render(clusters: readonly GapCluster[]): string {
  if (clusters.length === 0) return 'No unanswered questions in the transcripts.\n';
  return clusters
    .map((cluster) =>
      [
        `${cluster.count} × [${cluster.locale}] nearest: ${cluster.nearest ? `${cluster.nearest.id} (${cluster.nearest.score.toFixed(2)})` : 'none'}, seen ${cluster.firstSeen.slice(0, 10)} – ${cluster.lastSeen.slice(0, 10)}`,
        ...cluster.examples.map((example) => `    ${example}`),
      ].join('\n'),
    )
    .join('\n')
    .concat('\n');
}
