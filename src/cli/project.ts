/**
 * What several commands read before they work: the configuration and the warranty rules. A
 * problem in either throws a KnowledgeError, which the dispatcher prints as file:line messages.
 */
import { loadConfig, type ResolvedConfig } from '../config/load-config';
import { loadWarrantyRules } from '../config/load-warranty';
import type { WarrantyRules } from '../core/warranty/rules';
import type { CliIo } from './io';

export function loadWarrantyProject(io: CliIo): { config: ResolvedConfig; rules: WarrantyRules } {
  const config = loadConfig({ rootDir: io.rootDir, env: io.env });
  const { rules } = loadWarrantyRules({
    rootDir: io.rootDir,
    knowledgeDir: config.knowledgeDir,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
  });
  return { config, rules };
}
