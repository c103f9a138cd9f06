import { createHash } from 'node:crypto';
import {
  forbiddenUnless,
  githubTimestamp,
  nodeId,
  notThisRepository,
  simpleUser,
  type FakeGitHub,
  type FakeRequest,
  type StoredRepositoryArtifact,
} from '@gatehouse/testing-harness';

/**
 * Test-only: the three answers `listDefaultBranchArtifacts` checks an artifact's provenance with
 * (GET /actions/runs/{run_id}, GET /git/ref/heads/<branch>, GET /compare/{base}...{head}), shaped as
 * GitHub's description requires (FakeGitHub validates every answer). The branch's history is a
 * list of commit SHAs, oldest first; its tip is the last one.
 */
export interface DefaultBranchHistory {
  branch: string;
  /** Commits of the branch, oldest first. */
  commits: string[];
  /** The event that started each run, by run id (default: push). */
  events: Map<number, string>;
  /** Adds a commit on the branch (its new tip) and returns its SHA. */
  advance(label?: string): string;
}

export function commitSha(label: string): string {
  return createHash('sha1').update(`commit:${label}`).digest('hex');
}

function minimalRepository(fake: FakeGitHub, id: number): Record<string, unknown> {
  const { owner, repo } = fake.repository;
  const api = `${fake.url}/repos/${owner}/${repo}`;
  const urlFields = [
    'archive_url', 'assignees_url', 'blobs_url', 'branches_url', 'collaborators_url', 'comments_url', 'commits_url', 'compare_url',
    'contents_url', 'contributors_url', 'deployments_url', 'downloads_url', 'events_url', 'forks_url', 'git_commits_url', 'git_refs_url',
    'git_tags_url', 'hooks_url', 'issue_comment_url', 'issue_events_url', 'issues_url', 'keys_url', 'labels_url', 'languages_url',
    'merges_url', 'milestones_url', 'notifications_url', 'pulls_url', 'releases_url', 'stargazers_url', 'statuses_url',
    'subscribers_url', 'subscription_url', 'tags_url', 'teams_url', 'trees_url',
  ];
  const urls = Object.fromEntries(urlFields.map((field) => [field, `${api}/${field.replace(/_url$/, '')}`]));
  return {
    ...urls,
    id,
    node_id: nodeId('R', id),
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: simpleUser(fake.urls, { login: owner, id: 9_000_001, type: 'Organization' }),
    private: true,
    fork: false,
    description: null,
    html_url: `${fake.urls.web}/${owner}/${repo}`,
    url: api,
  };
}

function gitUser(date: Date) {
  return { name: 'Mona', email: 'mona@example.com', date: githubTimestamp(date) };
}

/** A workflow run as GET /repos/{owner}/{repo}/actions/runs/{run_id} returns it. */
export function workflowRunObject(
  fake: FakeGitHub,
  run: { id: number; event: string; headBranch: string; headSha: string; headRepositoryId?: number },
): Record<string, unknown> {
  const { owner, repo } = fake.repository;
  const api = `${fake.url}/repos/${owner}/${repo}/actions/runs/${run.id}`;
  const now = new Date();
  return {
    id: run.id,
    node_id: nodeId('WFR', run.id),
    head_branch: run.headBranch,
    run_number: 1,
    display_title: 'CI',
    event: run.event,
    status: 'completed',
    conclusion: 'success',
    head_sha: run.headSha,
    path: '.github/workflows/ci.yml',
    workflow_id: 77,
    url: api,
    html_url: `${fake.urls.web}/${owner}/${repo}/actions/runs/${run.id}`,
    created_at: githubTimestamp(now),
    updated_at: githubTimestamp(now),
    head_commit: { id: run.headSha, tree_id: commitSha(`tree:${run.headSha}`), message: 'change', timestamp: githubTimestamp(now), author: gitUser(now), committer: gitUser(now) },
    head_repository: minimalRepository(fake, run.headRepositoryId ?? fake.state.repositoryId),
    repository: minimalRepository(fake, fake.state.repositoryId),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${fake.url}/repos/${owner}/${repo}/check-suites/1`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    artifacts_url: `${api}/artifacts`,
    workflow_url: `${fake.url}/repos/${owner}/${repo}/actions/workflows/77`,
    pull_requests: [],
  };
}

function commitObject(fake: FakeGitHub, sha: string): Record<string, unknown> {
  const { owner, repo } = fake.repository;
  const api = `${fake.url}/repos/${owner}/${repo}`;
  const now = new Date();
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: nodeId('C', parseInt(sha.slice(0, 8), 16)),
    html_url: `${fake.urls.web}/${owner}/${repo}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: { url: `${api}/git/commits/${sha}`, author: gitUser(now), committer: gitUser(now), message: 'change', comment_count: 0, tree: { sha: commitSha(`tree:${sha}`), url: `${api}/git/trees/x` } },
    author: null,
    committer: null,
    parents: [],
  };
}

