import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { isIacCandidate, planSast, type SastPlanInput } from './sast';

const FILES = [
  'apps/api/app.py',
  'apps/api/Dockerfile',
  'apps/web/index.js',
  'config/settings.py',
  'docker-compose.yml',
  'infra/main.tf',
  'deploy/k8s/deployment.yaml',
  'README.md',
];
const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const input = (extra: Partial<SastPlanInput> = {}): SastPlanInput => ({ event: 'push', workspace: '/ws', files: FILES, ...extra });
const pr = (changedFiles: string[] | undefined, extra: Partial<SastPlanInput> = {}): SastPlanInput =>
  input({ event: 'pull_request', baseSha: BASE, headSha: HEAD, ...(changedFiles ? { changedFiles } : {}), ...extra });
const summary = (plan: ReturnType<typeof planSast>) => plan.invocations.map((i) => `${i.engine}${i.instance ? `[${i.instance}]` : ''} ${i.options.mode} ${i.options.targets.join(',') || '(workspace)'}`);

describe('the sast plan on a push (full scans)', () => {
  const plan = planSast(input({ bandit: { paths: ['apps/', 'config'] } }));

  it('runs every engine over everything it reads', () => {
    expect(summary(plan)).toEqual(['semgrep full (workspace)', 'bandit full apps,config', 'trivy[.] config .', 'container-hardening full (workspace)']);
    expect(plan.notRun).toEqual([]);
  });

  it('runs semgrep with the three default registry packs and says they need the network', () => {
    expect(plan.invocations[0]!.options.extraArgs).toEqual(['--config', 'p/security-audit', '--config', 'p/secrets', '--config', 'p/owasp-top-ten']);
    expect(plan.notes).toContainEqual(expect.stringMatching(/^semgrep: registry rules are downloaded from semgrep\.dev/));
  });

  it('uses a local rules path instead of the registry when given one (air-gapped runners)', () => {
    const semgrep = planSast(input({ semgrep: { rulesPath: '.semgrep/rules', timeoutSeconds: 60 } }));
    expect(semgrep.invocations[0]!.options).toMatchObject({ configPath: '/ws/.semgrep/rules', extraArgs: ['--timeout', '60'] });
    expect(semgrep.notes.some((n) => n.includes('semgrep.dev'))).toBe(false);
  });
});

describe('the sast plan on a pull request', () => {
  it('scans only what changed: semgrep new since base, the changed Python file, the changed Dockerfile; trivy config in full because an IaC file changed', () => {
    const plan = planSast(pr(['apps/api/app.py', 'apps/api/Dockerfile', 'README.md'], { bandit: { paths: ['apps', 'config'] } }));
    expect(summary(plan)).toEqual(['semgrep diff (workspace)', 'bandit diff apps/api/app.py', 'trivy[.] config .', 'container-hardening diff apps/api/Dockerfile']);
    expect(plan.invocations[0]!.options.baseCommit).toBe(BASE);
    expect(plan.notes).toEqual([
      'Pull request aaaaaaa…bbbbbbb: 3 files changed; only changed files are scanned where the engine supports it',
      'semgrep: reports only findings new since the base commit aaaaaaa (--baseline-commit)',
      expect.stringMatching(/^semgrep: registry rules/),
      'bandit: scans the 1 changed Python files',
      'trivy config: an infrastructure file changed, so . is scanned in full (Terraform modules and Helm charts are checked as a whole)',
      'container hardening: checks the 1 changed Dockerfiles and compose files',
    ]);
  });

  it('does not run what has nothing changed to read, and says why', () => {
    const plan = planSast(pr(['apps/web/index.js']));
    expect(summary(plan)).toEqual(['semgrep diff (workspace)']);
    expect(plan.notRun).toEqual([
      { engine: 'bandit', reason: 'no Python file changed in this pull request' },
      { engine: 'trivy', reason: 'no infrastructure-as-code file changed in this pull request' },
      { engine: 'container-hardening', reason: 'no Dockerfile or compose file changed in this pull request' },
    ]);
  });

  it('scans everything when the changed files are unknown, and says why', () => {
    const plan = planSast(pr(undefined, { changedFilesProblem: 'the base commit is not in this shallow clone' }));
    expect(summary(plan)).toEqual(['semgrep diff (workspace)', 'bandit full (workspace)', 'trivy[.] config .', 'container-hardening full (workspace)']);
    expect(plan.notes[0]).toBe('Pull request: the changed files are unknown (the base commit is not in this shallow clone), so bandit and container hardening scan everything');
  });

  it('scans in full when diff-aware scanning is off', () => {
    const plan = planSast(pr(['README.md'], { diffAware: false }));
    expect(summary(plan)).toEqual(['semgrep full (workspace)', 'bandit full (workspace)', 'trivy[.] config .', 'container-hardening full (workspace)']);
    expect(plan.notes).toContain('Pull request scanned in full (diff-aware scanning is off)');
  });

  it('falls back to bandit\'s configured paths when too many Python files changed for one command line', () => {
    const many = Array.from({ length: 1_001 }, (_, i) => `apps/gen/m${i}.py`);
    const plan = planSast(pr(many, { files: [...FILES, ...many], bandit: { paths: ['apps'] } }));
    expect(plan.invocations.find((i) => i.engine === 'bandit')!.options).toMatchObject({ mode: 'full', targets: ['apps'] });
  });

  it('needs the base commit', () => {
    expect(() => planSast(input({ event: 'pull_request', changedFiles: [] }))).toThrow(/needs the base commit/);
  });
});

