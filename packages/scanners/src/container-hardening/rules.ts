import { ConfigurationError } from '@gatehouse/findings';

/**
 * The container hardening rules (docs/engines/container-hardening.md). Where a rule checks what a
 * trivy check checks, it carries trivy's id (trivy-checks v2 spelling) and severity, and places
 * its finding as trivy does (the same file, and the same line or none), so on runners where trivy
 * config also runs the two findings share one identity and merge.
 */
export interface HardeningRule {
  /** The name users switch it off by. */
  key: string;
  ruleId: string;
  appliesTo: 'dockerfile' | 'compose';
  severity: 'critical' | 'high' | 'medium' | 'low';
  title: string;
  advice: string;
  /** The trivy check it mirrors, when there is one. */
  trivyCheck?: string;
}

export const HARDENING_RULES: readonly HardeningRule[] = [
  {
    key: 'non-root-user',
    ruleId: 'DS-0002',
    appliesTo: 'dockerfile',
    severity: 'high',
    title: "Image user should not be 'root'",
    advice: "Add 'USER <non-root user>' to the final stage (create the user first), so a compromised process is not root in the container",
    trivyCheck: 'DS-0002',
  },
  {
    key: 'no-latest-base-image',
    ruleId: 'DS-0001',
    appliesTo: 'dockerfile',
    severity: 'medium',
    title: "':latest' tag used",
    advice: "Use a specific tag in 'FROM', and pin its digest (image:tag@sha256:...) so a rebuild cannot silently change the base",
    trivyCheck: 'DS-0001',
  },
  {
    key: 'healthcheck',
    ruleId: 'DS-0026',
    appliesTo: 'dockerfile',
    severity: 'low',
    title: 'No HEALTHCHECK defined',
    advice: "Add a 'HEALTHCHECK' instruction to the final stage so the orchestrator can tell a hung container from a working one",
    trivyCheck: 'DS-0026',
  },
  {
    key: 'pinned-pip-install',
    ruleId: 'CH-PIP-UNPINNED',
    appliesTo: 'dockerfile',
    severity: 'medium',
    title: 'pip install without pinned versions',
    advice: "Pin every package ('pkg==1.2.3'), or install from a requirements file ('-r requirements.txt', ideally with '--require-hashes')",
  },
  {
    key: 'no-privileged-service',
    ruleId: 'CH-COMPOSE-PRIVILEGED',
    appliesTo: 'compose',
    severity: 'high',
    title: 'Compose service runs privileged',
    advice: "Remove 'privileged: true'; grant only the capabilities the service needs with 'cap_add'",
  },
  {
    key: 'resource-limits',
    ruleId: 'CH-COMPOSE-NO-LIMITS',
    appliesTo: 'compose',
    severity: 'low',
    title: 'Compose service has no resource limits',
    advice: "Set 'deploy.resources.limits' (memory, cpus), or 'mem_limit' and 'cpus', so one service cannot starve the host",
  },
  {
    key: 'restart-policy',
    ruleId: 'CH-COMPOSE-NO-RESTART',
    appliesTo: 'compose',
    severity: 'low',
    title: 'Compose service has no restart policy',
    advice: "Set 'restart: unless-stopped' (or 'on-failure'), or 'deploy.restart_policy'",
  },
  {
    key: 'no-latest-service-image',
    ruleId: 'CH-COMPOSE-IMAGE-TAG',
    appliesTo: 'compose',
    severity: 'medium',
    title: "Compose service image uses ':latest' or no tag",
    advice: 'Use a specific tag for the image, and pin its digest (image:tag@sha256:...)',
  },
];

export const HARDENING_RULE_KEYS = HARDENING_RULES.map((r) => r.key);

export function ruleByKey(key: string): HardeningRule {
  const rule = HARDENING_RULES.find((r) => r.key === key);
  if (!rule) throw new Error(`container-hardening: no rule ${key}`);
  return rule;
}

/**
 * The rules switched off by `--disable <rule>` (or `--disable=<rule>`) in the engine's extra
 * arguments; a rule may be named by key or id. Anything else is a configuration error.
 */
export function disabledRules(extraArgs: readonly string[] = []): Set<string> {
  const off = new Set<string>();
  const name = (value: string | undefined) => {
    const rule = HARDENING_RULES.find((r) => r.key === value || r.ruleId.toLowerCase() === value?.toLowerCase());
    if (!rule) throw new ConfigurationError(`container-hardening: unknown rule "${value ?? ''}"; known rules: ${HARDENING_RULE_KEYS.join(', ')}`);
    off.add(rule.key);
  };
  for (let i = 0; i < extraArgs.length; i++) {
    const arg = extraArgs[i]!;
    if (arg === '--disable') name(extraArgs[++i]);
    else if (arg.startsWith('--disable=')) name(arg.slice('--disable='.length));
    else throw new ConfigurationError(`container-hardening: unknown argument "${arg}" (only --disable <rule> is accepted)`);
  }
  return off;
}
