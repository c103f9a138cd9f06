import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv } from '@gatehouse/report/test-support/ajv';
import { sarifSchemaErrors } from '@gatehouse/report/test-support/sarif-schema';
import { OFFICIAL_SARIF_SCHEMA, REPO_ROOT } from './shared-fixtures';

let findingsValidator: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;
let officialSarifValidator: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Errors of findings.json against the exported docs/schema/findings.schema.json. */
export function findingsJsonErrors(document: unknown): string[] {
  findingsValidator ??= createAjv().compile(JSON.parse(readFileSync(join(REPO_ROOT, 'docs/schema/findings.schema.json'), 'utf8')));
  if (findingsValidator(document)) return [];
  return (findingsValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Errors of a SARIF log against the official schema in ../shared/schemas (the vendored copy when absent). */
export function officialSarifErrors(sarif: unknown): string[] {
  if (!existsSync(OFFICIAL_SARIF_SCHEMA)) return sarifSchemaErrors(sarif);
  officialSarifValidator ??= createAjv({ validateSchema: false }).compile(JSON.parse(readFileSync(OFFICIAL_SARIF_SCHEMA, 'utf8')));
  if (officialSarifValidator(sarif)) return [];
  return (officialSarifValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