/**
 * Registers the handlers for a default branch whose history is `commits`, with runs whose events
 * are in `events` (push when absent) and whose head SHAs are taken from the stored artifacts.
 * Needs actions: read for runs and contents: read for refs and comparisons, as GitHub does.
 */
export function fakeDefaultBranchHistory(fake: FakeGitHub, options: { branch?: string; commits?: string[] } = {}): DefaultBranchHistory {
  const history: DefaultBranchHistory = {
    branch: options.branch ?? 'main',
    commits: [...(options.commits ?? [commitSha('root')])],
    events: new Map(),
    advance(label = `c${history.commits.length}`) {
      const sha = commitSha(label);
      history.commits.push(sha);
      return sha;
    },
  };
  const refused = (request: FakeRequest, scope: 'actions' | 'contents') => notThisRepository(fake, request) ?? forbiddenUnless(fake, request, [scope], 'read');
  const runOf = (id: number): StoredRepositoryArtifact['workflowRun'] | undefined => fake.state.repositoryArtifacts.find((a) => a.workflowRun.id === id)?.workflowRun;

  fake.on('GET /repos/{owner}/{repo}/actions/runs/{run_id}', (request) => {
    const denied = refused(request, 'actions');
    if (denied) return denied;
    const run = runOf(Number(request.params.run_id));
    if (!run) return fake.errorResponse(request, 404, 'Not Found');
    const event = history.events.get(run.id) ?? 'push';
    return { status: 200, body: workflowRunObject(fake, { id: run.id, event, headBranch: run.headBranch, headSha: run.headSha, headRepositoryId: run.headRepositoryId }) };
  });

  fake.on('GET /repos/{owner}/{repo}/git/ref/{ref}', (request) => {
    const denied = refused(request, 'contents');
    if (denied) return denied;
    const ref = String(request.params.ref);
    const tip = history.commits.at(-1);
    if (ref !== `heads/${history.branch}` || !tip) return fake.errorResponse(request, 404, 'Not Found');
    const { owner, repo } = fake.repository;
    const url = `${fake.url}/repos/${owner}/${repo}/git/refs/${ref}`;
    return { status: 200, body: { ref: `refs/${ref}`, node_id: nodeId('REF', 1), url, object: { type: 'commit', sha: tip, url: `${fake.url}/repos/${owner}/${repo}/git/commits/${tip}` } } };
  });

  fake.on('GET /repos/{owner}/{repo}/compare/{basehead}', (request) => {
    const denied = refused(request, 'contents');
    if (denied) return denied;
    const [base, head] = String(request.params.basehead).split('...');
    const baseIndex = history.commits.indexOf(base ?? '');
    const headIndex = history.commits.indexOf(head ?? '');
    if (baseIndex < 0 || headIndex < 0) return fake.errorResponse(request, 404, 'Not Found');
    const status = baseIndex === headIndex ? 'identical' : baseIndex < headIndex ? 'ahead' : 'behind';
    const { owner, repo } = fake.repository;
    const web = `${fake.urls.web}/${owner}/${repo}/compare/${base}...${head}`;
    return {
      status: 200,
      body: {
        url: `${fake.url}/repos/${owner}/${repo}/compare/${base}...${head}`,
        html_url: web,
        permalink_url: web,
        diff_url: `${web}.diff`,
        patch_url: `${web}.patch`,
        base_commit: commitObject(fake, base!),
        merge_base_commit: commitObject(fake, base!),
        status,
        ahead_by: Math.max(0, headIndex - baseIndex),
        behind_by: Math.max(0, baseIndex - headIndex),
        total_commits: Math.max(0, headIndex - baseIndex),
        commits: [],
      },
    };
  });
  return history;
}
