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
  const hasRule = (engine: string, rule: string) => document.findings.some((f) => f.ruleId === rule && f.sources.some((s) => s.engine === engine));
  const osv = document.engines.find((e) => e.id === 'osv-offline');
  for (const [pkg, cve, fix] of [
    ['lodash', 'CVE-2020-8203', '4.17.19'],
    ['PyYAML', 'CVE-2020-14343', '5.4'],
    ['axios', 'CVE-2020-28168', '0.21.1'],
  ] as const) {
    const finding = document.findings.find((f) => f.ruleId === cve && f.location.kind === 'package' && f.location.name === pkg);
    const ok = osv?.status === 'ran' && !!finding && finding.fix.versions.includes(fix);
    checks.push({ what: `vulnerable dependency: ${pkg} ${cve}`, ok, detail: ok ? `found by osv-offline, fixed in ${fix}` : `osv-offline ${osv?.status ?? 'not-run'}${finding ? `; fix versions ${finding.fix.versions.join(', ')}` : '; not found'}` });
  }
  for (const [rule, what] of [
    ['DS-0002', 'image runs as root'],
    ['DS-0001', ':latest base image'],
    ['CH-COMPOSE-PRIVILEGED', 'privileged compose service'],
  ] as const) {
    const ok = hasRule('container-hardening', rule);
    checks.push({ what: `container hardening: ${what} (${rule})`, ok, detail: ok ? 'found' : 'not found' });
  }
  return checks;
}
