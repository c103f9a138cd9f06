// action.yml declares what main.ts reads.
// (The inputs and outputs tables of the README and docs page are checked for every action by tests/docs/action-docs.test.ts.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};

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
