// Regenerates docs/schema/*.schema.json from the zod schemas. Run: pnpm schema:write
import { writeFileSync, mkdirSync } from 'node:fs';
import { findingJsonSchema, findingsDocumentJsonSchema } from '../packages/findings/src/index';
import { policyJsonSchema } from '../packages/policy/src/index';

const dir = new URL('../docs/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
const write = (name: string, schema: unknown) =>
  writeFileSync(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
write('finding.schema.json', findingJsonSchema());
write('findings.schema.json', findingsDocumentJsonSchema());
write('policy.schema.json', policyJsonSchema());
console.log('wrote docs/schema/finding.schema.json and findings.schema.json');
