// action.yml declares the common scanning inputs exactly as every scanning action does.
// (The inputs and outputs tables of the README and docs page are checked for every action by tests/docs/action-docs.test.ts.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanActionInputManifest } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { imageScanInputs } from '../src/inputs';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};

describe('action.yml', () => {
  it('declares every input main.ts reads, and nothing it does not', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(imageScanInputs.shape).sort());
  });

  it('declares the common scanning inputs with their shared defaults and descriptions', () => {
    for (const [name, common] of Object.entries(scanActionInputManifest)) expect(manifest.inputs[name]).toEqual(common);
  });

  it('declares the outputs every scanning action sets, then its own', () => {
    expect(Object.keys(manifest.outputs)).toEqual(['verdict', 'blocking-count', 'counts', 'findings-file', 'sarif-file', 'report-dir', 'blocked', 'findings-artifact']);
  });
});
