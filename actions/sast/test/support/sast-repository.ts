// A real git repository for the sast action: `main` with an old shell call in app/legacy.py and a
// Kubernetes manifest, then a pull request (`feature`) that adds app/views.py with a new shell call,
// a Dockerfile that breaks the hardening rules, and a `[tool.bandit]` table in pyproject.toml that
// tries to switch bandit's shell checks off (the trusted configuration is the base commit's).
import { TestRepo } from '../../../../packages/scanners/src/git/test-support/git-repo';

export interface SastRepository {
  origin: TestRepo;
  base: string;
  head: string;
}

export const LEGACY_PY = 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n';
export const VIEWS_PY = 'import subprocess\n\n\ndef handler(request):\n    query = request.args["q"]\n    return subprocess.check_output(query, shell=True)\n';
export const DOCKERFILE = 'FROM python:latest\nWORKDIR /app\nRUN pip install flask\nCOPY . .\nCMD ["python", "-m", "app"]\n';

/** The team's own semgrep rules; the pull request empties them. */
export const BASE_RULES = 'rules:\n  - id: team-shell-true\n    pattern: subprocess.check_output(..., shell=True)\n    message: shell=True\n    languages: [python]\n    severity: ERROR\n';
export const PR_RULES = 'rules: []\n';

export function sastRepository(): SastRepository {
  const origin = TestRepo.create('gatehouse-sast-');
  origin.commit('initial', {
    'README.md': '# shop\n',
    'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0.0"\n',
    'app/__init__.py': '',
    'app/legacy.py': LEGACY_PY,
    'rules/shell.yml': BASE_RULES,
    'deploy/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  ports:\n    - port: 80\n',
  });
  const base = origin.head();
  origin.git('checkout', '--quiet', '-b', 'feature');
  origin.commit('add the search view', { 'app/views.py': VIEWS_PY, 'rules/shell.yml': PR_RULES });
  origin.commit('containerise', {
    Dockerfile: DOCKERFILE,
    'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0.0"\n\n[tool.bandit]\nskips = ["B602", "B603", "B404"]\n',
  });
  return { origin, base, head: origin.head() };
}

/** The checkout of the feature branch: full history, or one commit (actions/checkout's default depth). */
export function checkout(repository: SastRepository, depth: 'full' | 'shallow' = 'full'): TestRepo {
  return depth === 'full' ? repository.origin.clone('--branch=feature') : repository.origin.clone('--branch=feature', '--depth=1');
}
