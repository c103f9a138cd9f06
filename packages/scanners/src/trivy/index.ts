import type { ScannerAdapter } from '../adapter';
import { prepareTrivyRun, TRIVY_EXIT_CODES, trivyCommand } from './command';
import { parseTrivy } from './parse';

/**
 * trivy: one engine for every trivy JSON report (image, fs, repo, rootfs, sbom, config, secrets).
 * Each finding's category comes from its result: OS packages -> container, language packages ->
 * sca (container inside an image), misconfigurations -> iac, secrets -> secret. The commands built
 * here are `trivy config` (IaC, mode config) and `trivy image` (mode image, from trivy-image/). Secret results quote the
 * surrounding lines unmasked, so the native report is treated as holding plaintext.
 */
export const trivyAdapter: ScannerAdapter = {
  id: 'trivy',
  displayName: 'Trivy',
  categories: ['container', 'sca', 'iac', 'secret'],
  formats: ['json'],
  parse: parseTrivy,
  prepare: prepareTrivyRun,
  command: trivyCommand,
  exitCodes: TRIVY_EXIT_CODES,
  reportOn: 'file',
  holdsPlaintextSecrets: true,
};
