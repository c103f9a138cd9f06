// A real git repository shaped like issue 7's monorepo: an npm app under web/ and a Python API under
// api/ (the demo app's manifests). On `main` the web app does not depend on lodash; the pull request
// (`feature`) adds lodash 4.17.15, a version with two published advisories. The checkout is a clone,
// as actions/checkout leaves it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestRepo } from '../../../../packages/scanners/src/git/test-support/git-repo';

const demo = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../examples/vulnerable-app/${path}`, import.meta.url)), 'utf8');

/** The demo web app's lockfile without lodash: what `main` has before the pull request. */
function lockfileWithoutLodash(): string {
  const lock = JSON.parse(demo('web/package-lock.json')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
  delete lock.packages['node_modules/lodash'];
  delete lock.packages['']!.dependencies!.lodash;
  return `${JSON.stringify(lock, null, 2)}\n`;
}

export interface Monorepo {
  origin: TestRepo;
  /** main's tip: the pull request's base. */
  base: string;
  /** The pull request's head: adds lodash 4.17.15 to web/package-lock.json. */
  head: string;
}

export function monorepo(): Monorepo {
  const origin = TestRepo.create('gatehouse-deps-monorepo-');
  origin.commit('web app and api', {
    'README.md': '# shop\n',
    'web/package-lock.json': lockfileWithoutLodash(),
    'api/requirements.txt': demo('api/requirements.txt'),
    // A test fixture's lockfile: left out of the audit by default.
    'web/test/fixtures/package-lock.json': demo('web/package-lock.json'),
  });
  const base = origin.head();
  origin.git('checkout', '--quiet', '-b', 'feature');
  const head = origin.commit('add lodash', { 'web/package-lock.json': demo('web/package-lock.json') });
  origin.git('checkout', '--quiet', 'main');
  return { origin, base, head };
}

/** The checkout of a branch: full history (fetch-depth 0) or one commit (actions/checkout's default). */
export function checkout(repo: Monorepo, branch: 'feature' | 'main', depth: 'full' | 'shallow' = 'full'): string {
  return (depth === 'full' ? repo.origin.clone(`--branch=${branch}`) : repo.origin.clone(`--branch=${branch}`, '--depth=1')).dir;
}

export const OSV_DATABASE = fileURLToPath(new URL('../../../../examples/vulnerable-app/osv-db', import.meta.url));
