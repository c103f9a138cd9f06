import type { Category } from '@gatehouse/findings';

/**
 * What each engine looks for. A control counts an engine as evidence only when the engine covers the
 * control's categories: a clean secret scan says nothing about vulnerable dependencies. Engines not
 * listed here count for the categories of the findings they reported (and for nothing when they
 * reported none), unless the scan record names its categories.
 */
const ENGINE_CATEGORIES: Readonly<Record<string, readonly Category[]>> = {
  gitleaks: ['secret'],
  trufflehog: ['secret'],
  'detect-secrets': ['secret'],
  secretlint: ['secret'],
  'npm-audit': ['sca'],
  'pip-audit': ['sca'],
  'osv-scanner': ['sca'],
  'osv-offline': ['sca'],
  safety: ['sca'],
  snyk: ['sca'],
  semgrep: ['sast'],
  bandit: ['sast'],
  codeql: ['sast'],
  sarif: ['sast'],
  trivy: ['container', 'sca', 'iac', 'secret'],
  grype: ['container', 'sca'],
};

/** Engines whose output is a software inventory (an SBOM), the evidence PCI DSS 6.3.2 asks for. */
const INVENTORY_ENGINES: ReadonlySet<string> = new Set(['syft', 'cdxgen', 'cyclonedx', 'spdx', 'sbom']);

export function knownEngineCategories(engine: string): readonly Category[] | undefined {
  return Object.hasOwn(ENGINE_CATEGORIES, engine) ? ENGINE_CATEGORIES[engine] : undefined;
}

export function isInventoryEngine(engine: string): boolean {
  return INVENTORY_ENGINES.has(engine);
}
