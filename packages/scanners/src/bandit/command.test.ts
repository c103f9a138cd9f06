import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { banditAdapter } from './index';
import { banditConfigFromPyproject } from './pyproject-config';

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/usr/bin/bandit',
  workspace: '/ws',
  targets: ['apps', 'config'],
  reportPath: '/tmp/run/bandit.json',
  mode: 'full',
  ...extra,
});

describe('the bandit command', () => {
  it('runs bandit recursively on the configured paths with a JSON report file', () => {
    const cmd = banditAdapter.command!(options());
    expect(cmd).toEqual({
      executable: '/usr/bin/bandit',
      args: ['-r', 'apps', 'config', '-f', 'json', '-o', '/tmp/run/bandit.json', '-q', '--ignore-nosec', '-x', '*/.git/*,*/.gatehouse/*,*/node_modules/*,*/.venv/*,*/.tox/*,*/__pycache__/*'],
      cwd: '/ws',
      reportPath: '/tmp/run/bandit.json',
    });
  });

  it('scans the workspace when no path is configured, and passes a config file', () => {
    const cmd = banditAdapter.command!(options({ targets: [], configPath: '/tmp/run/bandit-config.yaml' }));
    expect(cmd.args.slice(0, 2)).toEqual(['-r', '.']);
    expect(cmd.args.slice(-2)).toEqual(['-c', '/tmp/run/bandit-config.yaml']);
  });

  it('reads exit 0 as clean, 1 as issues found, anything else as a failure', () => {
    const result = (exitCode: number) => ({ command: ['bandit'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: 'ERROR\tconfig invalid\n', durationMs: 1 });
    expect(interpretExit(result(0), banditAdapter.exitCodes!)).toBe('clean');
    expect(interpretExit(result(1), banditAdapter.exitCodes!)).toBe('findings');
    expect(() => interpretExit(result(2), banditAdapter.exitCodes!)).toThrow(/exited with code 2; bandit refused its arguments or configuration/);
    expect(() => interpretExit(result(3), banditAdapter.exitCodes!)).toThrow(/exited with code 3/);
  });
});

describe('[tool.bandit] in pyproject.toml', () => {
  const workspace = () => mkdtempSync(join(tmpdir(), 'gh-bandit-ws-'));

  it('is translated into a config file bandit 1.6 can read', async () => {
    const ws = workspace();
    const workDir = mkdtempSync(join(tmpdir(), 'gh-bandit-run-'));
    writeFileSync(
      join(ws, 'pyproject.toml'),
      '[project]\nname = "demo"\n\n[tool.bandit]\nexclude_dirs = ["tests", "migrations"]\nskips = ["B101"]\n\n[tool.bandit.assert_used]\nskips = ["*_test.py"]\n',
    );
    const prepared = await banditAdapter.prepare!(options({ workspace: ws, workDir }));
    expect(prepared.configPath).toBe(join(workDir, 'bandit-config.yaml'));
    expect(JSON.parse(readFileSync(prepared.configPath!, 'utf8'))).toEqual({
      exclude_dirs: ['tests', 'migrations'],
      skips: ['B101'],
      assert_used: { skips: ['*_test.py'] },
    });
  });

  it('leaves the run alone when pyproject.toml has no [tool.bandit]', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'pyproject.toml'), '[project]\nname = "demo"\n');
    expect(await banditAdapter.prepare!(options({ workspace: ws }))).toEqual(options({ workspace: ws }));
  });

  it('passes a YAML config through untouched', async () => {
    const opts = options({ configPath: '/ws/.bandit.yaml' });
    expect(await banditAdapter.prepare!(opts)).toBe(opts);
  });

  it('says file, line and column of a TOML syntax error', () => {
    expect(() => banditConfigFromPyproject('[tool.bandit]\nskips = ["B101"\n', 'pyproject.toml')).toThrow(/^pyproject\.toml:\d+:\d+: /);
  });

  it('refuses options of the wrong type with a ConfigurationError', () => {
    expect(() => banditConfigFromPyproject('[tool.bandit]\nskips = "B101"\n', 'pyproject.toml')).toThrow(ConfigurationError);
  });

  it('refuses a given TOML file without the table', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'bandit.toml'), '[tool.other]\nx = 1\n');
    await expect(banditAdapter.prepare!(options({ workspace: ws, configPath: join(ws, 'bandit.toml') }))).rejects.toThrow(/no \[tool\.bandit\] table/);
  });
});
