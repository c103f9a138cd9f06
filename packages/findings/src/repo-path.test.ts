import { describe, expect, it } from 'vitest';
import { toRepoPath } from './repo-path';

const ws = '/home/runner/work/app/app';

describe('repository-relative paths', () => {
  it.each([
    ['.\\app\\x.py', 'app/x.py'],
    ['./x', 'x'],
    ['././src//a.ts', 'src/a.ts'],
    ['/home/runner/work/app/app/src/main.py', 'src/main.py'],
    ['file:///home/runner/work/app/app/src/a%20b.py', 'src/a b.py'],
    ['src/app.py\r', 'src/app.py'],
    ['dir/../other/file.js', 'other/file.js'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(toRepoPath(raw, ws)).toEqual({ ok: true, path: expected });
  });

  it('understands Windows workspaces and drive letters', () => {
    expect(toRepoPath('C:\\workspace\\app\\x.py', 'c:\\workspace')).toEqual({ ok: true, path: 'app/x.py' });
  });

  it.each(['/etc/passwd', '../../etc/passwd', 'a/../../b', '/home/runner/work/app/app-other/x', 'C:\\other\\x'])(
    'refuses %j, which leaves the workspace',
    (raw) => {
      expect(toRepoPath(raw, ws).ok).toBe(false);
    },
  );

  it('refuses empty paths and the workspace itself', () => {
    expect(toRepoPath('', ws).ok).toBe(false);
    expect(toRepoPath('.', ws).ok).toBe(false);
    expect(toRepoPath(ws, ws).ok).toBe(false);
  });
});
