import { SECRET_RULES } from '../../../packages/scanners/src/index';
import type { ReliabilityCase } from './reliability-case';

export const LEAK_SURFACES = ['cli', 'action'] as const;
export type LeakSurface = (typeof LEAK_SURFACES)[number];

const SURFACE_TITLES: Record<LeakSurface, string> = {
  cli: '`gatehouse scan` (the CLI bin, real secretlint) on a temporary repository',
  action: 'a scanning action (runScanAction, real secretlint runner, plus a stub gitleaks whose native report holds the plaintext)',
};

const SURFACE_EXPECTATIONS: Record<LeakSurface, string> = {
  cli: 'found (a secret finding of this rule); the value is in no byte of .gatehouse/, stdout or stderr',
  action:
    'found; the value is in no byte of the log (but its own ::add-mask:: line), the job summary, the step outputs, RUNNER_TEMP, the artifact or any request to GitHub',
};

/** Every secret rule Gatehouse ships × every surface. Generated from SECRET_RULES: a new rule is audited at once. */
export function leakAuditCases(): ReliabilityCase[] {
  const perRule = SECRET_RULES.flatMap((rule) =>
    LEAK_SURFACES.map((surface) => ({
      id: `leak-audit/${rule.id}/${surface}`,
      group: 'leak-audit' as const,
      title: `a fake ${rule.id} planted in a repository, through ${SURFACE_TITLES[surface]}`,
      expectation: SURFACE_EXPECTATIONS[surface],
    })),
  );
  return [
    ...perRule,
    {
      id: 'leak-audit/incident-notification',
      group: 'leak-audit',
      title: 'an incident notification for every found secret, sent to loopback Slack, SMTP and webhook receivers',
      expectation: 'delivered to each; no planted value in any byte the receivers got (bodies, headers, the e-mail as it arrived)',
    },
    {
      id: 'leak-audit/engine-error-quotes-secret',
      group: 'leak-audit',
      title: 'an engine fails and its last stderr line quotes a secret value another engine found',
      expectation: 'the engine is incomplete; the value is in no byte written or sent (reason, log, summary, findings.json, audit log)',
    },
  ];
}
