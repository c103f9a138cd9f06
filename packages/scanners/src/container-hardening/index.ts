import type { ScannerAdapter } from '../adapter';
import { parseContainerHardening } from './parse';
import { runContainerHardening } from './run';

/**
 * Container hardening: Gatehouse's own engine, in process, over Dockerfiles (dockerfile-ast) and
 * compose files (yaml). Rules mirroring trivy checks carry trivy's ids, so on runners where
 * `trivy config` also runs, the same problem is one finding with two sources.
 */
export const containerHardeningAdapter: ScannerAdapter = {
  id: 'container-hardening',
  displayName: 'Container hardening',
  categories: ['iac'],
  formats: ['json'],
  parse: parseContainerHardening,
  runInProcess: runContainerHardening,
};

export { HARDENING_RULES, HARDENING_RULE_KEYS, disabledRules, type HardeningRule } from './rules';
export { checkFiles, type CheckedFile } from './check-files';
export { fileKind } from './collect-files';
