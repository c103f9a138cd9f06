import type { ScannerAdapter } from '../adapter';
import { parseSnyk } from './parse';

/** snyk CLI: parse-only, for reports made elsewhere (`gatehouse normalize --from snyk`). */
export const snykAdapter: ScannerAdapter = {
  id: 'snyk',
  displayName: 'Snyk',
  categories: ['sca', 'container'],
  formats: ['json'],
  parse: parseSnyk,
};
