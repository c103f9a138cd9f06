import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputEnvironmentName, parseWorkflowCommands, type WorkflowCommand } from '@gatehouse/action-kit';
import { parse as parseYaml } from 'yaml';
import { pullRequestEvent } from '../events/pull-request-event';
import { pushEvent } from '../events/push-event';
import type { RepositorySpec } from '../events/webhook-objects';
import { workflowDispatchEvent } from '../events/workflow-dispatch-event';
import type { FakeArtifactService } from '../fake-artifact-service/fake-artifact-service';
import type { FakeGitHub } from '../fake-github/fake-github';
import { resolveNodeBinary, type NodeBinary } from './node-binary';
import { gitRefsFor, type GitHubEventName } from './runner-context';
import { parseKeyValueFile } from './runner-files';

export interface RunBundledActionOptions {
  /** The bundle to run (actions/<name>/dist/index.js, or one built in a test). */
  bundle: string;
  /** Inputs by their action.yml (kebab-case) names. */
  inputs?: Record<string, string>;
  /** An action.yml whose input defaults apply to inputs not given, as on the runner ("${{ github.token }}" is `token`). */
  actionManifest?: string;
  event: GitHubEventName;
  /** The webhook payload; by default one built for `event` in the fake's repository. */
  payload?: Record<string, unknown>;
  /** GITHUB_WORKSPACE and the working directory. */
  workspace: string;
  /** Major Node.js version, as `runs.using: node24`. */
  nodeVersion?: number;
  /** The fake API: GITHUB_API_URL points at it (without one, at a closed loopback port). */
  github?: FakeGitHub;
  /** The fake artifact service: ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN point at it. */
  artifacts?: FakeArtifactService;
  /** github.token, for action.yml defaults; the fake's write token by default. */
  token?: string;
  /** Extra environment (overrides what the harness sets). */
  env?: Record<string, string>;
  /** RUNNER_DEBUG=1, as when a workflow is re-run with debug logging. */
  debug?: boolean;
  /** Kill the action after this long (default 60 s). */
  timeoutMs?: number;
}

export interface BundledActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Step outputs, parsed from GITHUB_OUTPUT (multi-line delimiter blocks included). */
  outputs: Record<string, string>;
  /** The job summary Markdown the step wrote. */
  summary: string;
  /** False when the summary is over GitHub's 1 MiB per step (the runner would drop all of it). */
  summaryWithinLimit: boolean;
  /** Variables exported through GITHUB_ENV. */
  exportedEnv: Record<string, string>;
  /** Values saved through GITHUB_STATE. */
  state: Record<string, string>;
  /** The workflow commands the runner would process from stdout. */
  commands: WorkflowCommand[];
  /** The environment the action ran with. */
  env: Record<string, string>;
  node: NodeBinary;
}

const OUTPUT_CAP_BYTES = 32 * 1024 * 1024;
const SUMMARY_LIMIT_BYTES = 1024 * 1024;

function defaultPayload(event: GitHubEventName, repository: RepositorySpec): Record<string, unknown> {
  if (event === 'pull_request' || event === 'pull_request_target') return pullRequestEvent({ repository });
  if (event === 'push') return pushEvent({ repository });
  if (event === 'workflow_dispatch') return workflowDispatchEvent({ repository });
  return { repository: { full_name: `${repository.owner}/${repository.name}` } };
}

