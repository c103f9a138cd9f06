import type { ScannerAdapter } from './adapter';
import { banditAdapter } from './bandit';
import { cycloneDxAdapter } from './cyclonedx';
import { grypeAdapter } from './grype';
import { AdapterRegistry } from './registry';
import { sarifAdapter } from './sarif';
import { secretlintAdapter } from './secretlint';
import { spdxAdapter } from './spdx';
import { syftAdapter } from './syft';

/**
 * Every engine Gatehouse knows, registered explicitly. Add an adapter here and to the conformance
 * test's tables (src/conformance/expectations.ts); a duplicate id throws when the registry is built.
 */
export const ALL_ADAPTERS: readonly ScannerAdapter[] = [
  sarifAdapter,
  banditAdapter,
  secretlintAdapter,
  // image and SBOM engines
  grypeAdapter,
  syftAdapter,
  cycloneDxAdapter,
  spdxAdapter,
];

export function createDefaultRegistry(): AdapterRegistry {
  return new AdapterRegistry(ALL_ADAPTERS);
}
