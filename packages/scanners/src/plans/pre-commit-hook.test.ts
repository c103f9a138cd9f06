import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The repository root's .pre-commit-hooks.yaml, checked against pre-commit's hook manifest format:
 * a list of hooks, each with the required id, name, entry and language. The file is one flat
 * mapping, so it is read line by line (no YAML library in this package).
 */
const manifest = readFileSync(new URL('../../../../.pre-commit-hooks.yaml', import.meta.url), 'utf8');

function hooks(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const line of manifest.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^- (\w+): (.*)$/.exec(line);
    const field = /^ {2}(\w+): (.*)$/.exec(line);
    if (item) out.push({ [item[1]!]: item[2]! });
    else if (field && out.length > 0) out.at(-1)![field[1]!] = field[2]!;
    else throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${line}`);
  }
  return out;
}

const KNOWN_FIELDS = ['id', 'name', 'entry', 'language', 'description', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'always_run', 'fail_fast', 'verbose', 'pass_filenames', 'require_serial', 'language_version', 'minimum_pre_commit_version', 'args', 'stages'];

describe('the published pre-commit hook', () => {
  it('declares gatehouse-secrets as pre-commit requires, running `gatehouse scan --staged` once per commit through the bootstrapping script', () => {
    const [hook, ...others] = hooks();
    expect(others).toEqual([]);
    expect(hook).toEqual({
      id: 'gatehouse-secrets',
      name: 'Gatehouse secret scan',
      description: expect.any(String),
      entry: 'scripts/pre-commit-hook.mjs',
      language: 'script',
      pass_filenames: 'false',
      require_serial: 'true',
      stages: '[pre-commit]',
      minimum_pre_commit_version: "'3.2.0'",
    });
    for (const field of Object.keys(hook!)) expect(KNOWN_FIELDS, field).toContain(field);
  });

  it('has an executable entry script that bootstraps the clone and runs the staged scan', async () => {
    const { statSync } = await import('node:fs');
    const entry = new URL('../../../../scripts/pre-commit-hook.mjs', import.meta.url);
    expect(statSync(entry).mode & 0o111).not.toBe(0);
    const script = readFileSync(entry, 'utf8');
    expect(script.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(script).toContain('scripts/bootstrap.mjs');
    expect(script).toContain("'scan', '--staged'");
  });
});
