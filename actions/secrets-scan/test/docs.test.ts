// The inputs and outputs tables of the README and of docs/actions/secrets-scan.md are action.yml's,
// and the common inputs are declared exactly as every scanning action declares them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanActionInputManifest } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { secretsScanInputs } from '../src/inputs';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  runs: { using: string; main: string };
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
  ['docs/actions/secrets-scan.md', '../../../docs/actions/secrets-scan.md'],
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
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(secretsScanInputs.shape).sort());
  });

  it('declares the common scanning inputs first, with the runtime\u2019s names, defaults and descriptions', () => {
    const common = Object.entries(scanActionInputManifest).map(([name, input]) => [name, { description: input.description, default: input.default }]);
    expect(Object.entries(manifest.inputs).slice(0, common.length)).toEqual(common);
  });

  it('runs the committed bundle on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares the notification channel inputs with policy-gate\u2019s names, defaults and descriptions', () => {
    const gate = parse(read('../../policy-gate/action.yml')) as typeof manifest;
    // notify-issue differs only in the label an incident's issue carries.
    for (const name of ['slack-webhook-url', 'webhook-url', 'webhook-secret', 'smtp-url', 'email-from', 'email-to']) {
      expect(manifest.inputs[name], name).toEqual(gate.inputs[name]);
    }
    expect(manifest.inputs['notify-issue']!.default).toBe(gate.inputs['notify-issue']!.default);
  });
});
