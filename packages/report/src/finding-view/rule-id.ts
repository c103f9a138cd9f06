import { canonicalVulnId, vulnerabilityIds, type Finding } from '@gatehouse/findings';
import { truncateText } from '../text/truncate-text';

/**
 * The rule a finding is shown under, in SARIF (its ruleId) and in summaries alike. GitHub matches
 * alerts across analyses by the ruleId, so it must not change between runs. Code findings keep the engine's rule id. Vulnerabilities take the canonical id of their alias group
 * (CVE before GHSA before the rest), the same id their identity uses, so it does not depend on which
 * engine reported first.
 */
export function displayRuleId(finding: Pick<Finding, 'location' | 'ruleId' | 'aliases' | 'identifiers'>): string {
  const kind = finding.location.kind;
  const id = kind === 'package' || kind === 'image' ? (canonicalVulnId(vulnerabilityIds(finding)) ?? finding.ruleId) : finding.ruleId;
  return truncateText(id, 500);
}
