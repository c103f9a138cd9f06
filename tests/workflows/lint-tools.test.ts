// The lint CI runs, here too when the tools are installed (.ci/run installs them): shellcheck over every
// `run:` script of every workflow (as the runner runs it: bash -e -o pipefail), and yamllint over the
// workflows, templates and action manifests with .github/yamllint.yml.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot, repositoryWorkflows } from './workflow-files';
import { jobsOf } from './workflow-model';

const has = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-run-scripts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scripts = repositoryWorkflows().flatMap((w) =>
  jobsOf(w).flatMap((job) =>
    job.steps.flatMap((step) => (step.run !== undefined && step.raw.shell === undefined ? [{ name: `${w.path} jobs.${job.id}.steps[${step.index}]`, run: step.run }] : [])),
  ),
);

describe.skipIf(!has('shellcheck'))('shellcheck', () => {
  it.each(scripts.map((s, i) => [s.name, s, i] as const))('passes %s', (_name, script, i) => {
    const file = join(scratch, `step-${i}.sh`);
    writeFileSync(file, `#!/usr/bin/env bash\nset -eo pipefail\n${script.run}`);
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', file], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails a script that word-splits a variable (so the check above can fail)', () => {
    const file = join(scratch, 'bad.sh');
    writeFileSync(file, '#!/usr/bin/env bash\ndocker push $IMAGE\n');
    expect(spawnSync('shellcheck', ['--shell=bash', file], { encoding: 'utf8' }).stdout).toContain('SC2086');
  });
});

function actionManifests(): string[] {
  return readdirSync(join(repositoryRoot, 'actions'))
    .map((name) => `actions/${name}/action.yml`)
    .filter((path) => existsSync(join(repositoryRoot, path)));
}

describe.skipIf(!has('yamllint'))('yamllint', () => {
  it('passes the workflows, templates, action manifests and the hook manifest', () => {
    const result = spawnSync(
      'yamllint',
      ['--strict', '--format', 'parsable', '-c', '.github/yamllint.yml', '.github', 'workflows-templates', '.pre-commit-hooks.yaml', ...actionManifests()],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
