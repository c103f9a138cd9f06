import type { Category, Finding, Severity } from '@gatehouse/findings';
import type { OverrideRecord } from './compliance-schema';

/** What a control's rule may look at for one finding. */
export interface FindingFacts {
  finding: Finding;
  overdue: boolean;
}

export interface ControlContext {
  now: Date;
  blockingIds: ReadonlySet<string>;
  overrides: readonly OverrideRecord[];
}

export interface ControlDefinition {
  key: string;
  framework: 'PCI DSS v4.0' | 'SOC 2';
  id: string;
  title: string;
  requirement: string;
  scope: string;
  /** Engines that count as evidence: those covering these categories, or those producing an SBOM. */
  evidence: { categories: readonly Category[] } | { inventory: true };
  /** Open findings (of the evidence categories) that show the control unmet, and how to say so. */
  failing?: { test: (facts: FindingFacts, context: ControlContext) => boolean; reason: (count: number) => string };
  /** Reasons unrelated to findings (e.g. an override nobody was told about). */
  otherGaps?: (context: ControlContext) => string[];
  /** An incomplete verdict leaves this control incomplete even when its own engines finished. */
  needsCompleteVerdict?: boolean;
}

const DAY = 86_400_000;
/** PCI DSS 6.3.3: critical and high security patches within one month of release. */
const PCI_PATCH_WINDOW_DAYS = 30;
const ALL_CATEGORIES: readonly Category[] = ['secret', 'sca', 'sast', 'container', 'iac'];

/** Unknown severity counts as high here, as the default policy counts it: unranked is not low. */
function isHighRisk(severity: Severity): boolean {
  return severity === 'critical' || severity === 'high' || severity === 'unknown';
}

