import { listWorkspaceFiles } from '@gatehouse/pipeline';
import {
  planDeps,
  planSast,
  planSecrets,
  planStagedSecretsScan,
  presentSecretsConfigFiles,
  type EngineInvocation,
  type ScanPlan,
} from '@gatehouse/scanners';
import { detectMode, resolveTool } from '@gatehouse/toolchain';

export interface LocalPlanOptions {
  workspace: string;
  /** Only the staged changes (pre-commit): secrets only. */
  staged?: boolean;
  /** An OSV export (directory or all.zip) for the offline dependency engine. */
  osvDatabase?: string;
}

export interface LocalPlan extends ScanPlan {
  /** Engines a plan says cannot run completely (e.g. a history range with missing commits). */
  incomplete: { engine: string; reason: string }[];
}

async function installed(engine: string): Promise<boolean> {
  const resolved = await resolveTool(engine, { mode: detectMode(), allowDownload: false });
  return resolved.status === 'available';
}

/**
 * What `gatehouse scan` runs on a laptop: the secrets, SAST and dependency plans the actions use,
 * for the working tree as it is (no git range). Engines that are not installed are listed as not-run
 * by the plans or by the runner; the bundled secretlint and the built-in engines always run.
 */
export async function planLocalScan(options: LocalPlanOptions): Promise<LocalPlan> {
  const { workspace } = options;
  const trustedFiles = presentSecretsConfigFiles(workspace);
  if (options.staged) {
    const staged = planStagedSecretsScan({ workspace, gitleaksInstalled: await installed('gitleaks'), trustedFiles });
    return { ...staged, incomplete: staged.incomplete ?? [] };
  }
  const { files } = listWorkspaceFiles(workspace);
  const secrets = planSecrets({
    workspace,
    runtime: 'local',
    target: { kind: 'files' },
    trustedFiles,
    available: { gitleaks: await installed('gitleaks'), 'detect-secrets': await installed('detect-secrets'), trufflehog: false },
    engines: { trufflehog: 'off' },
  });
  const sast = planSast({ event: 'local', workspace, files });
  const osvExport = options.osvDatabase ?? process.env.GATEHOUSE_OSV_DB;
  const deps = planDeps({ workspace, event: { kind: 'local' }, files, inputs: { ...(osvExport ? { osvExport } : {}) } });
  if (!osvExport) {
    // On a laptop a missing database means the engine is not run (listed), not that the scan failed.
    const offline = deps.invocations.filter((i) => i.engine === 'osv-offline');
    deps.invocations = deps.invocations.filter((i) => i.engine !== 'osv-offline');
    deps.notes = deps.notes.filter((n) => !n.startsWith('osv-offline has no OSV export'));
    if (offline.length) deps.notRun.push({ engine: 'osv-offline', reason: 'no OSV export given (--osv-db PATH or GATEHOUSE_OSV_DB: a directory of OSV records or an osv.dev all.zip)' });
  }
  const plans = [secrets, sast, deps];
  return {
    invocations: plans.flatMap((p) => p.invocations as EngineInvocation[]),
    notRun: plans.flatMap((p) => p.notRun),
    notes: plans.flatMap((p) => p.notes),
    incomplete: secrets.incomplete ?? [],
  };
}
