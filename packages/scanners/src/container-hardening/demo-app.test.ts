import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { HardeningReport } from './report';
import { runContainerHardening } from './run';

/**
 * The engine on the embedded demo target, examples/vulnerable-app (Dockerfile FROM python:latest
 * running as root with unpinned pip installs and no HEALTHCHECK; a compose file with a privileged
 * api and no limits or restart policy). Expected lines are found in the files themselves, so the
 * test follows edits to the demo but fails if a rule stops firing where the problem is.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DEMO = join(REPO_ROOT, 'examples', 'vulnerable-app');
const HAVE_DEMO = existsSync(join(DEMO, 'Dockerfile')) && existsSync(join(DEMO, 'docker-compose.yml'));
if (!HAVE_DEMO) console.warn('container-hardening demo test: examples/vulnerable-app is not in this checkout; skipped');

const lineOf = (text: string, needle: string) => {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`the demo no longer contains "${needle}"`);
  return index + 1;
};

describe.skipIf(!HAVE_DEMO)('container hardening on examples/vulnerable-app', () => {
  it('flags every planted problem on its line', async () => {
    const report = JSON.parse(await runContainerHardening({ executable: '', workspace: REPO_ROOT, targets: ['examples/vulnerable-app'], reportPath: '', mode: 'full' }, new AbortController().signal)) as HardeningReport;
    const found = new Set(report.results.map((r) => `${r.ruleId} ${r.path.replace('examples/vulnerable-app/', '')}${r.startLine ? `:${r.startLine}` : ''}`));
    const dockerfile = readFileSync(join(DEMO, 'Dockerfile'), 'utf8');
    const compose = readFileSync(join(DEMO, 'docker-compose.yml'), 'utf8');
    const expected = [
      `DS-0001 Dockerfile:${lineOf(dockerfile, 'FROM python:latest')}`,
      'DS-0002 Dockerfile',
      'DS-0026 Dockerfile',
      `CH-PIP-UNPINNED Dockerfile:${lineOf(dockerfile, 'pip install flask')}`,
      `CH-COMPOSE-PRIVILEGED docker-compose.yml:${lineOf(compose, 'privileged: true')}`,
    ];
    const services = Object.keys((parseYaml(compose) as { services: Record<string, unknown> }).services);
    for (const name of services) {
      const line = lineOf(compose, `  ${name}:`);
      expected.push(`CH-COMPOSE-NO-LIMITS docker-compose.yml:${line}`, `CH-COMPOSE-NO-RESTART docker-compose.yml:${line}`);
    }
    expect(report.errors).toEqual([]);
    for (const hit of expected) expect(found, `expected ${hit}`).toContain(hit);
  });
});
