import type { ScannerAdapter } from '../adapter';
import { GRYPE_EXIT_CODES, grypeCommand, prepareGrypeRun } from './command';
import { parseGrype } from './parse';

/**
 * grype (Anchore): vulnerabilities in an image, an SBOM or a directory. Its JSON report is read
 * here; its CycloneDX output goes through the `cyclonedx` adapter and its SARIF through `sarif`.
 * One finding per vulnerability (alias group) per package per target.
 */
export const grypeAdapter: ScannerAdapter = {
  id: 'grype',
  displayName: 'Grype',
  categories: ['container', 'sca'],
  formats: ['json'],
  parse: parseGrype,
  prepare: prepareGrypeRun,
  command: grypeCommand,
  exitCodes: GRYPE_EXIT_CODES,
  reportOn: 'file',
};