function isVulnerability(finding: Finding): boolean {
  return finding.category === 'sca' || finding.category === 'container';
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function undeliveredOverrideNotices(context: ControlContext): string[] {
  const gaps: string[] = [];
  for (const override of context.overrides) {
    if (override.outcome !== 'approved') continue;
    const failed = (override.notifications ?? []).filter((n) => !n.delivered).map((n) => n.channel);
    if (failed.length > 0) gaps.push(`An approved override by ${override.actor} was not delivered to: ${failed.join(', ')}.`);
    else if ((override.notifications ?? []).length === 0) gaps.push(`An approved override by ${override.actor} records no notification.`);
  }
  return gaps;
}

/**
 * The controls an auditor asks a CI security gate about. Each says what of the requirement a scan can
 * evidence; controls no scan can evidence (PCI DSS 6.4.2's web application firewall, 6.4.3's payment
 * page scripts, 11.3.2's ASV scans) are left out rather than shown as met (see docs/compliance.md).
 */
export const CONTROL_CATALOG: readonly ControlDefinition[] = [
  {
    key: 'pci-dss-4.0:6.2.3',
    framework: 'PCI DSS v4.0',
    id: '6.2.3',
    title: 'Bespoke and custom software is reviewed prior to release',
    requirement:
      'Code is reviewed before release to production to identify coding vulnerabilities, and corrections are implemented before release.',
    scope: 'Automated review: static analysis and secret scanning of the change. Manual review (6.2.3.1) is not evidenced here.',
    evidence: { categories: ['sast', 'secret'] },
    failing: {
      test: ({ finding }, context) => context.blockingIds.has(finding.id),
      reason: (n) => `${plural(n, 'blocking code finding is', 'blocking code findings are')} open: corrections are due before release.`,
    },
  },
  {
    key: 'pci-dss-4.0:6.2.4',
    framework: 'PCI DSS v4.0',
    id: '6.2.4',
    title: 'Software engineering techniques prevent or mitigate common software attacks',
    requirement:
      'Techniques are defined and used to prevent common attacks in bespoke and custom software: injection, attacks on data and data structures, cryptography misuse, business logic abuse, access control bypass, and others.',
    scope: 'Static analysis findings mapped to OWASP Top 10 and CWE; the absence of critical/high findings, not the techniques themselves.',
    evidence: { categories: ['sast'] },
    failing: {
      test: ({ finding }) => finding.category === 'sast' && isHighRisk(finding.severity),
      reason: (n) => `${plural(n, 'critical or high static-analysis finding is', 'critical or high static-analysis findings are')} open.`,
    },
  },
  {
    key: 'pci-dss-4.0:6.3.1',
    framework: 'PCI DSS v4.0',
    id: '6.3.1',
    title: 'Security vulnerabilities are identified and managed',
    requirement:
      'New vulnerabilities are identified from industry-recognised sources and given a risk ranking that identifies at least all high-risk and critical ones, for bespoke, custom and third-party software.',
    scope: 'Vulnerability databases consulted by the dependency, image and code scanners; severity from CVSS or the vendor as the risk ranking.',
    evidence: { categories: ['sca', 'container', 'sast', 'iac'] },
    failing: {
      test: ({ finding }) => finding.severity === 'unknown',
      reason: (n) => `${plural(n, 'open finding has', 'open findings have')} no risk ranking (severity unknown).`,
    },
  },
  {
    key: 'pci-dss-4.0:6.3.2',
    framework: 'PCI DSS v4.0',
    id: '6.3.2',
    title: 'An inventory of bespoke and custom software and third-party components is maintained',
    requirement: 'An inventory of software and the third-party components in it is kept to support vulnerability and patch management.',
    scope: 'An SBOM produced by this run. Keeping the inventory over time is outside one run.',
    evidence: { inventory: true },
  },
  {
    key: 'pci-dss-4.0:6.3.3',
    framework: 'PCI DSS v4.0',
    id: '6.3.3',
    title: 'System components are protected from known vulnerabilities by installing patches',
    requirement: 'Critical and high security patches are installed within one month of release; others within a time the entity defines.',
    scope:
      'Open critical/high vulnerabilities with a fix available that are past their SLA or were first seen more than 30 days ago. The patch release date is approximated by when the finding was first seen.',
    evidence: { categories: ['sca', 'container'] },
    failing: {
      test: ({ finding, overdue }, context) => {
        if (!isVulnerability(finding) || !isHighRisk(finding.severity) || !finding.fix.available) return false;
        if (overdue) return true;
        const firstSeen = finding.firstSeen ? Date.parse(finding.firstSeen) : Number.NaN;
        return Number.isFinite(firstSeen) && context.now.getTime() - firstSeen > PCI_PATCH_WINDOW_DAYS * DAY;
      },
      reason: (n) => `${plural(n, 'critical or high vulnerability with a fix is', 'critical or high vulnerabilities with a fix are')} unpatched past one month or past the SLA.`,
    },
  },
  {
    key: 'pci-dss-4.0:8.6.2',
    framework: 'PCI DSS v4.0',
    id: '8.6.2',
    title: 'Passwords for application and system accounts are not hard coded',
    requirement: 'Passwords/passphrases for application and system accounts are not hard coded in scripts, configuration files, or bespoke and custom source code.',
    scope: 'Secret scanning of the repository (and its history where the engine scans it).',
    evidence: { categories: ['secret'] },
    failing: {
      test: ({ finding }) => finding.category === 'secret',
      reason: (n) => `${plural(n, 'hard-coded secret is', 'hard-coded secrets are')} open.`,
    },
  },
  {
    key: 'pci-dss-4.0:11.3.1',
    framework: 'PCI DSS v4.0',
    id: '11.3.1',
    title: 'Internal vulnerability scans are performed',
    requirement:
      'Internal scans at least every three months; high-risk and critical vulnerabilities are resolved and rescans confirm it; the scan tool is kept up to date.',
    scope:
      'Dependency, image and configuration scans of this run, with their time and tool version. One run shows one scan: the three-month cadence is shown by the series of runs.',
    evidence: { categories: ['sca', 'container', 'iac'] },
    failing: {
      test: ({ finding }) => finding.category !== 'sast' && finding.category !== 'secret' && isHighRisk(finding.severity),
      reason: (n) => `${plural(n, 'high-risk or critical vulnerability is', 'high-risk or critical vulnerabilities are')} unresolved.`,
    },
  },
  {
    key: 'pci-dss-4.0:11.3.1.1',
    framework: 'PCI DSS v4.0',
    id: '11.3.1.1',
    title: 'All other applicable vulnerabilities are managed',
    requirement: 'Vulnerabilities not ranked high-risk or critical are addressed on the schedule of the targeted risk analysis, with rescans as needed.',
    scope: 'The policy SLA stands for the targeted risk analysis schedule: medium, low and info findings past their due date.',
    evidence: { categories: ['sca', 'container', 'iac'] },
    failing: {
      test: ({ finding, overdue }) => overdue && !isHighRisk(finding.severity),
      reason: (n) => `${plural(n, 'lower-severity vulnerability is', 'lower-severity vulnerabilities are')} past the SLA.`,
    },
  },
  {
    key: 'pci-dss-4.0:11.3.1.3',
    framework: 'PCI DSS v4.0',
    id: '11.3.1.3',
    title: 'Internal vulnerability scans are performed after any significant change',
    requirement: 'Internal scans after significant changes; high-risk and critical vulnerabilities resolved; rescans as needed.',
    scope: 'This run scanned this change (target and commit above).',
    evidence: { categories: ['sca', 'container', 'iac'] },
    failing: {
      test: ({ finding }) => finding.category !== 'sast' && finding.category !== 'secret' && isHighRisk(finding.severity),
      reason: (n) => `${plural(n, 'high-risk or critical vulnerability remains', 'high-risk or critical vulnerabilities remain')} after this change.`,
    },
  },
  {
    key: 'soc2:CC7.1',
    framework: 'SOC 2',
    id: 'CC7.1',
    title: 'Detection and monitoring of configuration changes and new vulnerabilities',
    requirement:
      'The entity uses detection and monitoring procedures to identify changes to configurations that introduce new vulnerabilities, and susceptibilities to newly discovered vulnerabilities.',
    scope: 'Every engine of this run; findings past their SLA show vulnerabilities identified but not acted on in time.',
    evidence: { categories: ALL_CATEGORIES },
    failing: {
      test: ({ overdue }) => overdue,
      reason: (n) => `${plural(n, 'open finding is', 'open findings are')} past the SLA.`,
    },
  },
  {
    key: 'soc2:CC7.2',
    framework: 'SOC 2',
    id: 'CC7.2',
    title: 'Monitoring system components for anomalies indicative of malicious acts',
    requirement:
      'The entity monitors system components and their operation for anomalies indicative of malicious acts, natural disasters and errors, and analyses them to determine whether they are security events.',
    scope: 'Exposed credentials found by secret scanning, and the notification of security overrides; runtime monitoring is outside a scan.',
    evidence: { categories: ['secret'] },
    failing: {
      test: ({ finding }) => finding.category === 'secret',
      reason: (n) => `${plural(n, 'exposed credential is', 'exposed credentials are')} open.`,
    },
    otherGaps: undeliveredOverrideNotices,
  },
  {
    key: 'soc2:CC8.1',
    framework: 'SOC 2',
    id: 'CC8.1',
    title: 'Changes are authorised, tested and approved before implementation',
    requirement:
      'The entity authorises, designs, develops or acquires, configures, documents, tests, approves and implements changes to infrastructure, data, software and procedures.',
    scope: 'The security gate on this change: its verdict, and every override of it with who approved it and who was told.',
    evidence: { categories: ALL_CATEGORIES },
    otherGaps: undeliveredOverrideNotices,
    needsCompleteVerdict: true,
  },
];
