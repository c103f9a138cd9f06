import type { ScannerAdapter } from './adapter';
import { banditAdapter } from './bandit';
import { containerHardeningAdapter } from './container-hardening';
import { AdapterRegistry } from './registry';
import { sarifAdapter } from './sarif';
import { secretlintAdapter } from './secretlint';
import { semgrepAdapter } from './semgrep';
import { trivyAdapter } from './trivy';
import { detectSecretsAdapter } from './detect-secrets';
import { gitleaksAdapter } from './gitleaks';
import { trufflehogAdapter } from './trufflehog';
// deps: dependency engines (issue 7)
import { npmAuditAdapter } from './npm-audit';
import { osvOfflineAdapter } from './osv-offline';
import { osvScannerAdapter } from './osv-scanner';
import { pipAuditAdapter } from './pip-audit';
import { safetyAdapter } from './safety';
import { snykAdapter } from './snyk';
import { cycloneDxAdapter } from './cyclonedx';
import { grypeAdapter } from './grype';
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
  // sast: semgrep, trivy (any trivy JSON), container hardening
  semgrepAdapter,
  trivyAdapter,
  containerHardeningAdapter,
  // secrets (issue 6)
  gitleaksAdapter,
  detectSecretsAdapter,
  trufflehogAdapter,
  // deps
  pipAuditAdapter,
  npmAuditAdapter,
  osvScannerAdapter,
  osvOfflineAdapter,
  safetyAdapter,
  snykAdapter,
  // image and SBOM engines
  grypeAdapter,
  syftAdapter,
  cycloneDxAdapter,
  spdxAdapter,
];

export function createDefaultRegistry(): AdapterRegistry {
  return new AdapterRegistry(ALL_ADAPTERS);
}
