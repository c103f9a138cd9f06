import { describe, expect, it } from 'vitest';
import { planDeps, type DepsPlanInput } from './deps';

const MONOREPO_FILES = [
  'README.md',
  'apps/admin/package-lock.json',
  'apps/berry/yarn.lock',
  'apps/mobile/pnpm-lock.yaml',
  'apps/web/package-lock.json',
  'apps/web/package.json',
  'node_modules/left-pad/package-lock.json',
  'services/api/requirements.txt',
  'services/api/requirements/base.txt',
  'services/worker/poetry.lock',
  'test/fixtures/requirements.txt',
];
const input = (extra: Partial<DepsPlanInput> = {}): DepsPlanInput => ({ workspace: '/ws', event: { kind: 'push', after: 'b'.repeat(40) }, files: MONOREPO_FILES, inputs: { osvExport: '/cache/osv-offline' }, ...extra });
const summary = (plan: ReturnType<typeof planDeps>) => plan.invocations.map((i) => `${i.engine}${i.instance ? `[${i.instance}]` : ''}: ${i.options.targets.join(' ')}${i.options.cacheDir ? ` @ ${i.options.cacheDir}` : ''}`);

describe('the dependency scan plan', () => {
  it('covers every manifest of a monorepo with each engine that reads it', () => {
    const plan = planDeps(input());
    expect(summary(plan)).toEqual([
      'osv-offline: apps/admin/package-lock.json apps/berry/yarn.lock apps/mobile/pnpm-lock.yaml apps/web/package-lock.json services/api/requirements.txt services/api/requirements/base.txt services/worker/poetry.lock @ /cache/osv-offline',
      'osv-scanner: apps/admin/package-lock.json apps/berry/yarn.lock apps/mobile/pnpm-lock.yaml apps/web/package-lock.json services/api/requirements.txt services/api/requirements/base.txt services/worker/poetry.lock',
      'pip-audit[services/api/requirements.txt]: services/api/requirements.txt',
      'pip-audit[services/api/requirements/base.txt]: services/api/requirements/base.txt',
      'pip-audit[services/worker/poetry.lock]: services/worker/poetry.lock',
      'npm-audit[apps/admin/package-lock.json]: apps/admin/package-lock.json',
      'npm-audit[apps/web/package-lock.json]: apps/web/package-lock.json',
    ]);
    expect(plan.notRun).toEqual([]);
    expect(plan.notes).toContain('npm audit reads only package-lock.json and npm-shrinkwrap.json: apps/berry/yarn.lock, apps/mobile/pnpm-lock.yaml are checked by osv-scanner and osv-offline only');
    expect(plan.invocations.every((i) => !i.required)).toBe(true);
  });

  it('runs only the engines asked for, and makes them required', () => {
    const plan = planDeps(input({ inputs: { engines: ['osv-offline', 'pip-audit'], osvExport: '/x' } }));
    expect(new Set(plan.invocations.map((i) => i.engine))).toEqual(new Set(['osv-offline', 'pip-audit']));
    expect(plan.invocations.every((i) => i.required)).toBe(true);
    expect(plan.notRun).toEqual([
      { engine: 'osv-scanner', reason: 'not enabled (input engines)' },
      { engine: 'npm-audit', reason: 'not enabled (input engines)' },
    ]);
  });

  it('checks SBOMs with osv-offline and says when it has no export', () => {
    const plan = planDeps(input({ files: ['bom.cdx.json'], inputs: { sboms: ['bom.cdx.json', '../outside.json'] } }));
    expect(summary(plan)).toEqual(['osv-offline[sbom]: bom.cdx.json']);
    expect(plan.invocations[0]!.options.mode).toBe('sbom');
    expect(plan.notes).toContain('osv-offline has no OSV export: it will be incomplete (download one with refreshOsvExport, or give a local path)');
    expect(plan.notRun.map((n) => n.engine)).toEqual(['osv-scanner', 'pip-audit', 'npm-audit']);
  });

  it('says so when there is nothing to scan', () => {
    const plan = planDeps(input({ files: ['README.md', 'node_modules/x/package-lock.json'] }));
    expect(plan.invocations).toEqual([]);
    expect(plan.notes[0]).toMatch(/^no lockfiles found/);
    expect(plan.notRun.map((n) => `${n.engine}: ${n.reason}`)).toEqual([
      'osv-offline: no lockfiles or SBOMs to check',
      'osv-scanner: no lockfiles',
      'pip-audit: no Python manifests',
      'npm-audit: no package-lock.json or npm-shrinkwrap.json',
    ]);
  });

  it('describes a pull request: the range, the manifests it changed, and that new findings are marked', () => {
    const plan = planDeps(
      input({
        event: { kind: 'pull_request', baseSha: 'a'.repeat(40), headSha: 'c'.repeat(40), number: 12 },
        git: { mergeBase: 'd'.repeat(40), changedFiles: ['apps/web/package-lock.json', 'src/app.ts'] },
      }),
    );
    expect(plan.notes).toContain(
      "pull request #12 (dddddddddddd..cccccccccccc): every manifest is scanned; findings of package versions the PR's lockfile changes brought in are marked new (1 manifest changed: apps/web/package-lock.json)",
    );
  });

  it('honours ignore globs and can include test fixtures', () => {
    const plan = planDeps(input({ inputs: { engines: ['osv-scanner'], ignore: ['apps/'], ignoreTestFixtures: false } }));
    expect(plan.invocations[0]!.options.targets).toEqual(['services/api/requirements.txt', 'services/api/requirements/base.txt', 'services/worker/poetry.lock', 'test/fixtures/requirements.txt']);
  });

  it('leaves a lockfile path with a colon out of osv-scanner', () => {
    const plan = planDeps(input({ files: ['weird:name/package-lock.json'], inputs: { engines: ['osv-scanner'] } }));
    expect(plan.invocations).toEqual([]);
    expect(plan.notes).toContain('osv-scanner skips weird:name/package-lock.json: a colon in the path would be read as "parse as"');
  });
});
