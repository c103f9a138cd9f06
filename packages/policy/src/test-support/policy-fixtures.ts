import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';
import type { DraftWithHints, EngineRun, Finding, FindingDraft } from '@gatehouse/findings';
import { PolicySchema, type Policy, type PolicyInput } from '../schema/policy-schema';

/** Test helpers for this package: a policy from a partial input, findings, engines and a fixed clock. */
export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function policyOf(input: Omit<PolicyInput, 'version'> = {}): Policy {
  return PolicySchema.parse({ version: 1, ...input });
}

export function packageFinding(overrides: Partial<FindingDraft> = {}): Finding {
  return finalized([packageDraft(overrides) as DraftWithHints])[0]!;
}

export function codeFinding(overrides: Partial<DraftWithHints> = {}): Finding {
  return finalized([codeDraft(overrides)])[0]!;
}

export function secretFinding(overrides: Partial<DraftWithHints> = {}): Finding {
  return codeFinding({
    category: 'secret',
    ruleId: 'aws-access-token',
    title: 'AWS access key',
    message: 'AWS access key in config',
    severity: 'high',
    severityBasis: { kind: 'default', reason: 'secret engines give no severity' },
    location: { kind: 'code', path: 'config/settings.py', startLine: 3 },
    secret: { hash: 'a'.repeat(64), preview: 'AKIA' },
    sources: [{ engine: 'gitleaks', nativeId: 'aws-access-token' }],
    ...overrides,
  });
}

export const ran = (id: string): EngineRun => ({ id, status: 'ran' });
export const incomplete = (id: string, reason: string): EngineRun => ({ id, status: 'incomplete', reason });
export const notRun = (id: string, reason?: string): EngineRun => (reason ? { id, status: 'not-run', reason } : { id, status: 'not-run' });
