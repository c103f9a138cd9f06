import { describe, expect, it } from 'vitest';
import { withDiscriminators } from './discriminated-one-of';

const branch = (kind: string, extra: Record<string, unknown> = {}) => ({ type: 'object', properties: { kind: { type: 'string', const: kind }, ...extra }, required: ['kind'] });

describe('withDiscriminators', () => {
  it('marks a oneOf of objects told apart by one required constant, and makes the union refuse non-objects', () => {
    const schema = { properties: { at: { oneOf: [branch('a'), branch('b')] } } };
    expect(withDiscriminators(schema)).toEqual({ properties: { at: { oneOf: [branch('a'), branch('b')], type: 'object', discriminator: { propertyName: 'kind' } } } });
    expect(schema.properties.at).not.toHaveProperty('discriminator');
  });

  it('leaves alone unions that are not told apart that way', () => {
    const optionalTag = { ...branch('b'), required: [] };
    for (const oneOf of [[branch('a'), branch('a')], [branch('a'), optionalTag], [branch('a'), { type: 'string' }], [branch('a')]]) {
      expect(withDiscriminators({ oneOf })).toEqual({ oneOf });
    }
    expect(withDiscriminators({ type: 'string', oneOf: [branch('a'), branch('b')] })).not.toHaveProperty('discriminator');
  });
});
