import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { errorMessage } from '@gatehouse/findings';

/**
 * Validation against the official CycloneDX JSON schema with the CycloneDX library's own validator
 * (@cyclonedx/cyclonedx-library `Validation.JsonStrictValidator`, ajv with the schema files the
 * library ships in `res/schema`, remote schemas disabled).
 *
 * Bundling: the library reads its schema files at run time from `<dir of its code>/../res/schema`
 * (`__dirname`), and loads ajv, ajv-formats and ajv-formats-draft2019 with `require`. An ESM bundle
 * must therefore define `__dirname` (the project's banner defines `require` only) and ship the
 * `res/schema/*.schema.json` files one directory above the bundle (docs/sbom.md, "Bundling").
 */
export type CycloneDxValidation =
  | { valid: true; specVersion: string }
  | { valid: false; specVersion?: string; errors: string[] }
  /** The validator itself could not run (missing schema files or ajv): not a verdict on the SBOM. */
  | { valid: 'unknown'; specVersion?: string; reason: string };

const VERSIONS: Readonly<Record<string, Spec.Version>> = {
  '1.2': Spec.Version.v1dot2,
  '1.3': Spec.Version.v1dot3,
  '1.4': Spec.Version.v1dot4,
  '1.5': Spec.Version.v1dot5,
  '1.6': Spec.Version.v1dot6,
  '1.7': Spec.Version.v1dot7,
};

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

const validators = new Map<string, Validation.JsonStrictValidator>();

export async function validateCycloneDx(content: string): Promise<CycloneDxValidation> {
  let specVersion: string | undefined;
  try {
    const doc = JSON.parse(content) as { bomFormat?: unknown; specVersion?: unknown };
    if (doc?.bomFormat !== 'CycloneDX') return { valid: false, errors: ['(document): "bomFormat" is not "CycloneDX"'] };
    specVersion = typeof doc.specVersion === 'string' ? doc.specVersion : undefined;
  } catch (error) {
    return { valid: false, errors: [`(document): not JSON (${errorMessage(error).slice(0, 200)})`] };
  }
  const version = specVersion && Object.hasOwn(VERSIONS, specVersion) ? VERSIONS[specVersion]! : undefined;
  if (!version) return { valid: false, ...(specVersion ? { specVersion } : {}), errors: [`/specVersion: ${JSON.stringify(specVersion ?? null)} is not a CycloneDX JSON version the official schemas cover (1.2 to 1.7)`] };
  let validator = validators.get(version);
  if (!validator) {
    validator = new Validation.JsonStrictValidator(version);
    validators.set(version, validator);
  }
  try {
    const errors = (await validator.validate(content)) as AjvError[] | null;
    if (errors === null) return { valid: true, specVersion: version };
    const listed = errors.slice(0, MAX_ERRORS).map(describe);
    if (errors.length > MAX_ERRORS) listed.push(`and ${errors.length - MAX_ERRORS} more`);
    return { valid: false, specVersion: version, errors: listed };
  } catch (error) {
    validators.delete(version);
    return { valid: 'unknown', specVersion: version, reason: `the CycloneDX validator could not run: ${errorMessage(error).slice(0, 300)}` };
  }
}
