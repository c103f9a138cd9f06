// The starter workflows as an organisation offers them (each with its .properties.json), the way they
// pin Gatehouse itself, and what each template promises (triggers, schedules, Dependabot groups).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pinnedUses } from './hardening-rules';
import { isMap, readWorkflow, repositoryRoot, repositoryWorkflows, type YamlMap } from './workflow-files';
import { eventsOf, GATEHOUSE_REPOSITORY, jobsOf } from './workflow-model';

const templatesDir = join(repositoryRoot, 'workflows-templates');
const templateFiles = readdirSync(templatesDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const template = (name: string) => readWorkflow(join(templatesDir, name));
const yamlOf = (name: string) => parse(readFileSync(join(templatesDir, name), 'utf8')) as YamlMap;

describe('workflows-templates/', () => {
  it('holds the six templates', () => {
    expect(templateFiles).toEqual(['.pre-commit-config.yaml', 'codeql.yml', 'dependabot.yml', 'deploy.yml', 'security-main.yml', 'security-pr.yml']);
  });

  it.each(templateFiles)('%s has a .properties.json with name, description, iconName, categories and filePatterns', (file) => {
    const propertiesFile = join(templatesDir, file.replace(/\.ya?ml$/, '.properties.json'));
    expect(existsSync(propertiesFile)).toBe(true);
    const properties = JSON.parse(readFileSync(propertiesFile, 'utf8')) as YamlMap;
    expect(Object.keys(properties).sort()).toEqual(['categories', 'description', 'filePatterns', 'iconName', 'name']);
    expect(properties.name).toEqual(expect.any(String));
    expect(properties.description).toEqual(expect.any(String));
    expect(properties.iconName).toMatch(/^octicon [a-z-]+$/);
    expect((properties.categories as unknown[]).length).toBeGreaterThan(0);
    for (const pattern of properties.filePatterns as string[]) expect(() => new RegExp(pattern)).not.toThrow();
  });
});

describe('Gatehouse pinned in the templates and security.yml', () => {
  const files = [...repositoryWorkflows().filter((w) => w.path === '.github/workflows/security.yml' || w.path.startsWith('workflows-templates/'))];
  const pins = files.flatMap((w) => pinnedUses(w).pins).filter((p) => p.repository === GATEHOUSE_REPOSITORY);
  const preCommit = /rev:\s*([0-9a-f]{40})\s*#\s*frozen:\s*(v\d+\.\d+\.\d+)/.exec(readFileSync(join(templatesDir, '.pre-commit-config.yaml'), 'utf8'));

  it('uses one commit SHA and one version everywhere (release.yml rewrites them all together)', () => {
    expect(pins.length).toBeGreaterThan(10);
    expect(preCommit).not.toBeNull();
    const variants = new Set([...pins.map((p) => `${p.sha} ${p.version}`), `${preCommit![1]} ${preCommit![2]}`]);
    expect([...variants]).toHaveLength(1);
  });

  it('names Gatehouse only by its one repository slug', () => {
    for (const file of files) {
      for (const line of file.text.split('\n')) {
        const ref = /uses:\s*([^\s#]+)/.exec(line)?.[1];
        if (ref && /gatehouse/i.test(ref)) expect(ref.startsWith(`${GATEHOUSE_REPOSITORY}/`), `${file.path}: ${ref}`).toBe(true);
      }
    }
    expect(readFileSync(join(templatesDir, '.pre-commit-config.yaml'), 'utf8')).toContain(`repo: https://github.com/${GATEHOUSE_REPOSITORY}\n`);
  });

  it('is rewritten by release.yml with the patterns the pins have', () => {
    const release = readFileSync(join(repositoryRoot, '.github/workflows/release.yml'), 'utf8');
    expect(release).toContain(`s#(${GATEHOUSE_REPOSITORY}[^@ ]*)@[0-9a-f]{40} \\# v[0-9]+\\.[0-9]+\\.[0-9]+#`);
    expect(release).toContain('rev: )[0-9a-f]{40} \\# frozen: v[0-9]+');
  });
});

describe('what each template promises', () => {
  it('security-pr runs on pull requests touching sources, manifests, lockfiles, Dockerfiles, compose files or itself', () => {
    const on = template('security-pr.yml').workflow.on as YamlMap;
    const paths = (on.pull_request as YamlMap).paths as string[];
    for (const p of ['**/*.py', '**/*.ts', '**/package.json', '**/package-lock.json', '**/requirements*.txt', '**/Dockerfile', '**/docker-compose*.yml', '.github/workflows/security-pr.yml']) {
      expect(paths).toContain(p);
    }
    const [job] = jobsOf(template('security-pr.yml'));
    expect(job!.uses).toMatch(new RegExp(`^${GATEHOUSE_REPOSITORY}/\\.github/workflows/security\\.yml@[0-9a-f]{40}$`));
  });

  it('security-main scans every push to main, writes an SBOM, scans each service image in its own leg and gates once', () => {
    const main = template('security-main.yml');
    expect((main.workflow.on as YamlMap).push).toEqual({ branches: ['main'] });
    const jobs = jobsOf(main);
    const image = jobs.find((j) => j.id === 'image')!;
    expect(((image.raw.strategy as YamlMap).matrix as YamlMap).service).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]));
    const gates = jobs.filter((j) => j.steps.some((s) => s.uses?.includes('/actions/policy-gate@')));
    expect(gates.map((g) => g.id)).toEqual(['gate']);
    expect(gates[0]!.raw.needs).toEqual(expect.arrayContaining(['image', 'sbom', 'secrets-scan', 'sast', 'deps-audit']));
  });

  it('deploy pushes an image only after its scan, through override-notify when blocked, in a protected environment', () => {
    const deploy = template('deploy.yml');
    expect(((deploy.workflow.on as YamlMap).workflow_dispatch as YamlMap).inputs).toHaveProperty('SECURITY_OVERRIDE');
    const [job] = jobsOf(deploy);
    expect(job!.raw.environment).toBeTruthy();
    const order = job!.steps.map((s) => s.id ?? s.uses?.split('@')[0] ?? s.run?.split(' ').slice(0, 2).join(' '));
    const at = (x: string) => order.findIndex((o) => o?.includes(x));
    expect(at('scan')).toBeLessThan(at('override'));
    expect(at('override')).toBeLessThan(at('docker push'));
    const override = job!.steps.find((s) => s.id === 'override')!;
    expect(override.raw.if).toMatch(/steps\.scan\.outputs\.blocked == 'true'.*inputs\.SECURITY_OVERRIDE != ''/);
    const stop = job!.steps.find((s) => typeof s.raw.if === 'string' && s.raw.if.includes("steps.override.outputs.proceed != 'true'"));
    expect(stop?.run).toMatch(/exit 1/);
  });

  it('codeql analyses Python and JavaScript/TypeScript with security-extended on pull requests and Sundays 03:00 UTC', () => {
    const codeql = template('codeql.yml');
    expect(eventsOf(codeql)).toEqual(expect.arrayContaining(['pull_request', 'schedule']));
    expect((codeql.workflow.on as YamlMap).schedule).toEqual([{ cron: '0 3 * * 0' }]);
    const [job] = jobsOf(codeql);
    expect(((job!.raw.strategy as YamlMap).matrix as YamlMap).language).toEqual(['python', 'javascript-typescript']);
    expect(job!.steps.find((s) => s.uses?.startsWith('github/codeql-action/init@'))!.with.queries).toBe('security-extended');
  });

  it('dependabot updates npm per app folder and pip weekly, actions monthly, minor and patch grouped, majors alone', () => {
    const config = yamlOf('dependabot.yml');
    expect(config.version).toBe(2);
    const updates = config.updates as YamlMap[];
    const by = (ecosystem: string) => updates.find((u) => u['package-ecosystem'] === ecosystem)!;
    expect((by('npm').directories as string[]).length).toBeGreaterThan(1);
    expect((by('npm').schedule as YamlMap).interval).toBe('weekly');
    expect((by('pip').schedule as YamlMap).interval).toBe('weekly');
    expect((by('github-actions').schedule as YamlMap).interval).toBe('monthly');
    for (const update of updates) {
      const groups = Object.values(update.groups as YamlMap) as YamlMap[];
      expect(groups.length).toBe(1);
      expect(groups[0]!['update-types']).toEqual(['minor', 'patch']);
    }
  });

  it('the pre-commit config uses the hook this repository publishes in .pre-commit-hooks.yaml', () => {
    const config = yamlOf('.pre-commit-config.yaml');
    const hookIds = ((config.repos as YamlMap[])[0]!.hooks as YamlMap[]).map((h) => h.id);
    const published = (parse(readFileSync(join(repositoryRoot, '.pre-commit-hooks.yaml'), 'utf8')) as YamlMap[]).map((h) => h.id);
    expect(hookIds.length).toBeGreaterThan(0);
    for (const id of hookIds) expect(published).toContain(id);
    expect(isMap(config)).toBe(true);
  });
});
