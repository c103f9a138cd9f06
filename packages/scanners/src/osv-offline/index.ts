import type { ScannerAdapter } from '../adapter';
import { parseOsvOffline } from './parse';
import { runOsvOffline } from './run';

/**
 * osv-offline: Gatehouse's own engine. Matches the packages of lockfiles (or of CycloneDX SBOMs)
 * against a local OSV export with each ecosystem's version rules. Ships no database: on a runner the
 * export is downloaded and cached for a day (refreshOsvExport); offline it is read from a given path.
 */
export const osvOfflineAdapter: ScannerAdapter = {
  id: 'osv-offline',
  displayName: 'OSV (offline)',
  categories: ['sca'],
  formats: ['json'],
  parse: parseOsvOffline,
  runInProcess: (opts, signal) => runOsvOffline(opts, signal),
};
