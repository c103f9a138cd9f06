import { z } from 'zod';

/**
 * Zod schemas for action inputs. Each takes the raw string the runner passes (already trimmed; an
 * empty or absent input arrives as `undefined`, so `.optional()` and `.default()` work as expected)
 * and turns it into a typed value. Use them as the values of the object given to `readInputs`.
 */

/** YAML 1.2 core schema booleans, as `core.getBooleanInput` accepts them. */
const TRUE_VALUES = new Set(['true', 'True', 'TRUE']);
const FALSE_VALUES = new Set(['false', 'False', 'FALSE']);

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export const input = {
  /** Any non-empty text. */
  string: () => z.string(),

  /** true/True/TRUE or false/False/FALSE; anything else is an error (no "yes", no "1"). */
  boolean: () =>
    z.string().transform((text, ctx) => {
      if (TRUE_VALUES.has(text)) return true;
      if (FALSE_VALUES.has(text)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    }),

  /** A whole number, optionally bounded. */
  integer: (bounds: { min?: number; max?: number } = {}) => {
    let number = z.int();
    if (bounds.min !== undefined) number = number.min(bounds.min);
    if (bounds.max !== undefined) number = number.max(bounds.max);
    return z
      .string()
      .regex(/^-?\d{1,15}$/, 'must be a whole number')
      .transform(Number)
      .pipe(number);
  },

  /** One of the given words. */
  enum: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),

  /** Items separated by commas or new lines (`high,critical` or a YAML block), blanks dropped. */
  list: () => z.string().transform((text) => splitList(text, /[\n,]/)),

  /** One item per line (paths may contain commas), blanks dropped. */
  lines: () => z.string().transform((text) => splitList(text, /\r?\n/)),

  /** A JSON document validated by `schema`. */
  json: <T extends z.ZodType>(schema: T) =>
    z
      .string()
      .transform((text, ctx): unknown => {
        try {
          return JSON.parse(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `is not valid JSON (${(error as Error).message})` });
          return z.NEVER;
        }
      })
      .pipe(schema),
};
