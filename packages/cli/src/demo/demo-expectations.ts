import type { FindingsDocument } from '@gatehouse/findings';
import type { PlantedSecret } from './fake-secrets';

export interface DemoCheck {
  what: string;
  ok: boolean;
  detail: string;
}

/**
 * What "the demo behaves as expected" means: blocked, every planted secret found at its file, and
 * the insecure Python found when bandit ran. An engine that could not run here is said, not failed.
 */
export function checkDemoRun(document: FindingsDocument, planted: readonly PlantedSecret[]): DemoCheck[] {
  const checks: DemoCheck[] = [];
  const { verdict } = document.decision;
  checks.push({
    what: 'the gate blocks',
    ok: verdict === 'block',
    detail: `verdict ${verdict}${document.decision.counts.blocking ? `, ${document.decision.counts.blocking} blocking finding(s)` : ''}`,
  });
  const secretFindings = document.findings.filter((f) => f.category === 'secret');
  for (const secret of planted) {
    const found = secretFindings.some(
      (f) => f.location.kind === 'code' && f.location.path.endsWith(secret.file) && (secret.line === 1 || f.location.startLine === secret.line),
    );
    checks.push({ what: `secret: ${secret.type}`, ok: found, detail: found ? `found in ${secret.file}:${secret.line}` : `not found in ${secret.file}:${secret.line}` });
  }
  const bandit = document.engines.find((e) => e.id === 'bandit');
  if (bandit?.status === 'ran') {
    for (const [rule, what] of [
      ['B602', 'shell=True'],
      ['B307', 'eval'],
      ['B303', 'md5'],
      ['B506', 'yaml.load'],
    ] as const) {
      const found = document.findings.some((f) => f.sources.some((s) => s.engine === 'bandit' && (s.nativeId === rule || f.ruleId === rule)));
      checks.push({ what: `insecure Python: ${what} (${rule})`, ok: found, detail: found ? 'found by bandit' : 'not found' });
    }
  } else {
    checks.push({ what: 'insecure Python (bandit)', ok: true, detail: `bandit ${bandit?.status ?? 'not-run'}: ${bandit?.reason ?? 'install bandit to see these findings'}` });
  }
  return checks;
}
