import { Ajv2020 } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { readFileSync, writeFileSync } from 'node:fs';

/** A draft 2020-12 validator with formats (date-time), as the exported schemas need. */
export function compileJsonSchema(schema: Record<string, unknown>): (value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv-formats ships CommonJS; imported from ESM its function may sit on `default`.
  const module = addFormatsModule as unknown as { default?: unknown };
  const addFormats = (module.default ?? addFormatsModule) as (ajv: Ajv2020) => void;
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`));
}

const SCHEMA_DIR = new URL('../../../../../docs/schema/', import.meta.url);

/**
 * The committed copy of a schema in docs/schema/. With GATEHOUSE_WRITE_SCHEMAS=1 the current schema is
 * written first (how to refresh them: `GATEHOUSE_WRITE_SCHEMAS=1 npx vitest run packages/report`).
 */
export function committedSchema(name: string, current: Record<string, unknown>): unknown {
  const file = new URL(name, SCHEMA_DIR);
  if (process.env.GATEHOUSE_WRITE_SCHEMAS === '1') writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
