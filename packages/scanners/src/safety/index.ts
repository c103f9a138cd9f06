import type { ScannerAdapter } from '../adapter';
import { parseSafety } from './parse';

/** safety (pyup): parse-only, for reports made elsewhere (`gatehouse normalize --from safety`). */
export const safetyAdapter: ScannerAdapter = {
  id: 'safety',
  displayName: 'safety',
  categories: ['sca'],
  formats: ['json'],
  parse: parseSafety,
};
