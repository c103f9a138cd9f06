import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaKeyOrderer } from './schema-key-order';

const Item = z.strictObject({ a: z.string(), b: z.number().optional(), nested: z.strictObject({ x: z.string(), y: z.string() }).optional() });
const Loose = z.looseObject({ first: z.string(), second: z.string() });

describe('schemaKeyOrderer', () => {
  it('puts keys in the order zod\'s output has them, at every depth', () => {
    const order = schemaKeyOrderer(z.array(Item))!;
    const value = [{ nested: { y: '2', x: '1' }, b: 1, a: 'a' }, { a: 'b' }];
    expect(JSON.stringify(order(value))).toBe(JSON.stringify(z.array(Item).parse(value)));
  });

  it('returns a value already in schema order as itself, not a copy', () => {
    const value = { a: 'a', b: 1, nested: { x: '1', y: '2' } };
    expect(schemaKeyOrderer(Item)!(value)).toBe(value);
  });

  it('keeps a loose object\'s other keys after the listed ones, an own __proto__ key as a plain key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "second": "2", "extra": 1, "first": "1"}') as Record<string, unknown>;
    const ordered = schemaKeyOrderer(Loose)!(value) as Record<string, unknown>;
    expect(Object.keys(ordered)).toEqual(['first', 'second', '__proto__', 'extra']);
    expect(Object.getPrototypeOf(ordered)).toBe(Object.prototype);
    expect((ordered as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('gives up (undefined) on a schema whose output zod reshapes', () => {
    expect(schemaKeyOrderer(z.object({ a: z.string() }))).toBeUndefined();
    expect(schemaKeyOrderer(z.strictObject({ a: z.string().transform((s) => s.length) }))).toBeUndefined();
  });
});
