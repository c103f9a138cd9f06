// findings.json documents as policy-gate uploads them in its decision artifact.
import { FINDINGS_SCHEMA_VERSION, hashSecret, maskSecret, type FindingsDocument } from '@gatehouse/findings';
import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';
import { defaultPolicy, evaluate } from '@gatehouse/policy';

const SALT = 'test-salt-for-override-notify-e2e';
const NOW = new Date('2026-11-22T21:00:00Z');

function document(findings: ReturnType<typeof finalized>): FindingsDocument {
  const engines = [{ id: 'bandit', version: '1.7.10', status: 'ran' as const }, { id: 'gitleaks', version: '8.21.2', status: 'ran' as const }];
  const evaluation = evaluate(findings, defaultPolicy(), NOW, { engines, mode: 'deploy' });
  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: 'gatehouse', version: '0.1.0' },
    target: { name: 'octo-org/octo-repo', kind: 'repository' },
    generatedAt: NOW.toISOString(),
    engines,
    decision: evaluation.decision,
    findings: evaluation.findings,
  };
}

/**
 * A blocking decision: a critical leaked key (its value planted, as a faulty adapter might, in the
 * message: it must reach no notification), a high lodash advisory, and a hostile SAST title.
 */
export function blockingDecision(leakedValue: string, hostileTitle: string): string {
  const findings = finalized([
    codeDraft({
      category: 'secret',
      ruleId: 'aws-access-token',
      title: 'AWS access key',
      message: `found ${leakedValue} in config`,
      severity: 'critical',
      location: { kind: 'code', path: 'config/settings.py', startLine: 12 },
      secret: { hash: hashSecret(leakedValue, SALT), preview: maskSecret(leakedValue) },
      sources: [{ engine: 'gitleaks', nativeId: 'aws-access-token' }],
    }),
    packageDraft(),
    codeDraft({ title: hostileTitle, location: { kind: 'code', path: 'app/main.py', startLine: 5 } }),
  ]);
  return JSON.stringify(document(findings));
}

/** A decision with nothing to block. */
export function passingDecision(): string {
  return JSON.stringify(document([]));
}
