import type { z } from 'zod';

/**
 * A value that a zod schema accepts, with every object's keys in the order the schema lists them: the
 * order zod's own output has, without zod validating everything again. Objects already in that order
 * are returned as they are (copying 100k findings costs more than checking them). Used only on values
 * already validated against the same schema (strict and loose objects, arrays, records, optionals,
 * discriminated unions); for anything else it returns undefined and the caller uses zod.
 */
export type KeyOrderer = (value: unknown) => unknown;

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  innerType?: z.ZodType;
  values?: unknown[];
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const same: KeyOrderer = (value) => value;

export function schemaKeyOrderer(schema: z.ZodType): KeyOrderer | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'literal':
    case 'enum':
    case 'unknown':
    case 'any':
      return same;
    case 'optional':
    case 'nullable': {
      const inner = schemaKeyOrderer(def.innerType!);
      if (!inner) return undefined;
      return inner === same ? same : (value) => (value === undefined || value === null ? value : inner(value));
    }
    case 'array': {
      const element = schemaKeyOrderer(def.element!);
      if (!element) return undefined;
      if (element === same) return same;
      return (value) => {
        const items = value as unknown[];
        let out: unknown[] | undefined;
        for (let i = 0; i < items.length; i++) {
          const ordered = element(items[i]);
          if (ordered !== items[i] && !out) out = items.slice(0, i);
          out?.push(ordered);
        }
        return out ?? items;
      };
    }
    case 'record': {
      const valueOrderer = schemaKeyOrderer(def.valueType!);
      if (!valueOrderer) return undefined;
      if (valueOrderer === same) return same;
      return (value) => {
        const source = value as Record<string, unknown>;
        const keys = Object.keys(source);
        if (keys.every((key) => valueOrderer(source[key]) === source[key])) return source;
        const out: Record<string, unknown> = {};
        for (const key of keys) out[key] = valueOrderer(source[key]);
        return out;
      };
    }
    case 'object':
      return objectOrderer(def);
    case 'union':
      return discriminatedOrderer(def);
    default:
      return undefined;
  }
}

function objectOrderer(def: Def): KeyOrderer | undefined {
  const catchall = def.catchall ? defOf(def.catchall).type : undefined;
  // Strict objects have no other keys; loose ones keep theirs after the listed ones, as zod does.
  if (catchall !== 'never' && catchall !== 'unknown') return undefined;
  const entries: [string, KeyOrderer][] = [];
  for (const [key, child] of Object.entries(def.shape ?? {})) {
    const orderer = schemaKeyOrderer(child);
    if (!orderer) return undefined;
    entries.push([key, orderer]);
  }
  const listed = new Set(entries.map(([key]) => key));
  const position = new Map(entries.map(([key], index) => [key, index]));
  const loose = catchall === 'unknown';
  const build = (source: Record<string, unknown>, ordered?: Map<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [key, orderer] of entries) {
      if (Object.hasOwn(source, key)) out[key] = ordered?.has(key) ? ordered.get(key) : orderer(source[key]);
    }
    if (loose) {
      for (const key of Object.keys(source)) {
        // An own `__proto__` key stays a plain key: assigning it would set the copy's prototype instead.
        if (!listed.has(key)) Object.defineProperty(out, key, { value: source[key], enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  };
  return (value) => {
    const source = value as Record<string, unknown>;
    if (loose) return build(source);
    // Most objects are built in schema order already: those (and their unchanged contents) are kept.
    let last = -1;
    let changed: Map<string, unknown> | undefined;
    for (const key of Object.keys(source)) {
      const at = position.get(key);
      if (at === undefined || at < last) return build(source, changed);
      last = at;
      const orderer = entries[at]![1];
      if (orderer === same) continue;
      const child = source[key];
      const ordered = orderer(child);
      if (ordered !== child) (changed ??= new Map()).set(key, ordered);
    }
    return changed ? build(source, changed) : source;
  };
}

/** A union whose options are told apart by a literal key: the option is picked by that key, as zod does. */
function discriminatedOrderer(def: Def): KeyOrderer | undefined {
  const key = def.discriminator;
  if (!key) return undefined;
  const byValue = new Map<unknown, KeyOrderer>();
  for (const option of def.options ?? []) {
    const optionDef = defOf(option);
    const literal = optionDef.shape?.[key];
    const values = literal ? defOf(literal).values : undefined;
    const orderer = schemaKeyOrderer(option);
    if (!values || !orderer) return undefined;
    for (const v of values) byValue.set(v, orderer);
  }
  return (value) => {
    const orderer = byValue.get((value as Record<string, unknown>)[key]);
    if (!orderer) throw new Error(`no option of the union has ${key} ${JSON.stringify((value as Record<string, unknown>)[key])}`);
    return orderer(value);
  };
}
