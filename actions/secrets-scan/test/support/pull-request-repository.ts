// A real git repository shaped like issue 6's scenario: `main`, then a 40-commit pull request
// (`feature`) whose commit 3 adds a secret and commit 5 removes it. The workspace is a clone, as
// actions/checkout leaves it (origin/main and origin/feature tracked, `origin` fetchable).
import { TestRepo } from '../../../../packages/scanners/src/git/test-support/git-repo';

export { TestRepo };

export interface PullRequestRepository {
  origin: TestRepo;
  /** The pull request's base commit (main's tip). */
  base: string;
  /** The 40 commits of the pull request, oldest first; commits[2] adds the secret, commits[4] removes it. */
  commits: string[];
  head: string;
}

export interface PullRequestRepositoryOptions {
  /** The secret line commit 3 adds to config/payment.env. */
  secretLine: string;
  /** Files main (the base) holds. */
  baseFiles?: Record<string, string>;
  /** Files the pull request's first commit adds or changes. */
  firstCommitFiles?: Record<string, string>;
}

export function pullRequestRepository(options: PullRequestRepositoryOptions): PullRequestRepository {
  const origin = TestRepo.create('gatehouse-secrets-pr-');
  origin.commit('initial', { 'README.md': '# shop\n', 'config/payment.env': '# payment settings\n', ...options.baseFiles });
  for (let i = 0; i < 5; i++) origin.commit(`main ${i}`, { 'main.txt': `main ${i}\n` });
  const base = origin.head();
  origin.git('checkout', '--quiet', '-b', 'feature');
  const commits: string[] = [];
  for (let n = 1; n <= 40; n++) {
    const files: Record<string, string> = { 'src/counter.txt': `commit ${n}\n` };
    if (n === 1) Object.assign(files, options.firstCommitFiles);
    if (n === 3) files['config/payment.env'] = `# payment settings\n${options.secretLine}`;
    if (n === 5) files['config/payment.env'] = '# payment settings\nSTRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}\n';
    commits.push(origin.commit(`feature commit ${n}`, files));
  }
  return { origin, base, commits, head: commits[39]! };
}

/** The checkout of the feature branch: full history, or one commit (actions/checkout's default depth). */
export function checkout(repository: PullRequestRepository, depth: 'full' | 'shallow' = 'full'): TestRepo {
  return depth === 'full' ? repository.origin.clone('--branch=feature') : repository.origin.clone('--branch=feature', '--depth=1');
}
