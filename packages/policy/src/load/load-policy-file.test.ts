import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { defaultPolicy } from '../schema/presets';
import { loadPolicyFile } from './load-policy-file';
import { PolicyValidationError } from './policy-error';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-policy-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('loadPolicyFile', () => {
  it('gives the built-in defaults, reported as such, when the file does not exist', () => {
    const path = join(dir, 'absent.yml');
    const loaded = loadPolicyFile(path);
    expect(loaded.policy).toEqual(defaultPolicy());
    expect(loaded.source).toEqual({ kind: 'builtin', preset: 'default', reason: `no policy file at ${path}; using the built-in default policy` });
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the built-in defaults when no path is given', () => {
    expect(loadPolicyFile(undefined).source).toMatchObject({ kind: 'builtin', reason: expect.stringContaining('no policy file given') });
  });

  it('reads a file', () => {
    const loaded = loadPolicyFile(write('ok.yml', 'version: 1\nrules: { block: critical }\n'));
    expect(loaded.policy.rules.block).toBe('critical');
    expect(loaded.source).toEqual({ kind: 'file', path: join(dir, 'ok.yml') });
  });

  it('names the file in validation errors', () => {
    const path = write('bad.yml', 'version: 1\nrules: { block: hihg }\n');
    expect(() => loadPolicyFile(path)).toThrow(PolicyValidationError);
    expect(() => loadPolicyFile(path)).toThrow(`${path}:2:17: rules.block`);
  });

  it('refuses a directory where the file should be (never falls back to defaults)', () => {
    const path = join(dir, 'a-directory.yml');
    mkdirSync(path, { recursive: true });
    expect(() => loadPolicyFile(path)).toThrow(ConfigurationError);
    expect(() => loadPolicyFile(path)).toThrow(/is not a regular file|EISDIR/);
  });

  it('refuses a file over the size cap', () => {
    const path = write('huge.yml', Buffer.alloc(2 * 1024 * 1024 + 1, 0x23));
    expect(() => loadPolicyFile(path)).toThrow(/larger than/);
  });

  it('refuses a file that is not UTF-8 (e.g. UTF-16)', () => {
    const path = write('utf16.yml', Buffer.from('\uFEFFversion: 1\n', 'utf16le'));
    expect(() => loadPolicyFile(path)).toThrow(`${path}: is not valid UTF-8 text`);
  });
});
