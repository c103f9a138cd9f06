import type { ScannerAdapter } from './adapter';
import { banditAdapter } from './bandit';
import { AdapterRegistry } from './registry';
import { sarifAdapter } from './sarif';
import { secretlintAdapter } from './secretlint';
// deps: dependency engines (issue 7)
import { npmAuditAdapter } from './npm-audit';
import { osvOfflineAdapter } from './osv-offline';
import { osvScannerAdapter } from './osv-scanner';
import { pipAuditAdapter } from './pip-audit';
import { safetyAdapter } from './safety';
import { snykAdapter } from './snyk';

/**
 * Every engine Gatehouse knows, registered explicitly. Add an adapter here and to the conformance
 * test's tables (src/conformance/expectations.ts); a duplicate id throws when the registry is built.
 */
export const ALL_ADAPTERS: readonly ScannerAdapter[] = [
  sarifAdapter,
  banditAdapter,
  secretlintAdapter,
  // deps
  pipAuditAdapter,
  npmAuditAdapter,
  osvScannerAdapter,
  osvOfflineAdapter,
  safetyAdapter,
  snykAdapter,
];

export function createDefaultRegistry(): AdapterRegistry {
  return new AdapterRegistry(ALL_ADAPTERS);
}
