import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finalizeFindings } from '@gatehouse/findings';
import { interpretExit, runCommand } from '@gatehouse/toolchain';
import { planSast } from '../plans/sast';
import { executableOnPath } from '../test-support/executable-on-path';
import { banditAdapter } from './index';

const bandit = executableOnPath('bandit');
const SKIP = bandit ? '' : ' [SKIPPED: bandit is not on PATH]';

const SHELL = 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n';

/**
 * Issue 8: bandit scans the configured paths (`apps/`, `config/`) and honours `[tool.bandit]` in
 * pyproject.toml (here `exclude_dirs`), as the sast plan passes them.
 */
describe.skipIf(!bandit)(`bandit on configured paths, for real${SKIP}`, () => {
  it('scans apps/ and config/ only, without the directories [tool.bandit] excludes', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-bandit-paths-'));
    for (const file of ['apps/api/run.py', 'apps/api/tests/test_run.py', 'config/settings.py', 'scripts/tool.py']) {
      mkdirSync(dirname(join(ws, file)), { recursive: true });
      writeFileSync(join(ws, file), SHELL);
    }
    writeFileSync(join(ws, 'pyproject.toml'), '[tool.bandit]\nexclude_dirs = ["apps/api/tests"]\n');
    const plan = planSast({ event: 'push', workspace: ws, files: ['apps/api/run.py', 'apps/api/tests/test_run.py', 'config/settings.py', 'scripts/tool.py'], bandit: { paths: ['apps/', 'config'] }, semgrep: { enabled: false } });
    const invocation = plan.invocations.find((i) => i.engine === 'bandit')!;
    expect(invocation.options.targets).toEqual(['apps', 'config']);

    const workDir = mkdtempSync(join(tmpdir(), 'gh-bandit-paths-run-'));
    const opts = await banditAdapter.prepare!({ ...invocation.options, executable: bandit!, reportPath: join(workDir, 'bandit.json'), workDir });
    interpretExit(await runCommand(banditAdapter.command!(opts), { timeoutMs: 120_000 }), banditAdapter.exitCodes!);
    const parsed = banditAdapter.parse(readFileSync(opts.reportPath, 'utf8'), { file: 'bandit.json', workspace: ws, salt: 'bandit-paths-salt-0123456789' });
    const files = [...new Set(finalizeFindings(parsed.findings).findings.map((f) => (f.location.kind === 'code' ? f.location.path : '-')))].sort();
    expect(files).toEqual(['apps/api/run.py', 'config/settings.py']);
    expect(parsed.incomplete).toEqual([]);
  });
});
