import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipInMemory } from '../../../packages/github/src/index';
import { runBundledAction, type BundledActionRun, type FakeArtifactService, type FakeGitHub, type RunBundledActionOptions } from '../../../packages/testing-harness/src/index';
import { readTree } from './leak-search';

const skipGit = (name: string) => name === '.git';

/**
 * Runs an action's committed bundle (runBundledAction) and collects every byte it wrote or sent, as
 * named texts: the log ('log (stdout)', which `leaksOf` reads as the runner shows it), stderr, the
 * summary, outputs, exported variables and state, every request to the fake GitHub, SARIF uploads and
 * comments, what it left in RUNNER_TEMP (one of our own, kept after the run), every workspace file
 * it added or changed (.git aside), and every file of every artifact it uploaded.
 */
export async function runBundleCollectingBytes(
  options: RunBundledActionOptions & { github: FakeGitHub; artifacts: FakeArtifactService },
): Promise<{ run: BundledActionRun; bytes: Map<string, string> }> {
  const before = new Map<string, string>();
  readTree(options.workspace, before, skipGit);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'gatehouse-leak-bundle-temp-'));
  const run = await runBundledAction({ ...options, env: { ...options.env, RUNNER_TEMP: runnerTemp } });
  const { github, artifacts } = options;
  const bytes = new Map<string, string>([
    ['log (stdout)', run.stdout],
    ['stderr', run.stderr],
    ['job summary', run.summary],
    ['step outputs', JSON.stringify(run.outputs)],
    ['exported environment and state', JSON.stringify([run.exportedEnv, run.state])],
    ['requests to GitHub', JSON.stringify(github.requests)],
    ['SARIF uploads', JSON.stringify(github.state.sarifUploads)],
    ['comments', JSON.stringify(github.state.comments)],
  ]);
  readTree(runnerTemp, bytes);
  const after = new Map<string, string>();
  readTree(options.workspace, after, skipGit);
  for (const [path, content] of after) if (before.get(path) !== content) bytes.set(`workspace ${path}`, content);
  for (const artifact of artifacts.artifacts) {
    for (const [path, content] of await unzipInMemory(artifact.content)) bytes.set(`artifact ${artifact.name}/${path}`, content.toString('latin1'));
  }
  return { run, bytes };
}
