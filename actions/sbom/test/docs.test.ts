// The inputs and outputs tables of the README and of docs/actions/sbom.md are action.yml's, and
// action.yml declares the common scanning inputs exactly as every scanning action does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanActionInputManifest } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sbomInputs } from '../src/inputs';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};

/** Rows of the Markdown table whose header starts with `| <first> |`, as arrays of cells. */
function table(markdown: string, first: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|')));
  }
  return rows;
}

const expectedInputs = Object.entries(manifest.inputs).map(([name, input]) => [`\`${name}\``, input.default === '' ? '`""`' : `\`${input.default}\``, input.description]);
const expectedOutputs = Object.entries(manifest.outputs).map(([name, output]) => [`\`${name}\``, output.description]);

describe.each([
  ['README.md', '../README.md'],
  ['docs/actions/sbom.md', '../../../docs/actions/sbom.md'],
])('%s', (_name, path) => {
  const markdown = read(path);

  it('lists every input of action.yml with its default and description, in order', () => {
    expect(table(markdown, 'Input')).toEqual(expectedInputs);
  });

  it('lists every output of action.yml with its description, in order', () => {
    expect(table(markdown, 'Output')).toEqual(expectedOutputs);
  });
});

describe('action.yml', () => {
  it('declares every input main.ts reads, and nothing it does not', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(sbomInputs.shape).sort());
  });

  it('declares the common scanning inputs with their shared defaults and descriptions', () => {
    for (const [name, common] of Object.entries(scanActionInputManifest)) expect(manifest.inputs[name]).toEqual(common);
  });

  it('declares the outputs every scanning action sets, then its own', () => {
    expect(Object.keys(manifest.outputs)).toEqual(['verdict', 'blocking-count', 'counts', 'findings-file', 'sarif-file', 'report-dir', 'sbom-file', 'spdx-file', 'findings-artifact', 'dependency-track', 'dependency-graph']);
  });
});

describe('res/schema', () => {
  it('holds exactly the CycloneDX library\'s JSON schema files, which the bundled validator reads', async () => {
    const { createRequire } = await import('node:module');
    const { readdirSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const library = join(dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library')), '..', 'res', 'schema');
    const committed = fileURLToPath(new URL('../res/schema/', import.meta.url));
    const names = readdirSync(library).filter((f) => f.endsWith('.schema.json')).sort();
    expect(readdirSync(committed).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(committed, name), 'utf8'), name).toBe(readFileSync(join(library, name), 'utf8'));
  });
});
