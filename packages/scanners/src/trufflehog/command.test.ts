import { describe, expect, it } from 'vitest';
import { interpretExit } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { TRUFFLEHOG_EXIT_CODES, trufflehogCommand } from './command';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const COMMON = ['--json', '--no-update', '--fail', '--results=verified,unknown,unverified'];
const options = (extra: Partial<RunOptions> = {}): RunOptions => ({ executable: '/tools/trufflehog', workspace: '/ws', targets: [], reportPath: '/run/th.jsonl', mode: 'history', ...extra });

describe('the trufflehog command (3.x)', () => {
  it('scans base..head of the local repository', () => {
    expect(trufflehogCommand(options({ gitRange: `${BASE}..${HEAD}` }))).toEqual({
      executable: '/tools/trufflehog',
      args: ['git', 'file:///ws', '--since-commit', BASE, '--branch', HEAD, ...COMMON],
      cwd: '/ws',
    });
  });

  it('scans all history without a range, files in full mode, an image in image mode', () => {
    expect(trufflehogCommand(options()).args).toEqual(['git', 'file:///ws', ...COMMON]);
    expect(trufflehogCommand(options({ mode: 'full', targets: ['src', '-odd-name'] })).args).toEqual(['filesystem', ...COMMON, 'src', './-odd-name']);
    expect(trufflehogCommand(options({ mode: 'image', image: 'shop:1.2' })).args).toEqual(['docker', '--image=shop:1.2', ...COMMON]);
  });

  it('turns verification off only when asked', () => {
    expect(trufflehogCommand(options({ extraArgs: ['--no-verification'] })).args).toContain('--no-verification');
    expect(trufflehogCommand(options()).args).not.toContain('--no-verification');
  });

  it('refuses ranges it cannot express, and modes it does not have', () => {
    expect(() => trufflehogCommand(options({ gitRange: `${HEAD} ^${BASE} ^${'c'.repeat(40)}` }))).toThrow(/base\.\.head range/);
    expect(() => trufflehogCommand(options({ mode: 'staged' }))).toThrow(/no staged mode/);
  });

  it('reads 0 as clean, 183 (--fail) as found, and anything else as a failure', () => {
    const result = (exitCode: number) => ({ command: ['trufflehog'], exitCode, signal: null, stdout: Buffer.alloc(0), stderr: 'error: x\n', durationMs: 1 });
    expect(interpretExit(result(0), TRUFFLEHOG_EXIT_CODES)).toBe('clean');
    expect(interpretExit(result(183), TRUFFLEHOG_EXIT_CODES)).toBe('findings');
    expect(() => interpretExit(result(1), TRUFFLEHOG_EXIT_CODES)).toThrow(/trufflehog failed/);
  });
});