function manifestDefaults(manifestPath: string, token: string): Record<string, string> {
  const manifest = parseYaml(readFileSync(manifestPath, 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
    if (input?.default === undefined || input.default === null) continue;
    const text = String(input.default);
    if (/^\$\{\{\s*github\.token\s*\}\}$/.test(text)) defaults[name] = token;
    else if (text.includes('${{')) throw new Error(`${manifestPath}: the harness cannot evaluate the default of input "${name}": ${text}`);
    else defaults[name] = text;
  }
  return defaults;
}

function baseEnvironment(): Record<string, string> {
  // The action must not see the test process's environment (it may itself run inside GitHub Actions).
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size >= OUTPUT_CAP_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs a bundled JavaScript action the way the GitHub Actions runner does: `node <bundle>` under
 * the requested Node major, in the workspace, with INPUT_* variables, the runner's file commands
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH), the event payload at
 * GITHUB_EVENT_PATH, and the API and artifact endpoints pointing at the fakes. Bounded in time: the
 * action and anything it started are killed at the timeout.
 */
export async function runBundledAction(options: RunBundledActionOptions): Promise<BundledActionRun> {
  const node = await resolveNodeBinary(options.nodeVersion ?? 24);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'gatehouse-runner-'));
  const fileCommands = join(runnerTemp, '_runner_file_commands');
  const toolCache = join(runnerTemp, 'hostedtoolcache');
  mkdirSync(fileCommands);
  mkdirSync(toolCache);
  const files = {
    GITHUB_OUTPUT: join(fileCommands, `set_output_${randomUUID()}`),
    GITHUB_STATE: join(fileCommands, `save_state_${randomUUID()}`),
    GITHUB_ENV: join(fileCommands, `set_env_${randomUUID()}`),
    GITHUB_PATH: join(fileCommands, `add_path_${randomUUID()}`),
    GITHUB_STEP_SUMMARY: join(fileCommands, `step_summary_${randomUUID()}`),
  };
  for (const path of Object.values(files)) writeFileSync(path, '');

  const repositorySpec: RepositorySpec = options.github
    ? { owner: options.github.repository.owner, name: options.github.repository.repo, ownerType: 'Organization' }
    : { owner: 'octo-org', name: 'octo-repo', ownerType: 'Organization' };
  const payload = options.payload ?? defaultPayload(options.event, repositorySpec);
  const eventPath = join(runnerTemp, '_github_workflow', 'event.json');
  mkdirSync(join(runnerTemp, '_github_workflow'));
  writeFileSync(eventPath, JSON.stringify(payload, null, 2));

  const repository = (payload.repository as { full_name?: string; id?: number; owner?: { login?: string; id?: number } } | undefined) ?? {};
  const fullName = repository.full_name ?? `${repositorySpec.owner}/${repositorySpec.name}`;
  const token = options.token ?? options.github?.writeToken ?? 'ghs_harness_without_fake';
  const inputs = { ...(options.actionManifest ? manifestDefaults(options.actionManifest, token) : {}), ...options.inputs };
  // Without a fake, the API is a closed loopback port: a test must never reach the real GitHub.
  const apiUrl = options.github?.url ?? 'http://127.0.0.1:9';

  const env: Record<string, string> = {
    ...baseEnvironment(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__run',
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_ACTOR: 'octocat',
    GITHUB_ACTOR_ID: '583231',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_API_URL: apiUrl,
    // github.localhost: @actions/artifact refuses hosts it takes for GitHub Enterprise Server; *.localhost is allowed.
    GITHUB_SERVER_URL: options.github ? options.github.urls.web : 'http://github.localhost:9',
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_JOB: 'security',
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_ID: String(repository.id ?? 123456789),
    GITHUB_REPOSITORY_OWNER: repository.owner?.login ?? fullName.split('/')[0]!,
    GITHUB_REPOSITORY_OWNER_ID: String(repository.owner?.id ?? 987654),
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'Security',
    GITHUB_WORKFLOW_REF: `${fullName}/.github/workflows/security.yml@refs/heads/main`,
    GITHUB_WORKSPACE: options.workspace,
    ...gitRefsFor(options.event, payload),
    ...files,
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_NAME: 'GitHub Actions 2',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
    ...(options.artifacts ? { ACTIONS_RESULTS_URL: options.artifacts.resultsUrl, ACTIONS_RUNTIME_TOKEN: options.artifacts.runtimeToken } : {}),
  };
  for (const [name, value] of Object.entries(inputs)) env[inputEnvironmentName(name)] = value;
  Object.assign(env, options.env);

  const child = spawn(node.path, [options.bundle], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, options.timeoutMs ?? 60_000);
  const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ exitCode: code, signal: sig }));
  });
  clearTimeout(timer);

  const out = stdout();
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  const run = {
    exitCode,
    signal,
    timedOut,
    stdout: out,
    stderr: stderr(),
    outputs: parseKeyValueFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'), 'GITHUB_OUTPUT'),
    summary,
    summaryWithinLimit: Buffer.byteLength(summary) <= SUMMARY_LIMIT_BYTES,
    exportedEnv: parseKeyValueFile(readFileSync(files.GITHUB_ENV, 'utf8'), 'GITHUB_ENV'),
    state: parseKeyValueFile(readFileSync(files.GITHUB_STATE, 'utf8'), 'GITHUB_STATE'),
    commands: parseWorkflowCommands(out),
    env,
    node,
  };
  rmSync(runnerTemp, { recursive: true, force: true });
  return run;
}
