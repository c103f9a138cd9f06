// The common inputs are declared exactly as every scanning action declares them.
// (The inputs and outputs tables of the README and docs page are checked for every action by tests/docs/action-docs.test.ts.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanActionInputManifest } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};

describe('action.yml', () => {
  it('declares every input main.ts reads, and nothing it does not', async () => {
    const { depsAuditInputs } = await import('../src/inputs');
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(depsAuditInputs.shape).sort());
  });

  it('declares the common scanning inputs first, with the shared descriptions and defaults', () => {
    const common = Object.keys(scanActionInputManifest);
    expect(Object.keys(manifest.inputs).slice(0, common.length)).toEqual(common);
    for (const [name, declared] of Object.entries(scanActionInputManifest)) expect(manifest.inputs[name]).toEqual(declared);
  });

});
