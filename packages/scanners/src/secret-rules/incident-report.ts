import type { Finding, Severity } from '@gatehouse/findings';
import { rotationAdviceFor, rotationSteps } from './rotation';

/**
 * What an incident report about one leaked secret says: where it is, who committed it, what to
 * rotate and how. It is built from a finding, which holds no secret (a keyed hash and at most four
 * characters), so nothing here can carry the value. Delivery (Slack, e-mail, GitHub issue) belongs
 * to packages/notify, which escapes these strings for its medium.
 */
export interface SecretIncidentReport {
  title: string;
  findingId: string;
  severity: Severity;
  status: Finding['status'];
  rule: { id: string; title: string };
  /** Repository-relative path, when the secret is in a file. */
  file?: string;
  line?: number;
  /** The commit that introduced it (history scans). */
  commit?: string;
  author?: string;
  committedAt?: string;
  /** For secrets found in a container image. */
  image?: { ref: string; layer?: string; path?: string };
  /** At most four characters of the value, followed by an ellipsis, or `****`. */
  preview: string;
  verified?: boolean;
  engines: string[];
  whatToRotate: string;
  howToRotate: string[];
  /** The provider's rotation page, the finding's own references, and links to the commit and file when the repository is known. */
  references: string[];
}

export interface IncidentContext {
  /** `https://github.com` or a GHES URL. */
  serverUrl?: string;
  /** `owner/name`. */
  repository?: string;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function repositoryLinks(finding: Finding, context: IncidentContext): string[] {
  const loc = finding.location;
  if (!context.serverUrl || !context.repository || loc.kind !== 'code' || !loc.commit) return [];
  const parts = context.repository.split('/');
  const validRepository = parts.length === 2 && parts.every((p) => /^[\w.-]+$/.test(p) && p !== '.' && p !== '..');
  if (!/^https:\/\/[^\s]+$/.test(context.serverUrl) || !validRepository) return [];
  const base = `${context.serverUrl.replace(/\/+$/, '')}/${context.repository}`;
  const commit = encodeURIComponent(loc.commit);
  return [`${base}/commit/${commit}`, `${base}/blob/${commit}/${encodePath(loc.path)}${loc.startLine ? `#L${loc.startLine}` : ''}`];
}

function whereOf(finding: Finding): string {
  const loc = finding.location;
  if (loc.kind === 'code') return `${loc.path}${loc.startLine ? `:${loc.startLine}` : ''}`;
  if (loc.kind === 'image') return `${loc.ref}${loc.target ? ` (${loc.target})` : ''}`;
  return 'the repository';
}

/** The incident report for a secret finding. Throws for a finding of another category (a caller's bug). */
export function buildSecretIncidentReport(finding: Finding, context: IncidentContext = {}): SecretIncidentReport {
  if (finding.category !== 'secret') throw new Error(`an incident report is for secret findings, not ${finding.category}`);
  const advice = rotationAdviceFor(finding.ruleId, finding.title);
  const loc = finding.location;
  const references = [
    ...(advice.reference ? [advice.reference] : []),
    ...(finding.references ?? []).filter((r) => /^https?:\/\//i.test(r)),
    ...repositoryLinks(finding, context),
  ];
  return {
    title: `Secret leaked: ${advice.what.split(' (')[0]} in ${whereOf(finding)}`,
    findingId: finding.id,
    severity: finding.severity,
    status: finding.status,
    rule: { id: finding.ruleId, title: finding.title },
    ...(loc.kind === 'code' ? { file: loc.path, ...(loc.startLine ? { line: loc.startLine } : {}), ...(loc.commit ? { commit: loc.commit } : {}) } : {}),
    ...(loc.kind === 'image' ? { image: { ref: loc.ref, ...(loc.layer ? { layer: loc.layer } : {}), ...(loc.target ? { path: loc.target } : {}) } } : {}),
    ...(finding.secret?.author ? { author: finding.secret.author } : {}),
    ...(finding.secret?.committedAt ? { committedAt: finding.secret.committedAt } : {}),
    preview: finding.secret?.preview ?? '****',
    ...(finding.secret?.verified !== undefined ? { verified: finding.secret.verified } : {}),
    engines: [...new Set(finding.sources.map((s) => s.engine))],
    whatToRotate: advice.what,
    howToRotate: rotationSteps(advice),
    references: [...new Set(references)],
  };
}

/** The report as plain text lines (e-mail body, issue body before Markdown escaping). */
export function incidentReportLines(report: SecretIncidentReport): string[] {
  const lines = [report.title, ''];
  lines.push(`Rule: ${report.rule.title} (${report.rule.id})`);
  lines.push(`Severity: ${report.severity}${report.verified ? ' (verified live by the scanner)' : ''}`);
  if (report.file) lines.push(`File: ${report.file}${report.line ? `, line ${report.line}` : ''}`);
  if (report.image) lines.push(`Image: ${report.image.ref}${report.image.layer ? `, layer ${report.image.layer}` : ''}${report.image.path ? `, ${report.image.path}` : ''}`);
  if (report.commit) lines.push(`Commit: ${report.commit}`);
  if (report.author) lines.push(`Author: ${report.author}${report.committedAt ? `, ${report.committedAt}` : ''}`);
  lines.push(report.preview === '****' ? 'Value: not shown (the full value is not kept anywhere)' : `Value: starts with ${report.preview} (the full value is not kept anywhere)`);
  lines.push(`Found by: ${report.engines.join(', ')}`, '', `What to rotate: ${report.whatToRotate}`, 'How:');
  report.howToRotate.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  if (report.references.length > 0) lines.push('', 'References:', ...report.references.map((r) => `  ${r}`));
  return lines;
}
