// Regenerates docs/schema/*.schema.json from the zod schemas. Run: pnpm schema:write
// Each file has a staleness test next to the schema it comes from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { findingJsonSchema, findingsDocumentJsonSchema } from '../packages/findings/src/index';
import { policyJsonSchema } from '../packages/policy/src/index';
import { auditEventJsonSchema, complianceJsonSchema } from '../packages/report/src/index';

const dir = new URL('../docs/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
const schemas: Record<string, unknown> = {
  'finding.schema.json': findingJsonSchema(),
  'findings.schema.json': findingsDocumentJsonSchema(),
  'policy.schema.json': policyJsonSchema(),
  'compliance.schema.json': complianceJsonSchema(),
  'audit-event.schema.json': auditEventJsonSchema(),
};
for (const [name, schema] of Object.entries(schemas)) writeFileSync(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${Object.keys(schemas).map((n) => `docs/schema/${n}`).join(', ')}`);
