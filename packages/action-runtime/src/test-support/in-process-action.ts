import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflowCommands, type WorkflowCommand } from '@gatehouse/action-kit';
import { gitRefsFor, parseKeyValueFile, type FakeArtifactService, type FakeGitHub, type GitHubEventName } from '@gatehouse/testing-harness';
import { vi } from 'vitest';

export interface InProcessRunOptions {
  github: FakeGitHub;
  artifacts: FakeArtifactService;
  event: GitHubEventName;
  payload: Record<string, unknown>;
  workspace: string;
  env?: Record<string, string>;
}

export interface InProcessRun {
  stdout: string;
  commands: WorkflowCommand[];
  outputs: Record<string, string>;
  summary: string;
  /** The exit code the action left (1 after setFailed). */
  exitCode: number | undefined;
  runnerTemp: string;
}

// @actions/core caches the summary file's path on first use: one file for the whole test process.
const summaryFile = join(mkdtempSync(join(tmpdir(), 'gatehouse-summary-')), 'step_summary');

/**
 * Runs `fn` (an action's body, in this process) inside a runner-like environment pointing at the
 * fakes: GITHUB_* variables, the event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the
 * artifact service's runtime token. stdout is captured (workflow commands parsed as the runner would);
 * the environment and the exit code are put back afterwards.
 */
export async function runInProcess<T>(options: InProcessRunOptions, fn: () => Promise<T>): Promise<{ result: T; run: InProcessRun }> {
  const saved = process.env;
  const runnerTemp = mkdtempSync(join(tmpdir(), 'gatehouse-inproc-runner-'));
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  const outputFile = join(runnerTemp, `set_output_${randomUUID()}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  mkdirSync(join(runnerTemp, 'toolcache'));
  const { owner, repo } = options.github.repository;
  process.env = {
    PATH: saved.PATH,
    HOME: saved.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_REPOSITORY_ID: '123456789',
    GITHUB_RUN_ID: '555',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'security',
    GITHUB_WORKFLOW: 'Security',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: options.github.url,
    GITHUB_SERVER_URL: options.github.urls.web,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runnerTemp, 'toolcache'),
    ACTIONS_RUNTIME_TOKEN: options.artifacts.runtimeToken,
    ACTIONS_RESULTS_URL: options.artifacts.resultsUrl,
    ...gitRefsFor(options.event, options.payload),
    ...options.env,
  };
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  let result: T;
  let exitCode: number | undefined;
  try {
    result = await fn();
  } finally {
    spy.mockRestore();
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
    process.exitCode = undefined;
    process.env = saved;
  }
  const stdout = chunks.join('');
  return {
    result,
    run: {
      stdout,
      commands: parseWorkflowCommands(stdout),
      outputs: parseKeyValueFile(readFileSync(outputFile, 'utf8'), 'GITHUB_OUTPUT'),
      summary: readFileSync(summaryFile, 'utf8'),
      exitCode,
      runnerTemp,
    },
  };
}
