import type { ScannerAdapter } from '../adapter';
import { SYFT_EXIT_CODES, syftCommand } from './command';
import { parseSyft } from './parse';

/**
 * syft (Anchore): SBOMs of images and directories. Its own JSON is read here (no findings;
 * components via `sbomComponents`); its CycloneDX and SPDX outputs go through the `cyclonedx` and
 * `spdx` adapters. SBOM generation for the sbom action uses `SYFT_SBOM` (src/sbom).
 */
export const syftAdapter: ScannerAdapter = {
  id: 'syft',
  displayName: 'Syft',
  categories: ['sca'],
  formats: ['json'],
  parse: parseSyft,
  command: syftCommand,
  exitCodes: SYFT_EXIT_CODES,
  reportOn: 'file',
};
