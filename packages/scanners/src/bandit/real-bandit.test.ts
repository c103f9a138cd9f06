import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finalizeFindings } from '@gatehouse/findings';
import { interpretExit, runCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { executableOnPath } from '../test-support/executable-on-path';
import { banditAdapter } from './index';

const bandit = executableOnPath('bandit');
const SKIP = bandit ? '' : ' [SKIPPED: bandit is not on PATH; install it with `apt-get install bandit`]';
if (!bandit) console.warn(`real-bandit tests${SKIP}`);

async function scan(setup?: (workspace: string) => void) {
  const workspace = mkdtempSync(join(tmpdir(), 'gh-bandit-real-'));
  const workDir = mkdtempSync(join(tmpdir(), 'gh-bandit-work-'));
  cpSync(new URL('./__fixtures__/insecure-app', import.meta.url), join(workspace, 'app'), { recursive: true });
  setup?.(workspace);
  const opts: RunOptions = { executable: bandit!, workspace, targets: ['app'], reportPath: join(workDir, 'bandit.json'), mode: 'full', workDir };
  const command = banditAdapter.command!(await banditAdapter.prepare!(opts));
  const outcome = interpretExit(await runCommand(command, { timeoutMs: 120_000 }), banditAdapter.exitCodes!);
  const parsed = banditAdapter.parse(readFileSync(opts.reportPath, 'utf8'), { file: 'bandit.json', workspace, salt: 'real-bandit-salt-0123456789' });
  return { outcome, parsed, findings: finalizeFindings(parsed.findings).findings };
}

const at = (f: { ruleId: string; location: { kind: string } & Record<string, unknown>; status: string }) =>
  `${f.ruleId}@${String(f.location.path)}:${String(f.location.startLine)}${f.status === 'suppressed' ? ' (suppressed)' : ''}`;

describe.skipIf(!bandit)(`bandit, for real${SKIP}`, () => {
  it('finds shell=True, eval, md5 and yaml.load on their lines, and keeps # nosec as suppressed', async () => {
    const { outcome, parsed, findings } = await scan();
    expect(outcome).toBe('findings');
    expect(parsed.incomplete).toEqual([]);
    const found = findings.map(at);
    expect(found).toContain('B602@app/insecure.py:9');
    expect(found).toContain('B307@app/insecure.py:13');
    // bandit < 1.7.3 reports hashlib.md5 as B303; later versions as B324.
    expect(found.some((f) => f === 'B303@app/insecure.py:17' || f === 'B324@app/insecure.py:17')).toBe(true);
    expect(found).toContain('B506@app/insecure.py:21');
    expect(found).toContain('B602@app/insecure.py:25 (suppressed)');
    expect(findings.find((f) => f.ruleId === 'B602' && f.status === 'open')).toMatchObject({ severity: 'high', confidence: 'high', category: 'sast' });
  });

  it('honours [tool.bandit] skips from pyproject.toml', async () => {
    const { findings } = await scan((ws) => writeFileSync(join(ws, 'pyproject.toml'), '[tool.bandit]\nskips = ["B307", "B404"]\n'));
    const rules = findings.map((f) => f.ruleId);
    expect(rules).not.toContain('B307');
    expect(rules).not.toContain('B404');
    expect(rules).toContain('B506');
  });

  it('makes the scan incomplete for a file bandit cannot parse, naming it', async () => {
    const { parsed } = await scan((ws) => writeFileSync(join(ws, 'app', 'broken.py'), 'def broken(:\n    pass\n'));
    expect(parsed.incomplete).toEqual([expect.stringMatching(/^bandit could not scan (\.\/)?app\/broken\.py: /)]);
    expect(parsed.findings.length).toBeGreaterThan(0);
  });
});
