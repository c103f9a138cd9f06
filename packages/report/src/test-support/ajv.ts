import { Ajv2020 } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';

/** ajv for draft 2020-12 with formats (uri, date-time, ...), as the official schemas need. */
export function createAjv(options: { validateSchema?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false, strict: false, validateSchema: options.validateSchema ?? true });
  // ajv-formats ships CommonJS; imported from ESM its function may sit on `default`.
  const module = addFormatsModule as unknown as { default?: unknown };
  const addFormats = (module.default ?? addFormatsModule) as (ajv: Ajv2020) => void;
  addFormats(ajv);
  return ajv;
}
