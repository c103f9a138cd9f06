/**
 * Engine ids Gatehouse knows (ARCHITECTURE.md, "Engine ids"), plus `codeql`, whose SARIF the `sarif`
 * engine reads. The policy accepts other ids (a SARIF producer may be named after its tool) but
 * refuses near misses of these, because a misspelt required engine would fail every run.
 */
export const KNOWN_ENGINE_IDS = [
  'gitleaks',
  'trufflehog',
  'detect-secrets',
  'secretlint',
  'npm-audit',
  'pip-audit',
  'osv-scanner',
  'osv-offline',
  'safety',
  'snyk',
  'semgrep',
  'bandit',
  'trivy',
  'grype',
  'syft',
  'cdxgen',
  'cyclonedx',
  'spdx',
  'sarif',
  'codeql',
] as const;