describe('the sast plan options', () => {
  it('passes switched-off hardening rules and user Rego policies to their engines', () => {
    const plan = planSast(input({ containerHardening: { disabledRules: ['healthcheck', 'CH-COMPOSE-NO-LIMITS'] }, trivyConfig: { paths: ['infra', 'deploy'], regoPolicies: ['policy/rego'] } }));
    expect(plan.invocations.filter((i) => i.engine === 'trivy').map((i) => [i.instance, i.options.targets, i.options.extraArgs])).toEqual([
      ['infra', ['infra'], ['--config-check', '/ws/policy/rego', '--check-namespaces', 'user']],
      ['deploy', ['deploy'], ['--config-check', '/ws/policy/rego', '--check-namespaces', 'user']],
    ]);
    expect(plan.invocations.find((i) => i.engine === 'container-hardening')!.options.extraArgs).toEqual(['--disable', 'healthcheck', '--disable', 'CH-COMPOSE-NO-LIMITS']);
  });

  it('says which engines are switched off or have nothing to read', () => {
    const plan = planSast(input({ files: ['web/index.js'], semgrep: { enabled: false } }));
    expect(plan.invocations).toEqual([]);
    expect(plan.notRun.map((n) => `${n.engine}: ${n.reason}`)).toEqual([
      'semgrep: semgrep is switched off',
      'bandit: no Python files under .',
      'trivy: no infrastructure-as-code files under .',
      'container-hardening: no Dockerfile or compose file under .',
    ]);
  });

  it.each([
    [{ bandit: { paths: ['../outside'] } }, /bandit path: "\.\.\/outside" path leaves the workspace/],
    [{ semgrep: { configs: ['--dangerous'] } }, /semgrep config "--dangerous" is not a registry id/],
    [{ semgrep: { timeoutSeconds: 0 } }, /semgrep timeout must be a whole number/],
    [{ containerHardening: { disabledRules: ['no-such-rule'] } }, /unknown rule "no-such-rule"/],
    [{ trivyConfig: { regoPolicies: ['p'], regoNamespaces: ['user; rm -rf'] } }, /is not a package name/],
  ] as [Partial<SastPlanInput>, RegExp][])('refuses bad inputs with a ConfigurationError (%o)', (extra, message) => {
    expect(() => planSast(input(extra))).toThrow(ConfigurationError);
    expect(() => planSast(input(extra))).toThrow(message);
  });

  it.each([
    ['apps/api/Dockerfile', true],
    ['infra/main.tf', true],
    ['deploy/k8s/deployment.yaml', true],
    ['cfn/stack.template.json', true],
    ['package.json', false],
    ['app.py', false],
  ])('%s is read by trivy config: %s', (path, expected) => {
    expect(isIacCandidate(path)).toBe(expected);
  });
});
