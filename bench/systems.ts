/**
 * nlp.js behind the evaluation's `SystemUnderTest` (node-nlp's NlpManager with its default NLU,
 * English only), for the bench to compare with Aftercare's engine (`createEngineSystem`).
 */
import type { SystemUnderTest } from '../src/core/matching/evaluate';

interface NlpJsResult {
  classifications?: { intent: string; score: number }[];
}
interface NlpJsManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<NlpJsResult>;
}

export const nlpjsSystem: SystemUnderTest = {
  async train(examples) {
    // Loaded lazily: node-nlp is a dev dependency and takes a while to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { NlpManager } = require('node-nlp') as {
      NlpManager: new (settings: object) => NlpJsManager;
    };
    // Defaults except what would write files or flood the log.
    const manager = new NlpManager({
      languages: ['en'],
      autoSave: false,
      autoLoad: false,
      nlu: { log: false },
    });
    for (const example of examples) manager.addDocument('en', example.text, example.label);
    await manager.train();
    return {
      async match(text: string) {
        const result = await manager.process('en', text);
        return (result.classifications ?? [])
          .filter((entry) => entry.intent !== 'None')
          .sort((a, b) => b.score - a.score)
          .slice(0, 5)
          .map((entry) => ({ label: entry.intent, score: entry.score }));
      },
    };
  },
};
