import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from './load/parse-policy';
import { policyJsonSchema } from './policy-json-schema';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The complete example in docs/policy.md, between its markers. */
function documentedExample(): string {
  const doc = read('docs/policy.md');
  const block = /<!-- policy-example:start -->\s*```yaml\n([\s\S]*?)```\s*<!-- policy-example:end -->/.exec(doc);
  if (!block) throw new Error('docs/policy.md lost its policy-example markers');
  return block[1]!;
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(policyJsonSchema());
}

describe('policy JSON Schema', () => {
  it('docs/schema/policy.schema.json matches the zod schema (run `pnpm schema:write` when this fails)', () => {
    expect(JSON.parse(read('docs/schema/policy.schema.json'))).toEqual(policyJsonSchema());
  });

  it('accepts the complete example of docs/policy.md, which the loader accepts too', () => {
    const text = documentedExample();
    const validate = validator();
    expect(validate(parseYaml(text)), JSON.stringify(validate.errors)).toBe(true);
    const { policy } = parsePolicy(text, 'docs/policy.md');
    expect(policy.exceptions).toHaveLength(2);
    expect(policy.notifications.channels.map((c) => c.kind)).toEqual(['slack', 'email', 'webhook', 'github-issue']);
  });

  it('refuses the twenty-mistake file too', () => {
    const validate = validator();
    expect(validate(parseYaml(readFileSync(new URL('./load/__fixtures__/twenty-mistakes.yml', import.meta.url), 'utf8')))).toBe(false);
  });
});
