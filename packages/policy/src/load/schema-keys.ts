import type { z } from 'zod';

/**
 * The keys a mapping may have at a path of the policy schema, for "did you mean" on unknown keys.
 * Walks zod's schema definitions; a discriminated union picks the member the data's discriminator
 * names.
 */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

function pickMember(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type !== 'union' || !def.options) return schema;
  const tag = def.discriminator && isRecord(data) ? data[def.discriminator] : undefined;
  for (const option of def.options) {
    const optionDef = defOf(unwrap(option));
    const literal = def.discriminator ? optionDef.shape?.[def.discriminator] : undefined;
    if (literal && defOf(unwrap(literal)).values?.includes(tag)) return unwrap(option);
  }
  return undefined;
}

function child(schema: z.ZodType, segment: string | number, data: unknown): { schema: z.ZodType; data: unknown } | undefined {
  const member = pickMember(unwrap(schema), data);
  if (!member) return undefined;
  const def = defOf(member);
  const value = isRecord(data) || Array.isArray(data) ? (data as Record<string | number, unknown>)[segment] : undefined;
  if (def.type === 'object' && def.shape && typeof segment === 'string' && Object.hasOwn(def.shape, segment)) {
    return { schema: def.shape[segment]!, data: value };
  }
  if (def.type === 'array' && def.element && typeof segment === 'number') return { schema: def.element, data: value };
  if (def.type === 'record' && def.valueType) return { schema: def.valueType, data: value };
  return undefined;
}

export function knownKeysAt(root: z.ZodType, path: readonly (string | number)[], data: unknown): string[] {
  let current: { schema: z.ZodType; data: unknown } | undefined = { schema: root, data };
  for (const segment of path) {
    current = current && child(current.schema, segment, current.data);
    if (!current) return [];
  }
  const member = pickMember(unwrap(current.schema), current.data);
  const def = member ? defOf(member) : undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
