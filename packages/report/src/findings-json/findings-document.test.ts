import { findingsDocumentJsonSchema, type FindingsDocument } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../test-support/ajv';
import { codeFinding, documentOf, emptyDecision, packageFinding } from '../test-support/findings-factory';
import { buildFindingsDocument, serializeFindingsDocument } from './findings-document';

function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
  }
  return value;
}

describe('serializeFindingsDocument', () => {
  it('writes the same bytes whatever order the keys were built in', () => {
    const doc = documentOf([codeFinding('a'), packageFinding('b')]);
    expect(serializeFindingsDocument(reversedKeys(doc))).toBe(serializeFindingsDocument(doc));
    expect(Object.keys(JSON.parse(serializeFindingsDocument(reversedKeys(doc))))).toEqual([
      'schemaVersion',
      'tool',
      'target',
      'generatedAt',
      'engines',
      'decision',
      'findings',
    ]);
  });

  it('writes JSON that validates against the exported findings.json schema', () => {
    const text = serializeFindingsDocument(documentOf([codeFinding('a'), packageFinding('b')]));
    const validate = createAjv().compile(findingsDocumentJsonSchema());
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses to write a document that does not match the schema, naming the field', () => {
    const bad = documentOf([codeFinding('a', { severity: 'severe' as never })]);
    expect(() => serializeFindingsDocument(bad)).toThrow(/findings\.0\.severity/);
  });

  it('refuses a secret with more than a masked preview', () => {
    const leaky = documentOf([
      codeFinding('s', { category: 'secret', secret: { preview: 'AKIAIOSFODNN7EXAMPLE' }, location: { kind: 'code', path: 'a.env', startLine: 1 } }),
    ]);
    expect(() => serializeFindingsDocument(leaky)).toThrow(/secret\.preview/);
  });

  it('ends with a newline and keeps findings in the order given', () => {
    const findings = [packageFinding('b'), codeFinding('a')];
    const text = serializeFindingsDocument(documentOf(findings));
    expect(text.endsWith('}\n')).toBe(true);
    expect((JSON.parse(text) as FindingsDocument).findings.map((f) => f.id)).toEqual(findings.map((f) => f.id));
  });
});

describe('buildFindingsDocument', () => {
  it('wraps the parts of a run in the findings.json envelope', () => {
    const doc = buildFindingsDocument({
      toolVersion: '1.2.3',
      target: { name: 'repo', kind: 'repository' },
      engines: [{ id: 'bandit', status: 'ran' }],
      decision: emptyDecision(),
      findings: [],
      generatedAt: new Date('2026-05-01T12:00:00Z'),
    });
    expect(doc).toMatchObject({ schemaVersion: '1.0', tool: { name: 'gatehouse', version: '1.2.3' }, generatedAt: '2026-05-01T12:00:00.000Z' });
    expect(() => serializeFindingsDocument(doc)).not.toThrow();
  });
});
