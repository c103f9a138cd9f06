import { SECRET_RULES } from '../../../packages/scanners/src/index';
import type { ReliabilityCase } from './reliability-case';

export const LEAK_SURFACES = ['cli', 'action', 'secrets-scan-bundle', 'sast-bundle'] as const;
export type LeakSurface = (typeof LEAK_SURFACES)[number];

const SURFACE_TITLES: Record<LeakSurface, string> = {
  cli: '`gatehouse scan` (the CLI bin, real secretlint) on a temporary repository',
  action: 'a scanning action (runScanAction, real secretlint runner, plus a stub gitleaks whose native report holds the plaintext)',
  'secrets-scan-bundle':
    "secrets-scan's committed bundle under Node 24 on a pull request (real bundled secretlint runner on the head tree; stub gitleaks and trufflehog whose native reports hold the plaintext in every field, from the PR's history)",
  'sast-bundle':
    "sast's committed bundle under Node 24 on a push (real bandit on a settings module assigning it to `password`; a stub semgrep whose p/secrets match quotes the line, as semgrep's report does; stub trivy config)",
};

const SURFACE_EXPECTATIONS: Record<LeakSurface, string> = {
  cli: 'found (a secret finding of this rule); the value is in no byte of .gatehouse/, stdout or stderr',
  action:
    'found; the value is in no byte of the log (but its own ::add-mask:: line), the job summary, the step outputs, RUNNER_TEMP, the artifact or any request to GitHub',
  'secrets-scan-bundle':
    'found by each engine (secretlint in the head tree, gitleaks and trufflehog in the history) and masked with ::add-mask::; the value is in no byte of the visible log, stderr, the job summary, the step outputs, RUNNER_TEMP, any file the run added or changed in the workspace, any artifact file, any SARIF upload or any request to GitHub',
  'sast-bundle':
    "reported (semgrep's match at its line; bandit ran); the value is in no byte of the visible log, stderr, the job summary, the step outputs, RUNNER_TEMP, any file the run added or changed in the workspace, any artifact file, any SARIF upload or any request to GitHub",
};

/**
 * Why a surface does not hold for a rule yet (none today). The sast surface held once semgrep's adapter
 * stopped showing a secret rule's own message, which may quote the value through a metavariable.
 */
const SURFACE_OPEN: Partial<Record<LeakSurface, (ruleId: string) => string | undefined>> = {};

function openFor(ruleId: string, surface: LeakSurface): { open?: string } {
  const open = SURFACE_OPEN[surface]?.(ruleId);
  return open ? { open } : {};
}

/** Every secret rule Gatehouse ships × every surface. Generated from SECRET_RULES: a new rule is audited at once. */
export function leakAuditCases(): ReliabilityCase[] {
  const perRule = SECRET_RULES.flatMap((rule) =>
    LEAK_SURFACES.map((surface) => ({
      id: `leak-audit/${rule.id}/${surface}`,
      group: 'leak-audit' as const,
      title: `a fake ${rule.id} planted in a repository, through ${SURFACE_TITLES[surface]}`,
      expectation: SURFACE_EXPECTATIONS[surface],
      ...openFor(rule.id, surface),
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
