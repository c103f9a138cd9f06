// Every action has a README.md and a docs/actions/<name>.md whose inputs and outputs tables are exactly
// what scripts/action-docs.ts generates from its action.yml (run `npx tsx scripts/action-docs.ts` to fix).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionNames, documentationPages, inputsTable, outputsTable, readManifest, withGeneratedTables } from '../../scripts/action-docs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const actions = actionNames(root);

describe('action documentation', () => {
  it('finds the actions', () => {
    expect(actions).toContain('policy-gate');
  });

  describe.each(actions)('%s', (action) => {
    const manifest = readManifest(root, action);
    it.each(documentationPages(action))('%s exists and its tables match action.yml', (page) => {
      const path = join(root, page);
      expect(existsSync(path), `${page} is missing`).toBe(true);
      const markdown = readFileSync(path, 'utf8');
      expect(withGeneratedTables(markdown, manifest, page)).toBe(markdown);
    });

    it('is linked from docs/actions/README.md', () => {
      expect(readFileSync(join(root, 'docs/actions/README.md'), 'utf8')).toContain(`(${action}.md)`);
    });
  });
});

describe('the table generator', () => {
  const manifest = {
    inputs: { token: { description: 'The token | with a pipe', default: '${{ github.token }}' }, image: { description: 'An image.', required: true } },
    outputs: { verdict: { description: 'pass or block.' } },
  };

  it('escapes pipes and marks required inputs without a default', () => {
    expect(inputsTable(manifest)).toContain('| `token` | `${{ github.token }}` | The token \\| with a pipe |');
    expect(inputsTable(manifest)).toContain('| `image` | required | An image. |');
    expect(outputsTable(manifest)).toContain('| `verdict` | pass or block. |');
  });

  it('notices a page whose table lost an input', () => {
    const page = `# x\n\n${inputsTable({ inputs: { token: manifest.inputs.token } })}\n\n${outputsTable(manifest)}\n`;
    expect(withGeneratedTables(page, manifest, 'x.md')).not.toBe(page);
  });

  it('refuses a page with no inputs table', () => {
    expect(() => withGeneratedTables('# nothing here\n', manifest, 'x.md')).toThrow(/x\.md: no table/);
  });
});
