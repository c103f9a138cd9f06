import type { Logger } from '@gatehouse/findings';
import { createDefaultRegistry, secretlintRunnerPath } from '@gatehouse/scanners';
import { detectMode, findOnPath, readToolVersion, resolveTool, type ResolvedTool } from '@gatehouse/toolchain';

export interface ResolveEngineOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/**
 * The executable an engine runs with inside an action. secretlint is the runner bundle shipped next
 * to the action's dist/index.js (declared in the action's build.json); engines built into Gatehouse
 * run in-process; npm audit is a command of the runner's own npm (the one `actions/setup-node` or
 * the image put on PATH: npm audit asks the registry, its version does not decide what is found);
 * every other engine is the pinned, checksum-verified build from the toolchain (downloaded into the
 * runner's tool cache). Anything that prevents it is `incomplete` with the cause.
 */
export async function resolveEngineExecutable(engine: string, options: ResolveEngineOptions): Promise<ResolvedTool> {
  const env = options.env ?? process.env;
  if (engine === 'secretlint') {
    try {
      return { status: 'available', engine, path: secretlintRunnerPath(env), version: 'bundled', source: 'path' };
    } catch (error) {
      return { status: 'incomplete', engine, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  if (engine === 'npm-audit') return runnerNpm(env);
  const registry = createDefaultRegistry();
  if (registry.has(engine) && registry.get(engine).runInProcess) {
    return { status: 'available', engine, path: 'in-process', version: 'built-in', source: 'path' };
  }
  return resolveTool(engine, { mode: detectMode(env), env, logger: options.logger });
}

async function runnerNpm(env: NodeJS.ProcessEnv): Promise<ResolvedTool> {
  const engine = 'npm-audit';
  const npm = await findOnPath('npm', env.PATH);
  if (!npm) return { status: 'incomplete', engine, reason: 'npm-audit: npm is not on PATH (npm audit is part of npm; use actions/setup-node or an image with Node.js)' };
  try {
    return { status: 'available', engine, path: npm, version: await readToolVersion(npm, ['--version']), source: 'path' };
  } catch (error) {
    return { status: 'incomplete', engine, reason: `npm-audit: \`${npm} --version\` failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
