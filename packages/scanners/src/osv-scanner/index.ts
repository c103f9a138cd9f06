import type { ScannerAdapter } from '../adapter';
import { OSV_SCANNER_EXIT_CODES, osvScannerCommand } from './command';
import { parseOsvScanner } from './parse';

/** osv-scanner: Google's OSV scanner, run on the plan's lockfiles; its JSON (v1 and v2) is imported too. */
export const osvScannerAdapter: ScannerAdapter = {
  id: 'osv-scanner',
  displayName: 'OSV-Scanner',
  categories: ['sca'],
  formats: ['json'],
  parse: parseOsvScanner,
  command: osvScannerCommand,
  exitCodes: OSV_SCANNER_EXIT_CODES,
  reportOn: 'file',
};
