import { findingsDocumentJsonSchema, type FindingsDocument } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../test-support/ajv';
import { codeFinding, documentOf, emptyDecision, packageFinding } from '../test-support/findings-factory';
import { FindingsDocumentSchema } from '@gatehouse/findings';
import { buildFindingsDocument, serializeFindingsDocument, writeFindingsDocument } from './findings-document';

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

/** What findings.json was before it was written piece by piece: zod's output, stringified whole. */
const zodReference = (doc: FindingsDocument) => `${JSON.stringify(FindingsDocumentSchema.parse(doc), null, 2)}\n`;

describe('findings.json bytes', () => {
  const variety = (): FindingsDocument =>
    documentOf(
      [
        codeFinding('a', { secret: { preview: 'ab**', hash: 'f'.repeat(64) }, category: 'secret', tags: ['x'], suppression: { kind: 'inline', reason: 'nosec' }, status: 'suppressed' }),
        packageFinding('b', { firstSeen: '2026-01-01T00:00:00Z', slaDueAt: '2026-01-08T00:00:00.000+02:00', isNew: true }),
        codeFinding('c', { location: { kind: 'repository' }, severityBasis: { kind: 'default', reason: 'a default' }, confidence: 'low' }),
        packageFinding('d', {
          location: { kind: 'image', ref: 'ghcr.io/x/y:1', purl: 'pkg:deb/debian/z@1', name: 'z', version: '1', target: 'x (debian 12)', installedVersions: ['1'] },
          severityBasis: { kind: 'none' },
          fix: { available: true, versions: ['2'], state: 'fixed', advice: 'upgrade z to 2 — "now"\n' },
        }),
        codeFinding('e', { title: 'line\nbreak \u2028 and "quotes" and \ud800', severityBasis: { kind: 'vendor', label: 'HIGH', source: 'v' } }),
      ],
      { engines: [{ id: 'bandit', status: 'incomplete', reason: 'r', durationMs: 12.5, findings: 3, skipped: 0, reports: ['a.json'] }] },
    );

  it('are zod\'s output, keys in schema order, whatever order the objects were built in', () => {
    for (const doc of [variety(), reversedKeys(variety()), documentOf([]), reversedKeys(documentOf([packageFinding('only')]))]) {
      expect(serializeFindingsDocument(doc)).toBe(zodReference(doc));
    }
  });

  it('are the same written in pieces, and the pieces split the findings', () => {
    const doc = documentOf(Array.from({ length: 1203 }, (_, i) => codeFinding(`many-${i}`, { location: { kind: 'code', path: `src/f${i}.py`, startLine: 1 + i } })));
    const chunks: string[] = [];
    writeFindingsDocument(doc, (chunk) => chunks.push(chunk));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe(zodReference(doc));
  });

  it('writes nothing at all for an invalid document', () => {
    const chunks: string[] = [];
    const bad = documentOf([codeFinding('ok'), codeFinding('bad', { severity: 'severe' as never })]);
    expect(() => writeFindingsDocument(bad, (chunk) => chunks.push(chunk))).toThrow(/findings\.1\.severity/);
    expect(chunks).toEqual([]);
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
