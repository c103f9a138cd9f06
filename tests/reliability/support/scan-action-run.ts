import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runScanAction, type ScanActionResult, type ScanActionSpec } from '../../../packages/action-runtime/src/index';
import { runInProcess, type InProcessRun } from '../../../packages/action-runtime/src/test-support/in-process-action';
import { unzipInMemory } from '../../../packages/github/src/index';
import type { ScanPlan } from '../../../packages/scanners/src/index';
import { FakeArtifactService, FakeGitHub, pullRequestEvent, pushEvent } from '../../../packages/testing-harness/src/index';
import type { ResolvedTool } from '../../../packages/toolchain/src/index';

export const BASE_SHA = 'b'.repeat(40);
export const HEAD_SHA = 'c'.repeat(40);

export interface ScanActionRunOptions {
  workspace: string;
  plan: ScanPlan | ScanActionSpec['plan'];
  action?: string;
  /** Executables per engine (stubs); engines not listed resolve as the action would. */
  executables?: Record<string, string>;
  event?: 'push' | 'pull_request';
  /** Files of the base commit (pull requests read the policy and configurations from there). */
  baseFiles?: Record<string, string>;
  env?: Record<string, string>;
  uploadSarif?: boolean;
  /** Arranges the fake GitHub before the run (faults, files). */
  arrange?: (github: FakeGitHub) => void;
}

export interface ScanActionRun {
  result: ScanActionResult;
  run: InProcessRun;
  github: FakeGitHub;
  artifacts: FakeArtifactService;
  /** Every file the run wrote under its output directory and RUNNER_TEMP, with its bytes. */
  writtenFiles: Map<string, Buffer>;
  /** Files of every uploaded artifact, by `<artifact>/<path>`. */
  artifactFiles: Map<string, Buffer>;
  /** Every request body the fake GitHub received, decoded where the API encodes it (SARIF). */
  requestBodies: string[];
}

function walk(dir: string, into: Map<string, Buffer>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024) into.set(path, readFileSync(path));
  }
}

/**
 * Runs `runScanAction` in this process against FakeGitHub and FakeArtifactService, as an action's
 * main.ts would, and collects every byte it wrote or sent: the log (stdout), the job summary, the
 * output directory and RUNNER_TEMP, the uploaded artifacts and the API requests.
 */
export async function runScanActionUnderTest(options: ScanActionRunOptions): Promise<ScanActionRun> {
  const github = await FakeGitHub.start();
  const artifacts = await FakeArtifactService.start();
  try {
    const event = options.event ?? 'push';
    for (const [path, content] of Object.entries(options.baseFiles ?? {})) github.state.setFile(BASE_SHA, path, content);
    options.arrange?.(github);
    const payload =
      event === 'pull_request'
        ? pullRequestEvent({ number: 7, base: { sha: BASE_SHA }, head: { sha: HEAD_SHA } })
        : pushEvent({ ref: 'refs/heads/main', after: HEAD_SHA });
    const executables = options.executables ?? {};
    const { result, run } = await runInProcess({ github, artifacts, event, payload, workspace: options.workspace, ...(options.env ? { env: options.env } : {}) }, () =>
      runScanAction({
        action: options.action ?? 'sast',
        inputs: { token: github.writeToken, policy: '.github/gatehouse.yml', 'fail-on': 'block', 'upload-sarif': options.uploadSarif ?? true, mode: 'auto' },
        plan: options.plan,
        sarifWait: false,
        engineTimeoutMs: 20_000,
        clientOptions: { retryBaseDelayMs: 5, writeIntervalMs: 0, rateLimitSecondMs: 5 },
        resolveEngine: async (engine): Promise<ResolvedTool> =>
          executables[engine]
            ? { status: 'available', engine, path: executables[engine]!, version: 'stub', source: 'path' }
            : { status: 'available', engine, path: 'in-process', version: 'built-in', source: 'path' },
      }),
    );
    const writtenFiles = new Map<string, Buffer>();
    walk(run.runnerTemp, writtenFiles);
    const artifactFiles = new Map<string, Buffer>();
    for (const artifact of artifacts.artifacts) {
      for (const [path, content] of await unzipInMemory(artifact.content)) artifactFiles.set(`${artifact.name}/${path}`, content);
    }
    const requestBodies = [
      ...github.requests.map((r) => JSON.stringify(r.body ?? null)),
      ...github.state.sarifUploads.map((u) => JSON.stringify(u.sarif)),
      ...github.state.comments.map((c) => JSON.stringify(c)),
    ];
    return { result, run, github, artifacts, writtenFiles, artifactFiles, requestBodies };
  } finally {
    await github.close();
    await artifacts.close();
  }
}

/** Every byte Gatehouse wrote or sent in a run, as named texts (for "this value appears nowhere"). */
export function everyByteOf(run: ScanActionRun): Map<string, string> {
  const all = new Map<string, string>();
  all.set('log (stdout)', run.run.stdout);
  all.set('job summary', run.run.summary);
  all.set('step outputs', JSON.stringify(run.run.outputs));
  for (const [path, content] of run.writtenFiles) all.set(path, content.toString('latin1'));
  for (const [path, content] of run.artifactFiles) all.set(`artifact ${path}`, content.toString('latin1'));
  run.requestBodies.forEach((body, i) => all.set(`GitHub request ${i}`, body));
  return all;
}
