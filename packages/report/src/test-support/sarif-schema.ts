import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020';
import { createAjv } from './ajv';

let validator: ValidateFunction | undefined;

export const VENDORED_SARIF_SCHEMA = new URL('../../schemas/sarif-schema-2.1.0.json', import.meta.url);

/** Validates against the official SARIF 2.1.0 schema; returns ajv's errors as readable lines. */
export function sarifSchemaErrors(sarif: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(VENDORED_SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
    // The official file has one quirk ajv refuses when checking the schema itself: an `anyOf` array
    // inside region's `properties` (meant one level up). The validator codeql-action uses does not
    // check schemas either, so we skip that check and validate documents as it does.
    validator = createAjv({ validateSchema: false }).compile(schema);
  }
  if (validator(sarif)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}
