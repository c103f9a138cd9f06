// The examples the docs show are real: every finding example validates against the exported JSON Schema
// and the zod schema, and every policy file shown in docs/ loads with the policy loader.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../../packages/findings/src/index';
import { parsePolicy } from '../../packages/policy/src/index';
import { createAjv } from '../../packages/report/src/test-support/ajv';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function markdownFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'adr' ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

function fencedBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

const findingExamples = [...read('docs/finding-schema.md').matchAll(/<!-- finding-example:start -->\s*```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/finding-schema.md', () => {
  const validate = createAjv().compile(JSON.parse(read('docs/schema/finding.schema.json')) as object);

  it('shows at least one finding example of a package and one of a secret', () => {
    const kinds = findingExamples.map((text) => (JSON.parse(text) as { category: string }).category);
    expect(kinds).toEqual(expect.arrayContaining(['sca', 'secret']));
  });

  it.each(findingExamples.map((text, index) => [index, text] as const))('example %i validates against finding.schema.json and the zod schema', (_index, text) => {
    const finding = JSON.parse(text) as unknown;
    expect(validate(finding), JSON.stringify(validate.errors)).toBe(true);
    expect(FindingSchema.safeParse(finding).success).toBe(true);
  });

  it('documents every top-level field of the schema', () => {
    const fields = Object.keys((JSON.parse(read('docs/schema/finding.schema.json')) as { properties: object }).properties);
    const page = read('docs/finding-schema.md');
    expect(fields.filter((field) => !page.includes(`\`${field}\``))).toEqual([]);
  });
});

const policyFiles = ['README.md', ...markdownFiles('docs')].flatMap((path) =>
  fencedBlocks(read(path), 'yaml')
    .filter((block) => /^(# \.github\/gatehouse\.yml\n)?version: 1\b/m.test(block) && !/^\s*(on|jobs):/m.test(block))
    .map((block) => [path, block] as const),
);

describe('policy files shown in the README and docs/', () => {
  it('exist (the scan of docs/ found them)', () => {
    expect(policyFiles.map(([path]) => path)).toEqual(expect.arrayContaining(['README.md', 'docs/policy.md', 'docs/cve-policy.md', 'docs/migration.md']));
  });

  it.each(policyFiles)('%s: a policy example loads without a problem', (path, block) => {
    expect(() => parsePolicy(block, path)).not.toThrow();
  });
});
