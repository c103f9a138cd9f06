// The inputs and outputs tables of the README and of docs/actions/deps-audit.md are action.yml's, and
// the common inputs are declared exactly as every scanning action declares them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanActionInputManifest } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
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
  ['docs/actions/deps-audit.md', '../../../docs/actions/deps-audit.md'],
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
  it('declares every input main.ts reads, and nothing it does not', async () => {
    const { depsAuditInputs } = await import('../src/inputs');
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(depsAuditInputs.shape).sort());
  });

  it('declares the common scanning inputs first, with the shared descriptions and defaults', () => {
    const common = Object.keys(scanActionInputManifest);
    expect(Object.keys(manifest.inputs).slice(0, common.length)).toEqual(common);
    for (const [name, declared] of Object.entries(scanActionInputManifest)) expect(manifest.inputs[name]).toEqual(declared);
  });

  it('runs the committed bundle on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
