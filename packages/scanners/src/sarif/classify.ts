import type { Category } from '@gatehouse/findings';

/**
 * Which tool wrote a run, from `tool.driver.name`, and what kind of problem each result is. SARIF
 * itself has no category: the tool, the rule's tags and the rule id say it. See docs/engines/sarif.md.
 */

const FAMILIES = [
  'gitleaks',
  'trufflehog',
  'detect-secrets',
  'secretlint',
  'ggshield',
  'trivy',
  'grype',
  'osv-scanner',
  'snyk',
  'dependency-check',
  'semgrep',
  'codeql',
  'bandit',
  'checkov',
  'kics',
  'tfsec',
  'terrascan',
  'hadolint',
  'kube-linter',
] as const;
export type ToolFamily = (typeof FAMILIES)[number] | 'other';

export function toolFamily(driverName: string): ToolFamily {
  const name = driverName.toLowerCase().replace(/[\s_]+/g, '-');
  if (name.includes('lgtm') || name.includes('codeql')) return 'codeql';
  return FAMILIES.find((family) => name.includes(family)) ?? 'other';
}

const SECRET_TOOLS: readonly ToolFamily[] = ['gitleaks', 'trufflehog', 'detect-secrets', 'secretlint', 'ggshield'];
const VULNERABILITY_TOOLS: readonly ToolFamily[] = ['trivy', 'grype', 'osv-scanner', 'snyk', 'dependency-check'];
const IAC_TOOLS: readonly ToolFamily[] = ['checkov', 'kics', 'tfsec', 'terrascan', 'hadolint', 'kube-linter'];
const CODE_TOOLS: readonly ToolFamily[] = ['semgrep', 'codeql', 'bandit'];

export type ResultKind = 'secret' | 'vulnerability' | 'misconfiguration' | 'code';

const VULN_ID_PREFIX = /^(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})/i;

/** Advisory ids a rule id starts with: trivy's rule id is the CVE, grype's is `CVE-…-<package>`. */
export function vulnerabilityIdsOfRule(ruleId: string): string[] {
  const match = VULN_ID_PREFIX.exec(ruleId);
  if (!match) return [];
  const id = match[1]!;
  return [id.toUpperCase().startsWith('GHSA') ? `GHSA${id.slice(4).toLowerCase()}` : id.toUpperCase()];
}

export function classifyResult(family: ToolFamily, tags: readonly string[], vulnerabilityIds: readonly string[]): ResultKind {
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  if (SECRET_TOOLS.includes(family) || lower.has('secret') || lower.has('secrets')) return 'secret';
  if (lower.has('vulnerability')) return 'vulnerability';
  if (lower.has('misconfiguration') || lower.has('iac')) return 'misconfiguration';
  if (VULNERABILITY_TOOLS.includes(family) && vulnerabilityIds.length > 0) return 'vulnerability';
  // trivy tags every result; one with neither vulnerability nor secret tags comes from its config scanner.
  if (family === 'trivy' || IAC_TOOLS.includes(family)) return 'misconfiguration';
  if (!CODE_TOOLS.includes(family) && vulnerabilityIds.length > 0) return 'vulnerability';
  return 'code';
}

export function categoryOf(kind: ResultKind, inImage: boolean): Category {
  switch (kind) {
    case 'secret':
      return 'secret';
    case 'vulnerability':
      return inImage ? 'container' : 'sca';
    case 'misconfiguration':
      return 'iac';
    case 'code':
      return 'sast';
  }
}
