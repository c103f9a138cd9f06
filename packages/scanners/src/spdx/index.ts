import type { ScannerAdapter } from '../adapter';
import { parseSpdx } from './parse';

/** SPDX 2.2/2.3 JSON SBOMs: no findings of their own; components through `sbomComponents`. Imported, never run. */
export const spdxAdapter: ScannerAdapter = {
  id: 'spdx',
  displayName: 'SPDX',
  categories: ['sca'],
  formats: ['spdx'],
  parse: parseSpdx,
};
