// The inputs and outputs tables of the README and of docs/actions/override-notify.md are action.yml's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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
  ['docs/actions/override-notify.md', '../../../docs/actions/override-notify.md'],
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
    const { overrideNotifyInputs } = await import('../src/inputs');
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(overrideNotifyInputs.shape).sort());
  });
});

describe('the deploy job snippet', () => {
  it.each([['README.md', '../README.md'], ['docs/actions/override-notify.md', '../../../docs/actions/override-notify.md']])(
    '%s pins every third-party action by full commit SHA and grants least privilege',
    (_name, path) => {
      const markdown = read(path);
      const uses = [...markdown.matchAll(/uses: (\S+)(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);
      const thirdParty = uses.filter(([ref]) => !ref.startsWith('gatehouse-sec/gatehouse/'));
      expect(thirdParty.length).toBeGreaterThan(0);
      for (const [ref, comment] of thirdParty) expect(`${ref}${comment}`).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      expect(markdown).toContain('issues: write');
      expect(markdown).not.toMatch(/write-all|contents: write/);
    },
  );
});

describe('action.yml defaults', () => {
  it('are the defaults main.ts applies', async () => {
    const { overrideNotifyInputs } = await import('../src/inputs');
    const raw = Object.fromEntries(Object.entries(manifest.inputs).map(([name, input]) => [name, input.default === '' ? undefined : input.default]));
    const fromManifest = overrideNotifyInputs.parse({ ...raw, token: 't', decision: 'd' });
    const fromCode = overrideNotifyInputs.parse({ token: 't', decision: 'd' });
    expect(fromManifest).toEqual(fromCode);
  });
});
