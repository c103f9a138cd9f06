import { errorMessage } from '@gatehouse/findings';

/**
 * Validation against the official CycloneDX JSON schema with the CycloneDX library's own validator
 * (@cyclonedx/cyclonedx-library `Validation.JsonStrictValidator`, ajv with the schema files the
 * library ships in `res/schema`, remote schemas disabled).
 *
 * Bundling: the library reads its schema files at run time from `<dir of its code>/../res/schema`
 * (`__dirname`), loads ajv, ajv-formats and ajv-formats-draft2019 with `require`, and requires its
 * optional XML plugin `libxmljs2` (not installed). An ESM bundle must therefore define `__dirname`
 * (the project's banner defines `require` only), ship `res/schema/*.schema.json` one directory above
 * the bundle, and mark `libxmljs2` external (docs/sbom.md, "Bundling"; validate-cyclonedx-bundle.test.ts).
 * The library is loaded on first use, so a bundle without those settings fails validation (as
 * `unknown`, never as valid), not its start.
 */
export type CycloneDxValidation =
  | { valid: true; specVersion: string }
  | { valid: false; specVersion?: string; errors: string[] }
  /** The validator itself could not run (missing schema files or ajv): not a verdict on the SBOM. */
  | { valid: 'unknown'; specVersion?: string; reason: string };

/** The JSON schema versions the library ships (its `Spec.Version` values are these strings). */
const VERSIONS = new Set(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);

interface JsonValidator {
  validate(data: string): Promise<unknown>;
}
type ValidationModule = { JsonStrictValidator: new (version: string) => JsonValidator };

let library: Promise<ValidationModule> | undefined;
function loadValidation(): Promise<ValidationModule> {
  // The CommonJS library arrives as `default` under some loaders, as the module itself under others.
  library ??= import('@cyclonedx/cyclonedx-library/Validation').then((m) => ((m as { default?: ValidationModule }).default ?? m) as ValidationModule);
  return library;
}

const MAX_ERRORS = 20;

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describe(error: AjvError): string {
  const where = error.instancePath || '(document)';
  const extra = error.params && typeof error.params.additionalProperty === 'string' ? ` (${error.params.additionalProperty})` : '';
  return `${where}: ${error.message ?? 'is not valid'}${extra}`.slice(0, 500);
}

const validators = new Map<string, JsonValidator>();

export async function validateCycloneDx(content: string): Promise<CycloneDxValidation> {
  let specVersion: string | undefined;
  try {
    const doc = JSON.parse(content) as { bomFormat?: unknown; specVersion?: unknown };
    if (doc?.bomFormat !== 'CycloneDX') return { valid: false, errors: ['(document): "bomFormat" is not "CycloneDX"'] };
    specVersion = typeof doc.specVersion === 'string' ? doc.specVersion : undefined;
  } catch (error) {
    return { valid: false, errors: [`(document): not JSON (${errorMessage(error).slice(0, 200)})`] };
  }
  const version = specVersion && VERSIONS.has(specVersion) ? specVersion : undefined;
  if (!version) return { valid: false, ...(specVersion ? { specVersion } : {}), errors: [`/specVersion: ${JSON.stringify(specVersion ?? null)} is not a CycloneDX JSON version the official schemas cover (1.2 to 1.7)`] };
  try {
    let validator = validators.get(version);
    if (!validator) {
      const { JsonStrictValidator } = await loadValidation();
      validator = new JsonStrictValidator(version);
      validators.set(version, validator);
    }
    const errors = (await validator.validate(content)) as AjvError[] | null;
    if (errors === null) return { valid: true, specVersion: version };
    const listed = errors.slice(0, MAX_ERRORS).map(describe);
    if (errors.length > MAX_ERRORS) listed.push(`and ${errors.length - MAX_ERRORS} more`);
    return { valid: false, specVersion: version, errors: listed };
  } catch (error) {
    validators.delete(version);
    library = undefined;
    return { valid: 'unknown', specVersion: version, reason: `the CycloneDX validator could not run: ${errorMessage(error).slice(0, 300)}` };
  }
}
