import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codeUnitLengthsOnlyRefuseMore, compiledSafeParse, isPlainValidation } from './compiled-safe-parse';

const Entry = z.looseObject({
  id: z.string().min(1).max(5),
  count: z.int().min(0),
  score: z.number().min(0).max(10).optional(),
  tags: z.array(z.string().regex(/^[a-z]+$/)).max(3).nullish(),
  kind: z.enum(['a', 'b']),
  scores: z.record(z.string(), z.number()).nullish(),
  at: z.iso.datetime({ offset: true }).optional(),
  where: z.discriminatedUnion('k', [z.strictObject({ k: z.literal('file'), path: z.string() }), z.strictObject({ k: z.literal('none') })]).optional(),
});

// Values as JSON.parse makes them, including the awkward ones: astral characters at a length limit,
// lone surrogates, 1e999 (Infinity), integers past 2^53, extra keys, wrong types at every depth.
const values: unknown[] = [
  { id: 'x', count: 0, kind: 'a' },
  { id: '😀😀😀😀😀', count: 1, kind: 'b' },
  { id: '😀😀😀😀😀😀', count: 1, kind: 'b' },
  { id: '', count: 1, kind: 'a' },
  { id: '\ud800', count: 1, kind: 'a', tags: ['ab', '\ud800'] },
  { id: 'x', count: 1.5, kind: 'a' },
  { id: 'x', count: 2 ** 53, kind: 'a' },
  { id: 'x', count: 1, kind: 'a', score: Infinity },
  { id: 'x', count: 1, kind: 'a', score: 10.5 },
  { id: 'x', count: 1, kind: 'c' },
  { id: 'x', count: 1, kind: 'a', tags: null, scores: { nvd: 3, x: '3' } },
  { id: 'x', count: 1, kind: 'a', tags: ['ok', 'no', 'fine', 'four'] },
  { id: 'x', count: 1, kind: 'a', tags: ['UP'] },
  { id: 'x', count: 1, kind: 'a', where: { k: 'file', path: 'a' } },
  { id: 'x', count: 1, kind: 'a', where: { k: 'file', path: 'a', extra: 1 } },
  { id: 'x', count: 1, kind: 'a', where: { k: 'other' } },
  { id: 'x', count: 1, kind: 'a', where: 'file' },
  { id: 'x', count: 1, kind: 'a', where: null },
  { id: 'x', count: 1, kind: 'a', where: [{ k: 'none' }] },
  { id: 'x', count: 1, kind: 'a', where: { k: 5 } },
  { id: 'x', count: 1, kind: 'a', where: { path: 'a' } },
  { id: 'x', count: 1, kind: 'a', where: { k: 'none', path: 'a' } },
  { id: 'x', count: 1, kind: 'a', where: { k: 'constructor' } },
  { id: 'x', count: 1, kind: 'a', unknownKey: { anything: [1, 2] } },
  { id: 'x', kind: 'a' },
  { id: 'x', count: 1, kind: 'a', at: '2025-02-29T10:00:00Z' },
  { id: 'x', count: 1, kind: 'a', at: '2024-02-29T10:00:00+01:00' },
  { id: 'x', count: 1, kind: 'a', at: '2024-02-29 10:00:00Z' },
  null,
  [],
  'text',
];

describe('compiledSafeParse', () => {
  it('accepts and refuses exactly what zod does, with zod\'s own errors', () => {
    const parse = compiledSafeParse(Entry, { compileAfter: 0 });
    for (const value of values) {
      const fast = parse(value);
      const slow = Entry.safeParse(value);
      expect(fast.success, JSON.stringify(value)).toBe(slow.success);
      if (!fast.success) expect(fast.error.issues).toEqual(slow.error!.issues);
      else expect(fast.data).toEqual(slow.data);
    }
  });

  it('returns an accepted value itself, not a copy', () => {
    const value = { id: 'x', count: 1, kind: 'a' };
    const parsed = compiledSafeParse(Entry, { compileAfter: 0 })(value);
    expect(parsed.success && parsed.data).toBe(value);
  });

  it('leaves to zod every schema whose JSON Schema would not say the same thing', () => {
    expect(isPlainValidation(Entry)).toBe(true);
    for (const schema of [
      z.object({ a: z.string() }), // strips unknown keys
      z.string().trim(),
      z.string().refine((s) => s !== 'x'),
      z.string().regex(/a/i),
      z.string().default('x'),
      z.string().transform((s) => s.length),
      z.email(),
      z.url(),
      z.looseObject({ a: z.string().pipe(z.string()) }),
      z.record(z.enum(['a', 'b']), z.number()),
      z.lazy(() => z.string()),
    ]) {
      expect(isPlainValidation(schema as z.ZodType), String(schema._zod.def.type)).toBe(false);
    }
    const refined = z.looseObject({ a: z.string().refine((s) => s !== 'x', 'not x') });
    const parse = compiledSafeParse(refined, { compileAfter: 0 });
    expect(parse({ a: 'x' }).success).toBe(false);
    expect(parse({ a: 'y' }).success).toBe(true);
  });
});

describe('compiledSafeParse before it compiles', () => {
  it('leaves small inputs to zod (its copy), and compiles once the entries seen reach compileAfter', () => {
    const parse = compiledSafeParse(Entry, { compileAfter: 3 });
    const value = { id: 'x', count: 1, kind: 'a' };
    const first = parse(value);
    expect(first.success && first.data).not.toBe(value);
    expect(first.success && first.data).toEqual(value);
    const heavy = parse(value, 2);
    expect(heavy.success && heavy.data).toBe(value);
    expect(parse({ id: 'x', kind: 'a' }).success).toBe(false);
  });
});

describe('codeUnitLengthsOnlyRefuseMore', () => {
  it('holds when no minLength is above 1, anywhere in the schema', () => {
    expect(codeUnitLengthsOnlyRefuseMore({ type: 'object', properties: { a: { type: 'string', minLength: 1, maxLength: 5 } } })).toBe(true);
    expect(codeUnitLengthsOnlyRefuseMore({ anyOf: [{ type: 'string' }, { items: { type: 'string', minLength: 2 } }] })).toBe(false);
  });
});
