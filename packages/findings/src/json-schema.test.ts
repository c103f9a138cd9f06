import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingJsonSchema, findingsDocumentJsonSchema } from './json-schema';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../docs/schema/${name}`, import.meta.url), 'utf8'));

describe('exported JSON Schemas', () => {
  it('docs/schema/finding.schema.json matches the zod schema (run `pnpm schema:write` when this fails)', () => {
    expect(read('finding.schema.json')).toEqual(findingJsonSchema());
  });

  it('docs/schema/findings.schema.json matches the zod schema (run `pnpm schema:write` when this fails)', () => {
    expect(read('findings.schema.json')).toEqual(findingsDocumentJsonSchema());
  });
});
