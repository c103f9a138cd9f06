import { finalizeFindings, type DraftWithHints } from '../finalize';
import type { Finding, FindingDraft } from '../schema';

/** A valid code-finding draft with every required field; tests override what they exercise. */
export function codeDraft(overrides: Partial<DraftWithHints> = {}): DraftWithHints {
  return {
    category: 'sast',
    ruleId: 'B602',
    title: 'subprocess call with shell=True',
    message: 'subprocess call with shell=True identified',
    severity: 'high',
    severityBasis: { kind: 'tool', label: 'HIGH', source: 'bandit' },
    identifiers: [],
    aliases: [],
    location: { kind: 'code', path: 'app/main.py', startLine: 10 },
    fix: { available: false, versions: [], state: 'unknown' },
    sources: [{ engine: 'bandit', nativeId: 'B602', nativeSeverity: 'HIGH' }],
    ...overrides,
  } as DraftWithHints;
}

/** A valid package-vulnerability draft (lodash prototype pollution) for tests. */
export function packageDraft(overrides: Partial<FindingDraft> = {}): FindingDraft {
  return {
    category: 'sca',
    ruleId: 'CVE-2020-8203',
    title: 'Prototype pollution in lodash',
    message: 'lodash 4.17.15 is vulnerable',
    severity: 'high',
    severityBasis: { kind: 'vendor', label: 'HIGH', source: 'ghsa' },
    identifiers: [{ type: 'CVE', value: 'CVE-2020-8203' }],
    aliases: ['CVE-2020-8203'],
    location: {
      kind: 'package',
      purl: 'pkg:npm/lodash@4.17.15',
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.15',
      manifest: 'package-lock.json',
    },
    fix: { available: true, versions: ['4.17.19'], state: 'fixed' },
    sources: [{ engine: 'npm-audit', nativeId: '1523' }],
    ...overrides,
  } as FindingDraft;
}

/** Finalises drafts and fails loudly if any is rejected: tests should build valid findings. */
export function finalized(drafts: DraftWithHints[], readLine?: (path: string, line: number) => string | undefined): Finding[] {
  const { findings, rejected } = finalizeFindings(drafts, readLine ? { readLine } : {});
  if (rejected.length) throw new Error(`rejected drafts: ${JSON.stringify(rejected)}`);
  return findings;
}
