import { advisoryUrl, canonicalVulnId, vulnerabilityIds, type Finding } from '@gatehouse/findings';
import { suggestFixVersion } from '../finding-view/fix-version';
import { installedVersion } from '../finding-view/location-label';
import { reportingEngines } from '../finding-view/finding-order';
import { escapeMarkdown } from '../text/escape-markdown';
import { markdownLink, safeHttpUrl } from '../text/safe-url';
import { truncateText } from '../text/truncate-text';
import { SARIF_TEXT_LIMITS } from './limits';
import { formatSecuritySeverity, sarifLevel, securitySeverityScore } from './security-severity';
import type { SarifReportingDescriptor } from './sarif-log';
import { nonEmpty } from './sarif-text';

/**
 * The rule of a ruleId, described from its most severe finding (the caller picks it), so the rule's
 * security-severity is never lower than any of its results'.
 */
export function ruleDescriptor(ruleId: string, finding: Finding, tagsPerRule: number): SarifReportingDescriptor {
  const title = nonEmpty(finding.title, ruleId);
  const aliases = finding.location.kind === 'code' ? [] : vulnerabilityIds(finding).filter((id) => id !== ruleId).sort();
  const score = securitySeverityScore(finding);
  const properties: SarifReportingDescriptor['properties'] = { tags: ruleTags(finding, tagsPerRule) };
  if (score !== undefined) properties['security-severity'] = formatSecuritySeverity(score);
  if (finding.confidence) properties.precision = finding.confidence;
  const descriptor: SarifReportingDescriptor = {
    id: ruleId,
    shortDescription: { text: truncateText(title, SARIF_TEXT_LIMITS.shortDescription) },
    fullDescription: {
      text: truncateText(aliases.length ? `${title} (also known as ${aliases.slice(0, 20).join(', ')})` : title, SARIF_TEXT_LIMITS.fullDescription),
    },
    help: helpOf(finding, title, aliases),
    defaultConfiguration: { level: sarifLevel(finding.severity) },
    properties,
  };
  const helpUri = ruleHelpUri(finding);
  if (helpUri) descriptor.helpUri = helpUri;
  return descriptor;
}

/**
 * `security` first (GitHub treats a rule as a security rule only with it), then the category, then
 * CWE ids in GitHub's `external/cwe/cwe-079` form, then the scanner's own tags: GitHub keeps only the
 * first 10, so the telling ones come first.
 */
export function ruleTags(finding: Finding, max: number): string[] {
  const tags = new Set<string>(['security', finding.category]);
  for (const cwe of cweNumbers(finding)) tags.add(`external/cwe/cwe-${String(cwe).padStart(3, '0')}`);
  for (const tag of finding.tags ?? []) {
    const t = tag.trim();
    if (t) tags.add(truncateText(t, SARIF_TEXT_LIMITS.tag));
  }
  return [...tags].slice(0, max);
}

function cweNumbers(finding: Finding): number[] {
  const numbers: number[] = [];
  for (const id of finding.identifiers) {
    if (id.type !== 'CWE') continue;
    const match = /(\d{1,6})/.exec(id.value);
    if (match) numbers.push(Number(match[1]));
  }
  return [...new Set(numbers)];
}

function ruleHelpUri(finding: Finding): string | undefined {
  const canonical = finding.location.kind === 'code' ? undefined : canonicalVulnId(vulnerabilityIds(finding));
  const candidates = [
    canonical ? advisoryUrl(canonical) : undefined,
    ...finding.identifiers.filter((i) => i.type !== 'CWE').map((i) => i.url),
    ...(finding.references ?? []),
    ...cweNumbers(finding).map((n) => `https://cwe.mitre.org/data/definitions/${n}.html`),
  ];
  for (const c of candidates) {
    const url = safeHttpUrl(c);
    if (url) return url;
  }
  return undefined;
}

function severityLine(finding: Finding): string {
  const basis = finding.severityBasis;
  switch (basis.kind) {
    case 'cvss':
      return `${finding.severity} (CVSS ${basis.cvss.version} ${basis.cvss.score.toFixed(1)}, ${truncateText(basis.cvss.vector, 200)})`;
    case 'vendor':
    case 'tool':
      return `${finding.severity} (${basis.kind} label "${truncateText(basis.label, 50)}" from ${truncateText(basis.source, 100)})`;
    case 'default':
      return `${finding.severity} (default for the category)`;
    case 'none':
      return finding.severity;
  }
}

function fixLine(finding: Finding): string | undefined {
  const suggested = suggestFixVersion(finding.fix.versions, installedVersion(finding));
  if (suggested) return `upgrade to ${truncateText(suggested, 100)} or later`;
  if (finding.fix.advice) return truncateText(finding.fix.advice, 1_000);
  if (finding.fix.state === 'not_fixed') return 'no fixed version yet';
  if (finding.fix.state === 'wont_fix') return 'the maintainers will not fix it';
  return undefined;
}

/** The rule's help as text and as Markdown; the parts both use (fix, references) are worked out once. */
function helpOf(finding: Finding, title: string, aliases: string[]): { text: string; markdown: string } {
  const parts: HelpParts = {
    severity: severityLine(finding),
    fix: fixLine(finding),
    refs: (finding.references ?? []).map(safeHttpUrl).filter((u): u is string => !!u).slice(0, 5),
    engines: reportingEngines(finding).slice(0, 10).join(', '),
  };
  return {
    text: truncateText(helpText(title, aliases, parts), SARIF_TEXT_LIMITS.helpText),
    markdown: truncateText(helpMarkdown(title, aliases, parts), SARIF_TEXT_LIMITS.helpMarkdown),
  };
}

interface HelpParts {
  severity: string;
  fix: string | undefined;
  /** Safe http(s) URLs, at most five. */
  refs: string[];
  engines: string;
}

function helpText(title: string, aliases: string[], { severity, fix, refs, engines }: HelpParts): string {
  const lines = [title, '', `Severity: ${severity}`];
  if (aliases.length) lines.push(`Also known as: ${aliases.slice(0, 20).join(', ')}`);
  if (fix) lines.push(`Fix: ${fix}`);
  if (refs.length) lines.push('', 'References:', ...refs.map((r) => `- ${r}`));
  lines.push('', `Reported by: ${engines}`);
  return lines.join('\n');
}

function helpMarkdown(title: string, aliases: string[], { severity, fix, refs, engines }: HelpParts): string {
  const lines = [`**${escapeMarkdown(truncateText(title, 1_000))}**`, '', `Severity: ${escapeMarkdown(severity)}`];
  if (aliases.length) {
    lines.push('', `Also known as: ${aliases.slice(0, 20).map((a) => markdownLink(a, advisoryUrl(a), 100)).join(', ')}`);
  }
  if (fix) lines.push('', `Fix: ${escapeMarkdown(fix)}`);
  if (refs.length) lines.push('', '**References**', '', ...refs.map((r) => `- ${markdownLink(r, r, 300)}`));
  lines.push('', `Reported by: ${escapeMarkdown(engines)}`);
  return lines.join('\n');
}
