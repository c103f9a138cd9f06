import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';

let validator: ValidateFunction | undefined;

export const VENDORED_SARIF_SCHEMA = new URL('../../schemas/sarif-schema-2.1.0.json', import.meta.url);

/** Validates against the official SARIF 2.1.0 schema; returns ajv's errors as readable lines. */
export function sarifSchemaErrors(sarif: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(VENDORED_SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
    // The official file has one quirk ajv refuses when checking the schema itself: an `anyOf` array
    // inside region's `properties` (meant one level up). Validators GitHub uses skip that check; so do we.
    const ajv = new Ajv2020({ allErrors: false, strict: false, validateSchema: false });
    // ajv-formats ships CommonJS; under ESM its function is the default export's default.
    const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
      a: Ajv2020,
    ) => void;
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  if (validator(sarif)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}
