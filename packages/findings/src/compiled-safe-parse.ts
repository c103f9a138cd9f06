import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { z } from 'zod';
import { withDiscriminators } from './discriminated-one-of';

/**
 * `schema.safeParse`, about ten times faster for the values it accepts. A validator compiled once
 * from the schema's JSON Schema checks each value; a value it accepts is returned as it is, and only a
 * value it refuses goes through zod, so every error (message, path) is zod's own.
 *
 * Only for schemas where that is exactly equivalent, which `isPlainValidation` checks and otherwise
 * falls back to zod for every value:
 * - nothing is transformed, defaulted or stripped (loose and strict objects only, no transforms,
 *   pipes, defaults, `.trim()`), so zod's output would equal its input;
 * - every check has an exact JSON Schema form (lengths, bounds, safe integers, regexes without flags,
 *   ISO dates and times, which zod checks by a pattern only); refinements, which the JSON Schema
 *   cannot carry, make the schema ineligible.
 * Values are what JSON.parse makes (no undefined, functions or dates): reports, not arbitrary objects.
 * Infinity (JSON's 1e999) is refused as zod refuses it; string lengths count code points as zod does.
 */
export function compiledSafeParse<S extends z.ZodType>(schema: S, options: { compileAfter?: number } = {}): CompiledSafeParse<S> {
  const compileAfter = options.compileAfter ?? COMPILE_AFTER;
  let validate: ValidateFunction | null | undefined;
  let seen = 0;
  return (value, weight = 1) => {
    // Compiling costs a few hundred milliseconds: a small report is checked by zod alone.
    if (validate === undefined) {
      seen += weight;
      if (seen < compileAfter) return schema.safeParse(value);
      validate = compileIfEquivalent(schema);
    }
    if (validate && validate(value)) return { success: true, data: value as z.output<S> };
    return schema.safeParse(value);
  };
}

/**
 * `weight`: how many entries the value holds (a findings document: its findings), counted towards
 * `compileAfter` (default 500 entries), the point from which the validator is compiled and used.
 */
export type CompiledSafeParse<S extends z.ZodType> = (value: unknown, weight?: number) => z.ZodSafeParseResult<z.output<S>>;

const COMPILE_AFTER = 500;

function compileIfEquivalent(schema: z.ZodType): ValidateFunction | null {
  if (!isPlainValidation(schema)) return null;
  try {
    const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' });
    // Counting lengths in UTF-16 units can only refuse more than zod (which counts code points), and
    // a refused value goes to zod anyway.
    return compileJsonSchemaValidator(jsonSchema, { codeUnitLengths: codeUnitLengthsOnlyRefuseMore(jsonSchema) });
  } catch {
    return null;
  }
}

/**
 * An ajv validator for a JSON Schema generated from zod. Patterns run as zod runs them (no `u` flag),
 * NaN and Infinity are refused, formats are checked by the pattern zod's JSON Schema gives them.
 * With `codeUnitLengths`, minLength and maxLength count UTF-16 units (`.length`) instead of code
 * points (zod's and JSON Schema's measure), which spares a loop over every character of every string;
 * see `codeUnitLengthsOnlyRefuseMore` for when that is safe as a first check.
 */
export function compileJsonSchemaValidator(jsonSchema: Record<string, unknown>, options: { codeUnitLengths: boolean }): ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: false,
    strict: false,
    validateSchema: false,
    strictNumbers: true,
    unicodeRegExp: false,
    validateFormats: false,
    // `unicode: false` is deprecated in ajv 8 but honoured; the logger stays quiet about it (a library never prints).
    // Discriminated unions check only the branch a value names (see withDiscriminators).
    discriminator: true,
    ...(options.codeUnitLengths ? { unicode: false, logger: false as const } : {}),
  });
  return ajv.compile(withDiscriminators(jsonSchema) as Record<string, unknown>);
}

/**
 * A string has at least as many UTF-16 units as code points. So a maxLength in units is stricter than
 * in code points, and a minLength of 0 or 1 means the same in both: when no minLength is above 1, a
 * validator counting units accepts only what one counting code points accepts.
 */
export function codeUnitLengthsOnlyRefuseMore(jsonSchema: unknown): boolean {
  if (Array.isArray(jsonSchema)) return jsonSchema.every(codeUnitLengthsOnlyRefuseMore);
  if (jsonSchema === null || typeof jsonSchema !== 'object') return true;
  for (const [key, value] of Object.entries(jsonSchema)) {
    if (key === 'minLength' && typeof value === 'number' && value > 1) return false;
    if (!codeUnitLengthsOnlyRefuseMore(value)) return false;
  }
  return true;
}

type Def = {
  type: string;
  check?: string;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
};
type CheckDef = { check: string; format?: string; pattern?: RegExp };

const EXACT_CHECKS = new Set(['min_length', 'max_length', 'length_equals', 'greater_than', 'less_than']);

function exactCheck(check: CheckDef): boolean {
  if (EXACT_CHECKS.has(check.check)) return true;
  if (check.check === 'number_format') return check.format === 'safeint';
  if (check.check === 'string_format') return PATTERN_FORMATS.has(check.format ?? '') && check.pattern instanceof RegExp && check.pattern.flags === '';
  return false;
}

// Formats zod checks with nothing but its pattern, which the JSON Schema carries (ajv checks the
// pattern and ignores the format name): the same test either way.
const PATTERN_FORMATS = new Set(['regex', 'datetime', 'date', 'time']);

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isJsonScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** True when the JSON Schema of `schema` accepts exactly what zod accepts, and zod would return its input unchanged. */
export function isPlainValidation(schema: z.ZodType): boolean {
  const def = defOf(schema);
  // A schema that is itself a check (z.int(), z.email(), z.iso.datetime()) carries it on its def.
  if (def.check !== undefined && !exactCheck(def as CheckDef)) return false;
  if (!(def.checks ?? []).every((c) => exactCheck(c._zod.def))) return false;
  switch (def.type) {
    case 'string':
      return def.format === undefined || PATTERN_FORMATS.has(def.format);
    case 'number':
      return def.format === undefined || def.format === 'safeint';
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'any':
      return true;
    case 'literal':
      return (def.values ?? []).every(isJsonScalar);
    case 'enum':
      return Object.values(def.entries ?? {}).every((v) => typeof v === 'string' || typeof v === 'number');
    case 'array':
      return isPlainValidation(def.element!);
    case 'object': {
      // Loose (catchall unknown) or strict (catchall never): a plain z.object strips unknown keys.
      const catchall = def.catchall ? defOf(def.catchall).type : undefined;
      if (catchall !== 'unknown' && catchall !== 'never') return false;
      return Object.values(def.shape ?? {}).every(isPlainValidation);
    }
    case 'record': {
      const key = defOf(def.keyType!);
      return key.type === 'string' && key.check === undefined && !key.checks?.length && key.format === undefined && isPlainValidation(def.valueType!);
    }
    case 'union':
      return (def.options ?? []).every(isPlainValidation);
    case 'optional':
    case 'nullable':
      return isPlainValidation(def.innerType!);
    default:
      return false;
  }
}
