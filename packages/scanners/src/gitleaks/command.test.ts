import { describe, expect, it } from 'vitest';
import { interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { gitleaksLogOpts, revisionArgs } from '../git/revision-args';
import { GITLEAKS_EXIT_CODES, gitleaksCommand } from './command';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  executable: '/tools/gitleaks',
  workspace: '/ws',
  targets: ['.git'],
  reportPath: '/run/gitleaks.json',
  mode: 'history',
  configPath: '/run/work/gitleaks.toml',
  workDir: '/run/work',
  ...extra,
});
const COMMON = ['--config', '/run/work/gitleaks.toml', '--report-format', 'json', '--report-path', '/run/gitleaks.json', '--exit-code', '99', '--gitleaks-ignore-path', '/run/work', '--no-banner', '--no-color'];

describe('the gitleaks command (8.19+)', () => {
  it('scans a pull request as exactly base..head with --log-opts, on the git directory', () => {
    const gitRange = gitleaksLogOpts({ kind: 'commits', include: [HEAD], exclude: [BASE] });
    expect(gitleaksCommand(options({ gitRange }))).toEqual({
      executable: '/tools/gitleaks',
      args: ['git', `--log-opts=${BASE}..${HEAD}`, ...COMMON, '.git'],
      cwd: '/ws',
      reportPath: '/run/gitleaks.json',
    });
  });

  it('passes a force-push range (one tip, several excluded commits) as one --log-opts value', () => {
    const others = ['c'.repeat(40), 'd'.repeat(40)];
    const gitRange = revisionArgs({ kind: 'commits', include: [HEAD], exclude: others }).join(' ');
    expect(gitleaksCommand(options({ gitRange })).args[1]).toBe(`--log-opts=${HEAD} ^${others[0]} ^${others[1]}`);
  });

  it("scans all history with gitleaks' own default (--all --full-history) when there is no range", () => {
    expect(gitleaksCommand(options()).args).toEqual(['git', ...COMMON, '.git']);
  });

  it('checks staged changes with git --staged, and files with dir', () => {
    expect(gitleaksCommand(options({ mode: 'staged', targets: [] })).args).toEqual(['git', '--staged', ...COMMON, '.']);
    expect(gitleaksCommand(options({ mode: 'full', targets: [] })).args).toEqual(['dir', ...COMMON, '.']);
  });

  it('never asks gitleaks to redact or to print findings', () => {
    for (const mode of ['history', 'staged', 'full'] as const) {
      const args = gitleaksCommand(options({ mode })).args;
      expect(args.some((a) => a.startsWith('--redact') || a === '-v' || a === '--verbose')).toBe(false);
    }
  });

  it('refuses a range that is not made of commit ids', () => {
    expect(() => gitleaksCommand(options({ gitRange: `${BASE}..${HEAD} --output=/tmp/x` }))).toThrow(/unsafe git revision argument/);
    expect(() => gitleaksCommand(options({ gitRange: 'main..feature' }))).toThrow(/unsafe git revision argument/);
  });

  it('needs prepare first (the config is written there)', () => {
    expect(() => gitleaksCommand(options({ configPath: undefined }))).toThrow(/prepare must run before command/);
  });

  it('has no image or sbom mode', () => {
    expect(() => gitleaksCommand(options({ mode: 'image' }))).toThrow(/no image mode/);
  });

  it('reads 0 as clean, 99 as leaks found, and 1 (gitleaks failing) as a failure', () => {
    const result = (exitCode: number) => ({ command: ['gitleaks'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: 'FTL failed to scan Git repository\n', durationMs: 1 });
    expect(interpretExit(result(0), GITLEAKS_EXIT_CODES)).toBe('clean');
    expect(interpretExit(result(99), GITLEAKS_EXIT_CODES)).toBe('findings');
    expect(() => interpretExit(result(1), GITLEAKS_EXIT_CODES)).toThrow(/gitleaks failed.*last stderr line: FTL failed to scan Git repository/);
    expect(() => interpretExit(result(126), GITLEAKS_EXIT_CODES)).toThrow(/refused an option/);
  });
});
