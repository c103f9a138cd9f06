import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { runScanPlan } from '../../../packages/action-runtime/src/index';
import { MemoryLogger, type FindingsDocument } from '../../../packages/findings/src/index';
import { assembleRun, renderOutputs, runEngine, writeRunOutputs, type EngineOutcome } from '../../../packages/pipeline/src/index';
import { defaultPolicy } from '../../../packages/policy/src/index';
import { AuditLog } from '../../../packages/report/src/index';
import { AdapterRegistry, ALL_ADAPTERS, type EngineInvocation, type ScannerAdapter } from '../../../packages/scanners/src/index';
import type { ResolvedTool } from '../../../packages/toolchain/src/index';
import { ENGINE_SETUPS } from './engine-setups';

/** The healthy engine of every faulted run: the real container-hardening engine on this Dockerfile. */
export const COMPANION_DOCKERFILE = 'FROM python:latest\nRUN pip install flask\nCMD ["python", "app.py"]\n';

/** When the faulted engine is container-hardening itself, a stub bandit printing this report keeps company. */
export const COMPANION_BANDIT_REPORT = JSON.stringify({
  errors: [],
  generated_at: '2026-01-01T00:00:00Z',
  metrics: {},
  results: [
    {
      code: '2 import subprocess\n3 subprocess.call(cmd, shell=True)\n',
      col_offset: 0,
      filename: 'app.py',
      issue_confidence: 'HIGH',
      issue_severity: 'HIGH',
      issue_text: 'subprocess call with shell=True identified, security issue.',
      line_number: 3,
      line_range: [3],
      more_info: 'https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html',
      test_id: 'B602',
      test_name: 'subprocess_popen_with_shell_equals_true',
    },
  ],
});

export interface FaultedScan {
  /** The engine under test. */
  engine: string;
  /** Resolves the faulted engine (the companion is resolved by the harness). */
  resolve: (engine: string) => Promise<ResolvedTool>;
  /** Replaces the faulted engine's adapter (in-process faults). */
  adapter?: ScannerAdapter;
  timeoutMs?: number;
  /** Runs the faulted engine through runEngine with this stdout cap (runScanPlan uses the runner's default cap). */
  outputCapBytes?: number;
  /** Files to add to the workspace (relative path → content). */
  files?: Record<string, string | Buffer>;
  /** Extra options for the faulted engine's invocation. */
  options?: Partial<EngineInvocation['options']>;
}

export interface FaultedScanResult {
  companion: string;
  outDir: string;
  workspace: string;
  document: FindingsDocument;
  findingsJson: FindingsDocument;
  sarif: { runs: { tool: { driver: { name: string } }; results: unknown[] }[] };
  summary: string;
  logs: string;
}

function companionStub(dir: string): string {
  const path = join(dir, 'bandit');
  writeFileSync(path, `#!/bin/sh\nfor a in "$@"; do case "$a" in *gatehouse-*/report) R="$a";; esac; done\ncat > "$R" <<'JSON'\n${COMPANION_BANDIT_REPORT}\nJSON\nexit 1\n`, { mode: 0o755 });
  return path;
}

/**
 * Runs a plan of two engines, the faulted one and a healthy companion, through the same layers an
 * action uses (runScanPlan → runEngine, assembleRun with the default policy, renderOutputs and
 * writeRunOutputs), and reads back what was published.
 */
export async function runFaultedScan(scan: FaultedScan): Promise<FaultedScanResult> {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-fault-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'Dockerfile'), COMPANION_DOCKERFILE);
  writeFileSync(join(workspace, 'app.py'), 'import subprocess\nsubprocess.call(cmd, shell=True)\n');
  const setup = ENGINE_SETUPS[scan.engine] ?? {};
  for (const [name, content] of Object.entries(setup.files ?? {})) {
    mkdirSync(dirname(join(workspace, name)), { recursive: true });
    writeFileSync(join(workspace, name), content);
  }
  for (const [name, content] of Object.entries(scan.files ?? {})) {
    mkdirSync(dirname(join(workspace, name)), { recursive: true });
    writeFileSync(join(workspace, name), content);
  }
  const companion = scan.engine === 'container-hardening' ? 'bandit' : 'container-hardening';
  const companionPath = companion === 'bandit' ? companionStub(root) : 'in-process';
  const adapters = ALL_ADAPTERS.map((a) => (a.id === scan.engine && scan.adapter ? scan.adapter : a));
  const registry = new AdapterRegistry(adapters);
  const faulted: EngineInvocation = {
    engine: scan.engine,
    label: `${scan.engine} under a fault`,
    required: true,
    ...(setup.instance ? { instance: setup.instance } : {}),
    options: {
      workspace,
      targets: [],
      mode: 'full',
      ...setup.options,
      ...(setup.options?.cacheDir ? { cacheDir: resolvePath(workspace, setup.options.cacheDir) } : {}),
      ...scan.options,
    },
  };
  const healthy: EngineInvocation = { engine: companion, label: `${companion} (healthy)`, options: { workspace, targets: [], mode: 'full' } };
  const logger = new MemoryLogger();
  const audit = new AuditLog({ clock: () => new Date('2026-06-01T00:00:00Z') });
  const parse = { workspace, salt: 'reliability-salt' };
  const reportsDir = join(root, 'out', 'reports');
  const resolve = async (engine: string): Promise<ResolvedTool> =>
    engine === companion ? { status: 'available', engine, path: companionPath, version: 'test', source: 'path' } : scan.resolve(engine);

  const outcomes: EngineOutcome[] = [];
  const common = { parse, logger, audit, reportsDir, registry, resolve, timeoutMs: scan.timeoutMs ?? 20_000 };
  if (scan.outputCapBytes) {
    const resolved = await scan.resolve(scan.engine);
    if (resolved.status !== 'available') throw new Error(`over-cap case could not resolve ${scan.engine}`);
    outcomes.push(
      await runEngine({
        adapter: registry.get(scan.engine),
        executable: resolved.path,
        options: faulted.options,
        ...(faulted.instance ? { instance: faulted.instance } : {}),
        limits: { timeoutMs: 20_000, outputCapBytes: scan.outputCapBytes },
        parse,
        logger,
        audit,
      }),
    );
    outcomes.push(...(await runScanPlan({ ...common, plan: { invocations: [healthy], notRun: [], notes: [] } })).outcomes);
  } else {
    outcomes.push(...(await runScanPlan({ ...common, plan: { invocations: [faulted, healthy], notRun: [], notes: [] } })).outcomes);
  }

  const { document } = assembleRun({
    outcomes,
    policy: defaultPolicy(),
    now: new Date('2026-06-01T00:00:00Z'),
    target: { name: 'workspace', kind: 'directory' },
    toolVersion: 'test',
  });
  const outDir = join(root, 'out');
  writeRunOutputs(outDir, renderOutputs(document, { audit }));
  return {
    companion,
    outDir,
    workspace,
    document,
    findingsJson: JSON.parse(readFileSync(join(outDir, 'findings.json'), 'utf8')) as FindingsDocument,
    sarif: JSON.parse(readFileSync(join(outDir, 'results.sarif'), 'utf8')),
    summary: readFileSync(join(outDir, 'summary.md'), 'utf8'),
    logs: logger.text(),
  };
}
