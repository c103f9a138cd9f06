import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { PolicyValidationError } from '@gatehouse/policy';
import { describe, expect, it } from 'vitest';
import type { TrustedFiles } from './trusted-files';
import { loadTrustedPolicy } from './trusted-policy';

function filesOf(files: Record<string, string>): TrustedFiles {
  return {
    description: 'the base commit bbbbbbb',
    ref: 'b'.repeat(40),
    read: async (path) => (Object.hasOwn(files, path) ? { found: true, path, text: files[path]! } : { found: false, path }),
  };
}

const OPENVEX = JSON.stringify({
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/1',
  author: 'Security',
  timestamp: '2026-01-01T00:00:00Z',
  version: 1,
  statements: [{ vulnerability: { name: 'CVE-2020-8203' }, products: [{ '@id': 'pkg:npm/lodash@4.17.15' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
});

describe('loadTrustedPolicy', () => {
  it('reads the policy, the VEX documents and the baseline it names from the trusted source', async () => {
    const policy = await loadTrustedPolicy(
      filesOf({
        '.github/gatehouse.yml': 'version: 1\nvex:\n  documents: [.github/vex.json]\nnewOnly:\n  baselineFile: .github/baseline.json\n',
        '.github/vex.json': OPENVEX,
        '.github/baseline.json': JSON.stringify({ kind: 'gatehouse-baseline', version: 1, createdAt: '2026-01-01T00:00:00Z', findings: [{ id: 'f'.repeat(64) }] }),
      }),
      '.github/gatehouse.yml',
    );
    expect(policy.loaded.source).toEqual({ kind: 'file', path: '.github/gatehouse.yml' });
    expect(policy.vex).toHaveLength(1);
    expect([...policy.baselineIds!]).toEqual(['f'.repeat(64)]);
    expect(policy.description).toBe('.github/gatehouse.yml from the base commit bbbbbbb');
    expect(policy.ref).toBe('b'.repeat(40));
  });

  it('without a policy file uses the built-in defaults and says where it looked', async () => {
    const policy = await loadTrustedPolicy(filesOf({}), '.github/gatehouse.yml');
    expect(policy.loaded.source.kind).toBe('builtin');
    expect(policy.description).toBe('the built-in default policy (no .github/gatehouse.yml in the base commit bbbbbbb)');
    expect(policy.baselineIds).toBeUndefined();
  });

  it('without a policy file uses the preset the action asks for (image-scan: deploy), and a policy file overrides it', async () => {
    const builtin = await loadTrustedPolicy(filesOf({}), '.github/gatehouse.yml', 'deploy');
    expect(builtin.loaded.source).toMatchObject({ kind: 'builtin', preset: 'deploy' });
    expect(builtin.loaded.policy.rules.requireFix).toBe(true);
    expect(builtin.description).toBe('the built-in deploy policy (no .github/gatehouse.yml in the base commit bbbbbbb)');
    const file = await loadTrustedPolicy(filesOf({ '.github/gatehouse.yml': 'version: 1\n' }), '.github/gatehouse.yml', 'deploy');
    expect(file.loaded.source).toEqual({ kind: 'file', path: '.github/gatehouse.yml' });
  });

  it('refuses a policy that does not validate, with file and position', async () => {
    const error = await loadTrustedPolicy(filesOf({ '.github/gatehouse.yml': 'version: 1\nrules:\n  block: hihg\n' }), '.github/gatehouse.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as Error).message).toMatch(/\.github\/gatehouse\.yml:3:\d+/);
  });

  it('refuses to go on when a listed VEX document is missing or unreadable', async () => {
    const policy = 'version: 1\nvex:\n  documents: [.github/vex.json]\n';
    await expect(loadTrustedPolicy(filesOf({ '.github/gatehouse.yml': policy }), '.github/gatehouse.yml')).rejects.toThrow(ConfigurationError);
    await expect(loadTrustedPolicy(filesOf({ '.github/gatehouse.yml': policy }), '.github/gatehouse.yml')).rejects.toThrow(
      'the policy lists the VEX document .github/vex.json, which does not exist in the base commit bbbbbbb',
    );
    await expect(loadTrustedPolicy(filesOf({ '.github/gatehouse.yml': policy, '.github/vex.json': '{"x":' }), '.github/gatehouse.yml')).rejects.toBeInstanceOf(ParseError);
  });

  it('refuses to go on when the baseline file is missing', async () => {
    await expect(loadTrustedPolicy(filesOf({ '.github/gatehouse.yml': 'version: 1\nnewOnly:\n  baselineFile: b.json\n' }), '.github/gatehouse.yml')).rejects.toThrow(
      /baseline b\.json, which does not exist/,
    );
  });
});
